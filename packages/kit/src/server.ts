import { ApolloServer, ContextFunction } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import express, { Express, Request } from 'express';
import { GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { WebSocketServer } from 'ws';

export interface SubgraphServerOptions<TContext extends object> {
  name: string;
  schema: GraphQLSchema;
  dataSource: DataSource;
  /** builds the per-request context (DataLoaders live here) */
  createContext: (req: Request) => TContext | Promise<TContext>;
  /** extra routes (internal endpoints) mounted before /graphql */
  routes?: (app: Express) => void;
  production?: boolean;
  /** serve subscriptions over graphql-ws at /graphql (same port, WebSocket upgrade) */
  subscriptions?: SubscriptionOptions<TContext>;
}

export interface SubscriptionOptions<TContext extends object> {
  /** builds the context of one subscription operation (it lives as long as the operation) */
  createContext: (request: http.IncomingMessage, connectionParams: Record<string, unknown> | undefined) => TContext | Promise<TContext>;
  /** runs on close, after the sockets are closed (e.g. to stop what feeds the subscriptions) */
  onClose?: () => Promise<void>;
}

export interface RunningServer {
  url: string;
  port: number;
  httpServer: http.Server;
  close(): Promise<void>;
}

export interface SubgraphServer {
  app: Express;
  httpServer: http.Server;
  listen(port: number, host: string): Promise<RunningServer>;
}

/**
 * An HTTP server for one subgraph: GraphQL at /graphql, liveness at /healthz, readiness
 * (database reachable) at /readyz. Builds without listening; `listen` starts it.
 */
export async function createSubgraphServer<TContext extends object>(
  options: SubgraphServerOptions<TContext>,
): Promise<SubgraphServer> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<TContext>({
    schema: options.schema,
    includeStacktraceInErrorResponses: false,
    introspection: !options.production,
    // main.ts owns signals; Apollo's own handlers would race it and hang the second stop()
    stopOnTerminationSignals: false,
    // inline tracing is for Apollo's own gateway; ours does not read it
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: options.name });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await options.dataSource.query('SELECT 1');
      res.json({ status: 'ready', service: options.name });
    } catch (e) {
      res.status(503).json({ status: 'unready', service: options.name, reason: 'database unreachable' });
    }
  });
  options.routes?.(app);
  const context: ContextFunction<[{ req: Request }], TContext> = async ({ req }) => options.createContext(req);
  app.use('/graphql', express.json({ limit: '2mb' }), expressMiddleware(apollo, { context }));

  const subscriptions = options.subscriptions;
  let closeSubscriptions = async () => {};
  if (subscriptions) {
    const wss = new WebSocketServer({ server: httpServer, path: '/graphql' });
    const wsServer = useServer<Record<string, unknown> | undefined>(
      {
        schema: options.schema,
        context: (ctx) => subscriptions.createContext(ctx.extra.request, ctx.connectionParams),
      },
      wss,
    );
    closeSubscriptions = async () => {
      await wsServer.dispose();
      await subscriptions.onClose?.();
    };
  }

  return {
    app,
    httpServer,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const address = httpServer.address() as AddressInfo;
          const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
          resolve({
            url: `http://${shownHost}:${address.port}/graphql`,
            port: address.port,
            httpServer,
            close: async () => {
              // open sockets would keep the HTTP server from closing
              await closeSubscriptions();
              await apollo.stop();
              if (httpServer.listening) await new Promise<void>((r) => httpServer.close(() => r()));
            },
          });
        });
      });
    },
  };
}
