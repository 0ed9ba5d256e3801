import { createGatewayRuntime, getGraphQLWSOptions, GatewayRuntime } from '@graphql-hive/gateway-runtime';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { serveLive } from './live-page';
import { playgroundOptions } from './playground';
import { loadSupergraph, SubgraphName } from './supergraph';

export interface GatewayOptions {
  /** where each subgraph listens; defaults to the URLs in the supergraph file */
  subgraphUrls?: Partial<Record<SubgraphName, string>>;
  /** production: no GraphiQL, no introspection details in errors */
  production?: boolean;
}

export interface RunningGateway {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface Gateway {
  runtime: GatewayRuntime;
  server: http.Server;
  listen(port: number, host: string): Promise<RunningGateway>;
}

/**
 * The public entry point: plans each operation over the supergraph and runs it across the
 * subgraphs (HTTP for queries and mutations, graphql-ws for subscriptions). Builds without
 * listening; `listen` starts it.
 */
export function createGateway(options: GatewayOptions = {}): Gateway {
  const supergraph = loadSupergraph(options.subgraphUrls);
  const runtime = createGatewayRuntime({
    supergraph: () => supergraph,
    // Writes are authorised by the subgraph that owns the data, so the bearer token travels on.
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({
        authorization: request.headers.get('authorization') ?? undefined,
      }),
    },
    transportEntries: {
      statements: { options: { subscriptions: { kind: 'ws', location: '/graphql' } } },
    },
    landingPage: false,
    // The runtime's own GraphiQL loads from a CDN; this renderer inlines everything (offline-safe).
    graphiql: options.production ? false : playgroundOptions(),
    renderGraphiQL,
    logging: 'warn',
  });

  const server = http.createServer((req, res) => {
    if (req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok","service":"gateway"}');
      return;
    }
    serveLive(req, res).then(
      (served) => {
        if (!served) void runtime(req, res);
      },
      (e: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`live dashboard: ${e instanceof Error ? e.message : String(e)}`);
      },
    );
  });
  const wss = new WebSocketServer({ server, path: '/graphql' });
  const wsServer = useServer(
    getGraphQLWSOptions<Record<string, unknown>, { request?: http.IncomingMessage; socket?: unknown }>(runtime, (ctx) => ({
      req: ctx.extra?.request,
      socket: ctx.extra?.socket,
    })),
    wss,
  );

  return {
    runtime,
    server,
    async listen(port, host) {
      // The runtime loads the supergraph on its first HTTP request; a WebSocket subscription
      // arriving first would find no schema ("Unexpected error"), so load it before listening.
      await runtime.getSchema();
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const { port: actual } = server.address() as AddressInfo;
          const shownHost = host === '0.0.0.0' || host === '::' || host === '127.0.0.1' ? 'localhost' : host;
          resolve({
            url: `http://${shownHost}:${actual}/graphql`,
            port: actual,
            close: async () => {
              await wsServer.dispose();
              await new Promise<void>((r) => server.close(() => r()));
              await runtime.dispose();
            },
          });
        });
      });
    },
  };
}
