import { createHash, randomUUID } from 'node:crypto';
import { getOperationAST, type DocumentNode } from 'graphql';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { Counter, Gauge } from 'prom-client';
import { currentScope, type Logger, type NewsgraphMetrics } from '@newsgraph/kit';
import type http from 'node:http';
import { CACHE_HEADER, createFrontDoor, FrontDoor } from './front-door';
import { CacheEntry, makeEntry, MemoryEntries, RedisEntries } from './store';
import { connectRedis, DataVersion, memoryVersion, redisVersion } from './version';

export interface ResponseCacheOptions {
  /** off: every query runs (NEWSGRAPH_RESPONSE_CACHE=off) */
  enabled: boolean;
  /** @default 2000 */
  maxEntries?: number;
  /** @default 32 MiB */
  maxBytes?: number;
  /** an entry is served at most this long after it was stored, whatever the version @default 300 */
  ttlSeconds?: number;
  /** share the data version (and the entries) with every replica through this Redis */
  redisUrl?: string;
  /** how long a write's answer waits for Redis to take the new version @default 5000 */
  bumpDeadlineMs?: number;
  /** warnings about Redis; with the front door, the `request completed` line of each hit it answers */
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  metrics: NewsgraphMetrics;
  /** the version source (tests); default: Redis with redisUrl, else this process's counter */
  version?: DataVersion;
  /** answer hits in the Node request handler, before the runtime (front-door.ts) @default true */
  frontDoor?: boolean;
  /** request headers every answer varies on besides Accept and Accept-Encoding (http/caching.ts) */
  vary?: string[];
}

export interface ResponseCache {
  readonly kind: 'off' | 'memory' | 'redis';
  plugins: GatewayPlugin[];
  /** the Node request handler's first step for /graphql: a hit is answered here, anything else goes on to `next` */
  handle: FrontDoor['handle'];
  /**
   * Headers for this request's subgraph requests: the runtime merges identical subgraph requests in
   * flight (transport `deduplicateInflightRequests`, keyed with these headers), and a read must only
   * join one made under its own data version (cache/README.md "Why no answer is stale", 7).
   */
  subgraphHeaders(request: Request | undefined): Record<string, string> | undefined;
  close(): Promise<void>;
}

export { CACHE_HEADER };

/** Carries a read's data version (or, without one, a token of its own) to the subgraphs' merging key. */
export const DATA_VERSION_HEADER = 'x-newsgraph-data-version';

type Outcome = 'hit' | 'miss' | 'stale' | 'bypass' | 'unavailable';

interface RequestState {
  outcome: Outcome;
  key?: string;
  version?: string;
  operation?: string;
  operationName?: string | null;
  /** this request's answer was stored (a miss) */
  stored?: boolean;
  /** without a version: a token of its own, so that its subgraph requests are never merged with another's */
  own?: string;
  /** a miss leads: requests for the same key at the same version wait for its answer */
  settle?: (entry: CacheEntry | undefined) => void;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return value != null && typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';
}

interface Series {
  lookups: Counter<'result'>;
  frontDoorHits: Counter;
  bumps: Counter<'outcome'>;
  /** every live cache on the registry (several gateways in one process, in tests) */
  caches: Set<MemoryEntries>;
}
const seriesByRegistry = new WeakMap<object, Series>();

/** The cache's series on a registry, made once per registry. */
function seriesOf(metrics: NewsgraphMetrics): Series {
  const known = seriesByRegistry.get(metrics.registry);
  if (known) return known;
  const registers = [metrics.registry];
  const caches = new Set<MemoryEntries>();
  const series: Series = {
    caches,
    lookups: new Counter({
      name: 'newsgraph_response_cache_requests_total',
      help: 'Gateway response cache, per /graphql request over HTTP: hit, miss (stored when it succeeded), stale (an entry of an older data version, dropped; run again), bypass (authenticated, not a query, or the cache is off), unavailable (the data version could not be read: Redis down)',
      labelNames: ['result'] as const,
      registers,
    }),
    frontDoorHits: new Counter({
      name: 'newsgraph_response_cache_front_door_hits_total',
      help: 'Hits answered in the request handler, before the runtime (cache/front-door.ts); also counted in newsgraph_response_cache_requests_total',
      registers,
    }),
    bumps: new Counter({
      name: 'newsgraph_response_cache_version_bumps_total',
      help: 'Mutations that moved the data version on before their answer (outcome=failed: Redis could not take it in time)',
      labelNames: ['outcome'] as const,
      registers,
    }),
  };
  new Gauge({
    name: 'newsgraph_response_cache_entries',
    help: 'Answers kept in this gateway process',
    registers,
    collect() {
      this.set([...caches].reduce((n, c) => n + c.size, 0));
    },
  });
  new Gauge({
    name: 'newsgraph_response_cache_bytes',
    help: 'Approximate memory of the answers kept in this gateway process',
    registers,
    collect() {
      this.set([...caches].reduce((n, c) => n + c.bytes, 0));
    },
  });
  seriesByRegistry.set(metrics.registry, series);
  return series;
}

/** How long a request waits for an identical one in flight before running its own. */
const JOIN_WAIT_MS = 10_000;

/**
 * The gateway's response cache (cache/README.md): answers to anonymous queries, kept under the
 * data version current when their read began, served only while that version is still current;
 * every mutation moves the version on before its answer is sent.
 */
export function createResponseCache(options: ResponseCacheOptions): ResponseCache {
  const { lookups, frontDoorHits, bumps, caches } = seriesOf(options.metrics);
  const enabled = options.enabled;
  if (!enabled) {
    return {
      kind: 'off',
      plugins: [
        {
          onResponse({ request, response }) {
            if (new URL(request.url).pathname !== '/graphql') return;
            lookups.inc({ result: 'bypass' });
            response.headers.set(CACHE_HEADER, 'bypass');
          },
        } as GatewayPlugin,
      ],
      handle: (_req, _res, next) => next(),
      subgraphHeaders: () => undefined,
      close: async () => undefined,
    };
  }
  const redis = !options.version && options.redisUrl ? connectRedis(options.redisUrl) : undefined;
  const version = options.version ?? (redis ? redisVersion({ redis, bumpDeadlineMs: options.bumpDeadlineMs, logger: options.logger }) : memoryVersion());
  const ttlMs = (options.ttlSeconds ?? 300) * 1000;
  const local = new MemoryEntries({ maxEntries: options.maxEntries ?? 2000, maxBytes: options.maxBytes ?? 32 * 1024 * 1024 });
  const shared = redis ? new RedisEntries(redis, ttlMs) : undefined;
  let trusted = true;
  version.onTrustChange((t) => {
    trusted = t;
    // entries made before an outage may predate writes nobody could announce
    if (!t) local.clear();
  });
  caches.add(local);
  const front =
    options.frontDoor === false
      ? undefined
      : createFrontDoor({
          graphqlPath: '/graphql',
          local,
          version,
          trusted: () => trusted,
          ttlMs,
          maxKeys: options.maxEntries ?? 2000,
          vary: options.vary ?? [],
          lookups,
          frontDoorHits,
          metrics: options.metrics,
          logger: options.logger ?? { info: () => undefined },
        });

  const states = new WeakMap<object, RequestState>();
  const inFlight = new Map<string, Promise<CacheEntry | undefined>>();
  const valid = (e: CacheEntry | undefined, v: string): e is CacheEntry => !!e && e.version === v && Date.now() - e.storedAt < ttlMs;

  const lookup = async (key: string, v: string): Promise<{ entry?: CacheEntry; stale: boolean }> => {
    const mine = local.get(key);
    if (valid(mine, v)) return { entry: mine, stale: false };
    let stale = false;
    if (mine) {
      local.delete(key);
      stale = true;
    }
    if (shared) {
      const theirs = await shared.get(key);
      if (valid(theirs, v)) {
        local.set(key, theirs);
        return { entry: theirs, stale: false };
      }
      if (theirs) stale = true;
    }
    const pending = inFlight.get(`${v}\u0000${key}`);
    if (pending) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const joined = await Promise.race([
        pending,
        new Promise<undefined>((r) => {
          timer = setTimeout(() => r(undefined), JOIN_WAIT_MS);
        }),
      ]);
      clearTimeout(timer);
      if (valid(joined, v)) return { entry: joined, stale: false };
    }
    return { stale };
  };

  const plugin: GatewayPlugin = {
    onParams({ params, request, paramsHandler, setParamsHandler }) {
      // graphql-ws operations have no HTTP request: never cached (their mutations still bump, in onExecute)
      if (!request?.headers) return;
      const state: RequestState = { outcome: 'bypass' };
      states.set(request, state);
      if (request.headers.has('authorization') || typeof params.query !== 'string' || !trusted) return;
      const key = createHash('sha256')
        .update(JSON.stringify([params.query, params.operationName ?? null, params.variables ?? null, params.extensions ?? null]))
        .digest('base64url');
      // The lookup runs as the operation's handler, inside the request's observability scope
      // (this plugin is registered before useObservability, which wraps this handler): a hit is
      // logged and counted under its operation like any other answer.
      setParamsHandler(async (payload) => {
        const v = await version.current();
        if (v === undefined) {
          state.outcome = 'unavailable';
          return paramsHandler(payload);
        }
        const { entry, stale } = await lookup(key, v);
        state.key = key;
        if (entry) {
          state.outcome = 'hit';
          const scope = currentScope();
          if (scope) {
            scope.type = 'query';
            scope.operation = entry.operation;
          }
          return { data: entry.data, stringify: () => entry.body };
        }
        state.outcome = stale ? 'stale' : 'miss';
        state.version = v;
        const id = `${v}\u0000${key}`;
        if (!inFlight.has(id)) {
          inFlight.set(
            id,
            new Promise<CacheEntry | undefined>((resolve) => {
              state.settle = (e) => {
                state.settle = undefined;
                inFlight.delete(id);
                resolve(e);
              };
            }),
          );
        }
        return paramsHandler(payload);
      });
    },
    onExecute({ args }) {
      const op = getOperationAST(args.document as DocumentNode, args.operationName);
      const request = args.contextValue?.request;
      const state = request ? states.get(request) : undefined;
      if (state) {
        state.operation = op?.operation;
        state.operationName = op?.name?.value ?? args.operationName ?? null;
        if (op?.operation !== 'query') state.outcome = 'bypass';
      }
      if (op?.operation !== 'mutation') return undefined;
      // after the subgraphs answered (their transactions committed), before the answer is sent
      return {
        onExecuteDone: () =>
          version.bump().then(
            () => bumps.inc({ outcome: trusted ? 'ok' : 'failed' }),
            () => bumps.inc({ outcome: 'failed' }),
          ),
      };
    },
    onExecutionResult({ result, request }) {
      const state = request ? states.get(request) : undefined;
      if (!state?.key || !state.version) return;
      let entry: CacheEntry | undefined;
      const ok = state.operation === 'query' && !isAsyncIterable(result) && !result?.errors?.length && !result?.extensions?.http && result?.data;
      if (ok && trusted) {
        entry = makeEntry(state.version, JSON.stringify(result), result.data, state.operationName ?? null);
        local.set(state.key, entry);
        state.stored = true;
        void shared?.set(state.key, entry);
      }
      state.settle?.(entry);
    },
    onResponse({ request, response, serverContext }) {
      const state = states.get(request);
      if (!state) return;
      state.settle?.(undefined);
      if (state.key && (state.outcome === 'hit' || state.stored))
        front?.admitted((serverContext as { req?: http.IncomingMessage } | undefined)?.req, state.key, response);
      lookups.inc({ result: state.outcome });
      response.headers.set(CACHE_HEADER, state.outcome === 'hit' ? 'hit' : state.outcome === 'bypass' || state.outcome === 'unavailable' ? 'bypass' : 'miss');
    },
  } as GatewayPlugin;

  return {
    kind: options.version?.kind ?? (redis ? 'redis' : 'memory'),
    plugins: [plugin],
    handle: front ? front.handle : (_req, _res, next) => next(),
    subgraphHeaders(request) {
      const state = request ? states.get(request) : undefined;
      if (!state) return undefined;
      if (state.version) return { [DATA_VERSION_HEADER]: state.version };
      state.own ??= randomUUID();
      return { [DATA_VERSION_HEADER]: state.own };
    },
    async close() {
      caches.delete(local);
      local.clear();
      await version.close();
      if (redis) await redis.quit().catch(() => redis.disconnect());
    },
  };
}
