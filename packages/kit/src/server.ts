import { ApolloServer, ContextFunction } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import express, { Express, Request } from 'express';
import { GraphQLSchema } from 'graphql';
import { Context } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { WebSocket, WebSocketServer } from 'ws';
import { formatDatabaseError } from './database-errors';
import { createLimitedServer, ListenerLimits } from './listener-limits';
import { cancelAbandonedQueries } from './query-cancel';
import { Logger, silentLogger } from './observability/logger';
import { NewsgraphMetrics, PoolStats, processMetrics, serveMetrics } from './observability/metrics';
import { operationTracking, reenterRequest, trackRequests } from './observability/subgraph-requests';
import { noteSubscription } from './observability/subscriptions';
import { requireSubgraphSecret, secretHeader, secretInConnectionParams, secretMatches } from './secret';

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
  /**
   * Shared secret the gateway sends in `x-newsgraph-subgraph-secret`; /graphql (HTTP and WebSocket)
   * and /internal/* refuse requests without it (403). Unset: everything is accepted (development).
   */
  secret?: string;
  /** request and header deadlines, keep-alive and connection cap of its listener (README "Security and limits") */
  listenerLimits?: Partial<ListenerLimits>;
  /** how long /readyz waits for the database before answering 503; default 2000 ms */
  readinessTimeoutMs?: number;
  /** where the `request completed` lines go; default: nowhere */
  logger?: Logger;
  /** default: the process's registry (processMetrics()) */
  metrics?: NewsgraphMetrics;
  /** NEWSGRAPH_METRICS_TOKEN: /metrics answers only `Authorization: Bearer <token>` when set */
  metricsToken?: string;
}

/**
 * What every subgraph's server factory takes (`createActorsSubgraph(deps)` and the others extend
 * it with their own): main.ts fills it from the configuration, tests from `startSubgraphForTest`.
 */
export interface SubgraphDeps {
  /** an initialised data source whose migrations have run */
  dataSource: DataSource;
  /** bearer tokens allowed to write */
  writeTokens: string[];
  /** NODE_ENV=production: masks details, turns introspection off on direct calls */
  production?: boolean;
  /** required in `x-newsgraph-subgraph-secret` on /graphql (HTTP and WebSocket) and /internal/* when set */
  subgraphSecret?: string;
  /** the process logger (one `request completed` line per request); default: nowhere */
  logger?: Logger;
  /** default: the process's registry (processMetrics()) */
  metrics?: NewsgraphMetrics;
  /** bearer token /metrics requires, when set */
  metricsToken?: string;
  /** deadlines and connection cap of its listener (NEWSGRAPH_REQUEST_TIMEOUT_MS and friends) */
  listenerLimits?: Partial<ListenerLimits>;
}

/** The options of `createSubgraphServer` that come straight from a subgraph's deps. */
export function subgraphServerOptions(deps: SubgraphDeps) {
  return {
    dataSource: deps.dataSource,
    production: deps.production,
    secret: deps.subgraphSecret,
    logger: deps.logger,
    metrics: deps.metrics,
    metricsToken: deps.metricsToken,
    listenerLimits: deps.listenerLimits,
  } satisfies Partial<SubgraphServerOptions<object>>;
}

export interface SubscriptionOptions<TContext extends object> {
  /** builds the context of one subscription operation (it lives as long as the operation) */
  createContext: (request: http.IncomingMessage, connectionParams: Record<string, unknown> | undefined) => TContext | Promise<TContext>;
  /** runs on close, after the sockets are closed (e.g. to stop what feeds the subscriptions) */
  onClose?: () => Promise<void>;
}

type Extra = { socket: WebSocket; request: http.IncomingMessage };

/** The node-postgres pool behind a TypeORM data source (undefined before initialize or after destroy). */
function poolOf(dataSource: DataSource): PoolStats | undefined {
  const pool = (dataSource.driver as { master?: PoolStats } | undefined)?.master;
  return dataSource.isInitialized && pool && typeof pool.totalCount === 'number' ? pool : undefined;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof (value as AsyncIterable<unknown> | null)?.[Symbol.asyncIterator] === 'function';
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
export async function createSubgraphServer<TContext extends object>(options: SubgraphServerOptions<TContext>): Promise<SubgraphServer> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createLimitedServer(options.listenerLimits, app);
  const logger = options.logger ?? silentLogger();
  const metrics = options.metrics ?? processMetrics();
  const stopWatchingPool = metrics.watchPool(options.name, () => poolOf(options.dataSource));
  cancelAbandonedQueries(options.dataSource);
  const apollo = new ApolloServer<TContext>({
    schema: options.schema,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => formatDatabaseError(formatted, error),
    introspection: !options.production,
    // main.ts owns signals; Apollo's own handlers would race it and hang the second stop()
    stopOnTerminationSignals: false,
    // inline tracing is for Apollo's own gateway; ours does not read it. Cache control is off too:
    // no field carries a cache hint and the gateway sets its own Cache-Control, while the plugin's
    // per-field hook made Apollo wrap every resolver of the schema (a closure and a callback for
    // each value of each row)
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      operationTracking<TContext>(),
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: options.name });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await withTimeout(options.dataSource.query('SELECT 1'), options.readinessTimeoutMs ?? 2000);
      res.json({ status: 'ready', service: options.name });
    } catch (e) {
      res.status(503).json({ status: 'unready', service: options.name, reason: 'database unreachable' });
    }
  });
  // open to the scraper: the subgraph secret is the gateway's, not Prometheus's (a token may guard it)
  app.get('/metrics', serveMetrics(metrics.registry, options.metricsToken));
  // every request gets its id, span and log line, refused ones included
  app.use('/graphql', trackRequests({ service: options.name, logger, metrics, kind: 'graphql' }));
  app.use('/internal', trackRequests({ service: options.name, logger, metrics, kind: 'internal' }));
  // before any route that could do work: the secret is checked first
  const guard = requireSubgraphSecret(options.secret);
  app.use('/internal', guard);
  app.use('/graphql', guard);
  options.routes?.(app);
  const context: ContextFunction<[{ req: Request }], TContext> = async ({ req }) => options.createContext(req);
  app.use('/graphql', express.json({ limit: '2mb' }), reenterRequest(), expressMiddleware(apollo, { context }));

  const subscriptions = options.subscriptions;
  let closeSubscriptions = async () => {};
  if (subscriptions) {
    const secret = options.secret;
    const wss = new WebSocketServer({
      server: httpServer,
      path: '/graphql',
      // a wrong header is refused at the upgrade; a missing one may still come in connection_init
      verifyClient: (info, done) => {
        const given = secretHeader(info.req);
        if (secret === undefined || given === undefined || secretMatches(secret, given)) done(true);
        else done(false, 403, 'Forbidden', { 'content-type': 'application/json' });
      },
    });
    const open = new Set<Context<Record<string, unknown> | undefined, Extra>>();
    const wsServer = useServer<Record<string, unknown> | undefined, Extra>(
      {
        schema: options.schema,
        context: (ctx) => subscriptions.createContext(ctx.extra.request, ctx.connectionParams),
        onConnect: (ctx) => {
          if (secret !== undefined && secretHeader(ctx.extra.request) === undefined) {
            if (!secretMatches(secret, secretInConnectionParams(ctx.connectionParams))) return false;
          }
          open.add(ctx);
          return true;
        },
        onClose: (ctx) => {
          open.delete(ctx);
        },
        // counted from setup to the end of the stream, however it ends
        onOperation: (_ctx, _id, payload, args, result) => {
          noteSubscription(logger, payload.extensions, args.operationName ?? payload.operationName ?? null, result);
          return isAsyncIterable(result) ? metrics.countSubscription(options.name, result) : undefined;
        },
      },
      wss,
    );
    closeSubscriptions = async () => {
      // clean end for clients: every running subscription gets `complete` before the socket closes
      for (const ctx of open) {
        for (const [id, operation] of Object.entries(ctx.subscriptions)) {
          if (ctx.extra.socket.readyState === WebSocket.OPEN) ctx.extra.socket.send(JSON.stringify({ id, type: 'complete' }));
          delete (ctx.subscriptions as Record<string, unknown>)[id];
          const ended = (operation as AsyncGenerator<unknown> | null)?.return?.(undefined);
          void Promise.resolve(ended).catch(() => undefined);
        }
      }
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
              stopWatchingPool();
              if (httpServer.listening) await new Promise<void>((r) => httpServer.close(() => r()));
            },
          });
        });
      });
    },
  };
}
