import { SUBGRAPH_SECRET_HEADER } from '@newsgraph/kit';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { REPO_ROOT } from '../stack';

/**
 * `@apollo/gateway` (Elastic-2.0) over the same supergraph and subgraphs, as a comparison point
 * for the benchmark only; newsgraph itself does not use it. Forked by the bench, reports its URL
 * over IPC. Subgraph URLs come from ACTORS_URL, STATEMENTS_URL, SOURCES_URL.
 */
async function main(): Promise<void> {
  let sdl = readFileSync(path.join(REPO_ROOT, 'schema/supergraph.graphql'), 'utf8');
  for (const name of ['actors', 'statements', 'sources']) {
    const url = process.env[`${name.toUpperCase()}_URL`];
    if (!url) throw new Error(`${name.toUpperCase()}_URL is not set`);
    sdl = sdl.replace(new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]*`), `$1${url}`);
  }
  // the subgraphs answer only callers that present the gateway's secret
  const secret = process.env.NEWSGRAPH_SUBGRAPH_SECRET ?? '';
  const gateway = new ApolloGateway({
    supergraphSdl: sdl,
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource({
        url,
        willSendRequest({ request }) {
          request.http?.headers.set(SUBGRAPH_SECRET_HEADER, secret);
        },
      }),
  });
  const server = new ApolloServer({ gateway, csrfPrevention: false });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  console.log(`@apollo/gateway ready at ${url}`);
  process.send?.({ type: 'ready', url, port: Number(new URL(url).port) });
  const stop = () => server.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
