import { createGatewayRuntime, getGraphQLWSOptions, GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { queryPlanner, QueryPlanner } from './planner';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { liveAssetFiles, serveLive } from './live-page';
import { createExportHandler, executeThrough } from './export';
import { DEFAULT_REVIEW_QUEUE_DIR } from './review-queue';
import { createReviewFinder } from './review-finder';
import { serveReview } from './review-page';
import { playgroundOptions } from './playground';
import { loadSupergraph, SubgraphName } from './supergraph';
import { DEFAULT_LIMITS, OperationLimits } from './limits';
import { createMaskError } from './error-masking';
import { useHttpRules } from './http-rules';
import { useOperationLimits } from './operation-limits';
import { useVariableCoercion } from './variable-coercion';
import { RateLimit, useWriteRateLimit, WriteTokens } from './write-rate-limit';
import { useNoNulText } from './nul-text';
import { useStrictJsonBody } from './strict-json-body';
import { useUpstreamDeadline } from './upstream-deadline';
import { useEndUnservedStreams } from './unserved-streams';
import { useSharedSubscriptions } from './shared-subscriptions';
import { DEFAULT_SUBSCRIPTION_CAPS, SubscriptionCaps, withSubscriptionCaps } from './subscription-caps';
import { createHttpLayer, HttpLayerOptions } from './http/layer';
import { createCorsPolicy } from './http/cors';
import {
  createLimitedServer,
  ListenerLimits,
  Logger,
  NewsgraphMetrics,
  processMetrics,
  serveMetrics,
  silentLogger,
  SUBGRAPH_SECRET_HEADER,
} from '@newsgraph/kit';
import { runtimeLogger, sanitizeRequestId, useObservability } from './observability';
import { createResponseCache, ResponseCacheOptions } from './cache';

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface GatewayOptions {
  /** where each subgraph listens; defaults to the URLs in the supergraph file */
  subgraphUrls?: Partial<Record<SubgraphName, string>>;
  /** production: no GraphiQL, no introspection details in errors */
  production?: boolean;
  /** sent as `x-newsgraph-subgraph-secret` on every HTTP request and WebSocket connection to a subgraph */
  subgraphSecret?: string;
  limits?: Partial<OperationLimits>;
  /** largest accepted request body and WebSocket message; default 1 MiB */
  maxBodyBytes?: number;
  /**
   * Browser origins allowed to read over HTTP and to open a WebSocket, besides the gateway's own;
   * empty (the default): every origin, never with credentials (http/cors.ts)
   */
  allowedOrigins?: string[];
  /** request and header deadlines, keep-alive and connection cap of the public listener (defaults in the kit) */
  listenerLimits?: Partial<ListenerLimits>;
  /** graphql-ws: operations running at once per socket and per client address; default 50 and 200 */
  subscriptionCaps?: Partial<SubscriptionCaps>;
  /** automatic persisted queries and trusted documents (http/persisted-queries.ts) */
  persistedQueries?: HttpLayerOptions['persistedQueries'];
  /**
   * where /metrics is served: its own listener (main.ts: 127.0.0.1, GATEWAY_METRICS_PORT), or,
   * when absent, the public port
   */
  metricsListen?: { port: number; host: string };
  /** graphql-ws: close sockets that send no connection_init within this many ms; default 3000 */
  connectionInitWaitTimeout?: number;
  /** writes per client; default 30 mutation fields per 10 s */
  rateLimit?: RateLimit;
  /**
   * NEWSGRAPH_WRITE_TOKENS, as the subgraphs have them: a write with another token is refused at
   * the gateway, and only these tokens get a write budget of their own (others share their address's)
   */
  writeTokens?: WriteTokens;
  /** per-subgraph request timeout in ms; default 10000 */
  upstreamTimeout?: number;
  /**
   * Query planner: `rust` (Hive Router's native planner, refused where its binary cannot load),
   * `js` (the runtime's JavaScript planner) or `auto` (rust where it loads, else js). Default auto.
   */
  planner?: QueryPlanner;
  /**
   * Merge identical subgraph requests in flight at the same moment into one (default true). The
   * benchmark turns it off, so that its figures measure planning and execution, not merging.
   */
  deduplicateInflight?: boolean;
  /**
   * Subscribers of the same live operation share one upstream subscription and one resolution of
   * each event (shared-subscriptions.ts). Off: each subscriber gets a subscription of its own
   * all the way to the subgraph, as before. Default true.
   */
  shareSubscriptions?: boolean;
  /** the process logger: the runtime's lines and one `request completed` line per operation; default: nowhere */
  logger?: Logger;
  /** default: the process's registry (processMetrics()) */
  metrics?: NewsgraphMetrics;
  /** NEWSGRAPH_METRICS_TOKEN: /metrics answers only `Authorization: Bearer <token>` when set */
  metricsToken?: string;
  /** the response cache (cache/README.md); default: on, in this process */
  responseCache?: Omit<ResponseCacheOptions, 'metrics' | 'logger'>;
  /** NEWSGRAPH_REVIEW_QUEUE: the folder of articles waiting for review that /review lists; default .data/review-queue */
  reviewQueueDir?: string;
}

export interface RunningGateway {
  url: string;
  port: number;
  /** where /metrics answers */
  metricsUrl: string;
  close(): Promise<void>;
}

export interface Gateway {
  runtime: GatewayRuntime;
  /** the planner in use, after `auto` was resolved */
  planner: 'rust' | 'js';
  /** why `auto` fell back to the JavaScript planner (the native binary's load error) */
  plannerFallbackReason?: string;
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
  const production = options.production ?? false;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const secret = options.subgraphSecret ? { [SUBGRAPH_SECRET_HEADER]: options.subgraphSecret } : {};
  const planner = queryPlanner(options.planner ?? 'auto');
  const dedupe = options.deduplicateInflight ?? true;
  const logger = options.logger ?? silentLogger();
  const metrics = options.metrics ?? processMetrics();
  const httpLayer = createHttpLayer({
    graphqlPath: '/graphql',
    allowedOrigins: options.allowedOrigins ?? [],
    playground: !production,
    persistedQueries: options.persistedQueries,
    logger,
  });
  const responseCache = createResponseCache({
    enabled: true,
    ...options.responseCache,
    // the caching plugin's Vary (http/layer.ts): hits answered before the runtime say the same
    vary: createCorsPolicy(options.allowedOrigins ?? []).allowedOrigins ? ['Origin'] : [],
    metrics,
    logger,
  });
  const runtime = createGatewayRuntime({
    supergraph: () => supergraph,
    ...(planner.handler ? { unifiedGraphHandler: planner.handler } : {}),
    // Writes are authorised by the subgraph that owns the data, so the bearer token travels on;
    // the secret proves to the subgraph that the request comes through the gateway.
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({
        authorization: request.headers.get('authorization') ?? undefined,
        ...secret,
        // identical subgraph requests in flight are merged only under one data version (cache/README.md)
        ...responseCache.subgraphHeaders(request),
      }),
    },
    // '*' is merged into every subgraph's entry; statements adds only its subscription transport
    transportEntries: {
      '*': { headers: Object.entries(secret), options: { deduplicateInflightRequests: dedupe } },
      statements: {
        options: { subscriptions: { kind: 'ws', location: '/graphql', options: { connectionParams: secret } } },
      },
    },
    maskedErrors: { maskError: createMaskError(production, logger) },
    disableIntrospection: production ? { disableIf: () => true } : undefined,
    // a client that goes away aborts the subgraph requests made for it (and the subgraphs then
    // cancel their database queries), instead of letting them run to the deadline for nobody
    upstreamCancellation: true,
    plugins: () => [
      // queries and mutations get a deadline per subgraph (upstream-deadline.ts says why not the runtime's)
      useUpstreamDeadline(options.upstreamTimeout ?? 10_000),
      ...httpLayer.plugins,
      useHttpRules('/graphql'),
      useStrictJsonBody(),
      useOperationLimits(limits, production),
      useVariableCoercion(),
      useNoNulText(),
      useWriteRateLimit(options.rateLimit ?? { limit: 30, windowMs: 10_000 }, options.writeTokens),
      // after every refusal (a refused operation neither reads nor writes), and before observability,
      // which then wraps the cache's lookup in the request's scope
      ...responseCache.plugins,
      // the cache's hits read the operation's scope from the AsyncLocalStorage; without the cache none is needed
      useObservability({ logger, metrics, asyncScope: responseCache.kind !== 'off' }),
      ...httpLayer.responsePlugins,
      // after every plugin that can refuse a subscription, so a refused one shares nothing
      ...(options.shareSubscriptions === false ? [] : [useSharedSubscriptions()]),
      // last: it acts only when no plugin before it serves a subscription's stream
      useEndUnservedStreams(),
    ],
    landingPage: false,
    // CORS is answered by the HTTP layer, for HTTP and WebSocket alike
    cors: false,
    // The runtime's own GraphiQL loads from a CDN; this page loads hashed files from the gateway.
    graphiql: production ? false : playgroundOptions(),
    renderGraphiQL: httpLayer.renderGraphiQL,
    logging: runtimeLogger(logger),
  });

  // /review runs the article pipeline and its lookups against this gateway's own graph, in process
  const review = {
    queueDir: options.reviewQueueDir ?? DEFAULT_REVIEW_QUEUE_DIR,
    finder: createReviewFinder(),
    self: async (url: string, init: { method: 'POST'; headers: Record<string, string>; body: string }) => runtime.fetch(url, init),
  };
  const subgraphOrigins = subgraphOriginsOf(supergraph);
  const serveExport = createExportHandler((req) => executeThrough(runtime, req));
  const metricsEndpoint = serveMetrics(metrics.registry, options.metricsToken);
  const liveAssets = httpLayer.assets.addTree('live', liveAssetFiles());
  const server = createLimitedServer(options.listenerLimits, (req, res) => {
    if (httpLayer.handle(req, res)) return;
    if (req.url === '/metrics' && !options.metricsListen) {
      metricsEndpoint(req, res);
      return;
    }
    if (req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok","service":"gateway"}');
      return;
    }
    if (req.url === '/readyz') {
      void readiness(subgraphOrigins).then((report) => {
        res.writeHead(report.status === 'ready' ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(report));
      });
      return;
    }
    const length = req.headers['content-length'];
    if (length !== undefined && Number(length) > maxBodyBytes) {
      tooLarge(res, maxBodyBytes);
      return;
    }
    if (length === undefined && req.headers['transfer-encoding']) {
      // A body without a declared length cannot be refused before it is read; ask for one.
      res.writeHead(411, { 'content-type': 'application/json', connection: 'close' });
      res.end(JSON.stringify({ errors: [{ message: 'Content-Length required.', extensions: { code: 'LENGTH_REQUIRED' } }] }));
      return;
    }
    sanitizeRequestId(req);
    // a cache hit of /graphql is answered here (cache/front-door.ts); everything else goes on
    responseCache.handle(req, res, () =>
      serveExport(req, res)
        .then((served) => served || serveLive(req, res, liveAssets))
        .then((served) => served || serveReview(req, res, review))
        .then(
          (served) => {
            if (!served) void runtime(req, res);
          },
          (e: unknown) => {
            if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
            res.end(`${req.url?.split('?')[0] ?? 'page'}: ${e instanceof Error ? e.message : String(e)}`);
          },
        ),
    );
  });
  const wss = new WebSocketServer({
    server,
    path: '/graphql',
    // larger frames close the socket with 1009 (message too big)
    maxPayload: maxBodyBytes,
    // the same origin policy as HTTP; a refused handshake is a 403 that says why
    verifyClient: httpLayer.verifyWebSocket,
  });
  const wsServer = useServer(
    withSubscriptionCaps(
      {
        ...getGraphQLWSOptions<Record<string, unknown>, { request: http.IncomingMessage; socket?: unknown }>(runtime, (ctx) => ({
          req: ctx.extra?.request,
          socket: ctx.extra?.socket,
        })),
        connectionInitWaitTimeout: options.connectionInitWaitTimeout ?? 3_000,
      },
      { ...DEFAULT_SUBSCRIPTION_CAPS, ...options.subscriptionCaps },
    ),
    wss,
  );

  return {
    runtime,
    server,
    planner: planner.kind,
    plannerFallbackReason: planner.fallbackReason,
    async listen(port, host) {
      // The runtime loads the supergraph on its first HTTP request; a WebSocket subscription
      // arriving first would find no schema ("Unexpected error"), so load it before listening.
      await runtime.getSchema();
      const actual = await listenOn(server, port, host);
      const metricsServer = options.metricsListen ? http.createServer(metricsOnly(metricsEndpoint)) : undefined;
      const metricsPort = metricsServer ? await listenOn(metricsServer, options.metricsListen!.port, options.metricsListen!.host) : actual;
      const shown = (h: string) => (h === '0.0.0.0' || h === '::' || h === '127.0.0.1' ? 'localhost' : h);
      return {
        url: `http://${shown(host)}:${actual}/graphql`,
        port: actual,
        metricsUrl: `http://${shown(options.metricsListen?.host ?? host)}:${metricsPort}/metrics`,
        close: async () => {
          await wsServer.dispose();
          await Promise.all([server, metricsServer].map((s) => s && new Promise<void>((r) => s.close(() => r()))));
          await runtime.dispose();
          await httpLayer.close();
          await responseCache.close();
          await review.finder.close();
        },
      };
    },
  };
}

function listenOn(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/** The metrics listener answers '/metrics' and nothing else. */
function metricsOnly(endpoint: ReturnType<typeof serveMetrics>): http.RequestListener {
  return (req, res) => {
    if (new URL(req.url ?? '/', 'http://local').pathname === '/metrics') endpoint(req, res);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('only /metrics is served here\n');
  };
}

function tooLarge(res: http.ServerResponse, max: number): void {
  res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
  res.end(JSON.stringify({ errors: [{ message: `Request body larger than ${max} bytes.`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] }));
}

/** Each subgraph's origin, from the routing URLs of the (possibly overridden) supergraph. */
function subgraphOriginsOf(supergraph: string): Record<string, string> {
  const origins: Record<string, string> = {};
  for (const m of supergraph.matchAll(/join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)) origins[m[1]] = new URL(m[2]).origin;
  return origins;
}

/**
 * Ready when every subgraph answers its own /readyz (its database reachable) within 2 s: a load
 * balancer then sends traffic only to a gateway that can answer whole.
 */
async function readiness(origins: Record<string, string>) {
  const subgraphs: Record<string, string> = {};
  await Promise.all(
    Object.entries(origins).map(async ([name, origin]) => {
      try {
        const res = await fetch(`${origin}/readyz`, { signal: AbortSignal.timeout(2000) });
        subgraphs[name] = res.ok ? 'ready' : 'unready';
      } catch {
        subgraphs[name] = 'unreachable';
      }
    }),
  );
  const ready = Object.values(subgraphs).every((s) => s === 'ready');
  return { status: ready ? 'ready' : 'unready', service: 'gateway', subgraphs };
}
