import { ConfigError, DEFAULT_PORTS, readPort, readUrl } from '@newsgraph/kit';
import { createGateway } from './create-gateway';

/** The only impure file of the gateway: environment, port, signals, exit codes. */
async function main(): Promise<void> {
  const env = process.env;
  const problems: string[] = [];
  const port = readPort(env, 'GATEWAY_PORT', DEFAULT_PORTS.gateway, problems);
  const web = ['http:', 'https:'];
  const subgraphUrls = {
    actors: readUrl(env, 'ACTORS_URL', web, problems) ?? `http://127.0.0.1:${DEFAULT_PORTS.actors}/graphql`,
    statements: readUrl(env, 'STATEMENTS_URL', web, problems) ?? `http://127.0.0.1:${DEFAULT_PORTS.statements}/graphql`,
    sources: readUrl(env, 'SOURCES_URL', web, problems) ?? `http://127.0.0.1:${DEFAULT_PORTS.sources}/graphql`,
  };
  if (problems.length) throw new ConfigError(problems);
  const gateway = createGateway({ subgraphUrls, production: env.NODE_ENV === 'production' });
  const running = await gateway.listen(port, env.GATEWAY_HOST || '127.0.0.1');
  console.log(`gateway ready at ${running.url}`);
  process.send?.({ type: 'ready', service: 'gateway', url: running.url, port: running.port });
  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
