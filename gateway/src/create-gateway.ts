import { createGatewayRuntime, getGraphQLWSOptions, GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { queryPlanner, QueryPlanner } from './planner';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { serveLive } from './live-page';
import { DEFAULT_REVIEW_QUEUE_DIR } from './review-queue';
import { createReviewFinder } from './review-finder';
import { serveReview } from './review-page';
import { playgroundOptions } from './playground';
import { loadSupergraph, SubgraphName } from './supergraph';
import { DEFAULT_LIMITS, OperationLimits } from './limits';
import {
  createMaskError,
  RateLimit,
  useHttpRules,
  useOperationLimits,
  useVariableCoercion,
  useWriteRateLimit,
} from './security';
import { isAllowedOrigin } from './origins';
import { Logger, NewsgraphMetrics, processMetrics, serveMetrics, silentLogger } from '@newsgraph/kit';
import { runtimeLogger, sanitizeRequestId, useObservability } from './observability';

/** Header carrying the shared secret on every upstream request (subgraphs refuse requests without it). */
export const SUBGRAPH_SECRET_HEADER = 'x-newsgraph-subgraph-secret';
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
  /** browser origins allowed to open a WebSocket besides the gateway's own and localhost */
  allowedOrigins?: string[];
  /** graphql-ws: close sockets that send no connection_init within this many ms; default 3000 */
  connectionInitWaitTimeout?: number;
  /** writes per client; default 30 mutation fields per 10 s */
  rateLimit?: RateLimit;
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
  /** the process logger: the runtime's lines and one `request completed` line per operation; default: nowhere */
  logger?: Logger;
  /** default: the process's registry (processMetrics()) */
  metrics?: NewsgraphMetrics;
  /** NEWSGRAPH_METRICS_TOKEN: /metrics answers only `Authorization: Bearer <token>` when set */
  metricsToken?: string;
  /** NEWSGRAPH_REVIEW_QUEUE: the folder of articles waiting for review that /review lists; default .data/review-queue */
  reviewQueueDir?: string;
}

export interface RunningGateway {
  url: string;
  port: number;
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
  const runtime = createGatewayRuntime({
    supergraph: () => supergraph,
    ...(planner.handler ? { unifiedGraphHandler: planner.handler } : {}),
    // Writes are authorised by the subgraph that owns the data, so the bearer token travels on;
    // the secret proves to the subgraph that the request comes through the gateway.
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({
        authorization: request.headers.get('authorization') ?? undefined,
        ...secret,
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
    // Queries and mutations get a deadline per subgraph; a subscription is meant to stay open, and a
    // deadline on it aborted the upstream stream with a rejection nobody handled.
    upstreamTimeout: ({ executionRequest }) =>
      executionRequest?.operationType === 'subscription' ? undefined : (options.upstreamTimeout ?? 10_000),
    plugins: () => [
      useHttpRules('/graphql'),
      useOperationLimits(limits, production),
      useVariableCoercion(),
      useWriteRateLimit(options.rateLimit ?? { limit: 30, windowMs: 10_000 }),
      useObservability({ logger, metrics }),
    ],
    landingPage: false,
    // The runtime's own GraphiQL loads from a CDN; this renderer inlines everything (offline-safe).
    graphiql: production ? false : playgroundOptions(),
    renderGraphiQL,
    logging: runtimeLogger(logger),
  });

  // /review runs the article pipeline and its lookups against this gateway's own graph, in process
  const review = {
    queueDir: options.reviewQueueDir ?? DEFAULT_REVIEW_QUEUE_DIR,
    finder: createReviewFinder(),
    self: async (url: string, init: { method: 'POST'; headers: Record<string, string>; body: string }) => runtime.fetch(url, init),
  };
  const subgraphOrigins = subgraphOriginsOf(supergraph);
  const metricsEndpoint = serveMetrics(metrics.registry, options.metricsToken);
  const server = http.createServer((req, res) => {
    if (req.url === '/metrics') {
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
    serveLive(req, res)
      .then((served) => served || serveReview(req, res, review))
      .then(
        (served) => {
          if (!served) void runtime(req, res);
        },
        (e: unknown) => {
          if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(`page: ${e instanceof Error ? e.message : String(e)}`);
        },
      );
  });
  const allowedOrigins = options.allowedOrigins ?? [];
  const wss = new WebSocketServer({
    server,
    path: '/graphql',
    // larger frames close the socket with 1009 (message too big)
    maxPayload: maxBodyBytes,
    // browsers always send Origin; a page from another site must not ride the victim's session
    verifyClient: ({ origin, req }: { origin?: string; req: http.IncomingMessage }) =>
      isAllowedOrigin(origin, req.headers.host, allowedOrigins),
  });
  const wsServer = useServer(
    {
      ...getGraphQLWSOptions<Record<string, unknown>, { request?: http.IncomingMessage; socket?: unknown }>(runtime, (ctx) => ({
        req: ctx.extra?.request,
        socket: ctx.extra?.socket,
      })),
      connectionInitWaitTimeout: options.connectionInitWaitTimeout ?? 3_000,
    },
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
              await review.finder.close();
            },
          });
        });
      });
    },
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
