import { createHash } from 'node:crypto';
import type http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Counter } from 'prom-client';
import { contextFromHeaders, type Logger, type NewsgraphMetrics, operationName, REQUEST_ID_HEADER, SpanKind, spanIds, tracer } from '@newsgraph/kit';
import { matchesIfNoneMatch } from '../http/caching';
import { addVary, compress, COMPRESSION_THRESHOLD_BYTES, isCompressible, negotiateEncoding } from '../http/compression';
import type { CacheEntry, MemoryEntries } from './store';
import type { DataVersion } from './version';

/**
 * Hits answered in the Node request handler, before the runtime (cache/README.md "The front
 * door"): a request is answered here only when a byte-identical one (same method, target, body,
 * Content-Type and Accept) went through the runtime, was admitted by every rule there and was
 * answered from, or stored into, the cache; and only with an entry of the current data version.
 * Everything else, refusals included, goes on to the runtime as before.
 */
export interface FrontDoorOptions {
  graphqlPath: string;
  local: MemoryEntries;
  version: DataVersion;
  /** whether the cache may serve now (false while the shared version cannot be trusted) */
  trusted: () => boolean;
  /** how long an entry may be served after it was stored */
  ttlMs: number;
  /** the front keys remembered (the cache's own bound on entries) */
  maxKeys: number;
  /** request headers every answer varies on besides Accept and Accept-Encoding (Origin under a CORS allow-list) */
  vary: string[];
  lookups: Counter<'result'>;
  frontDoorHits: Counter;
  metrics: NewsgraphMetrics;
  logger: Pick<Logger, 'info'>;
}

export interface FrontDoor {
  /** answers the request when it is a hit; otherwise calls `next` (the runtime path), the body already read when it was */
  handle(req: http.IncomingMessage, res: http.ServerResponse, next: () => void): void;
  /** the runtime path answered this request from the cache or stored its answer: identical requests may be answered here */
  admitted(req: http.IncomingMessage | undefined, entryKey: string, response: Response): void;
}

/** Header on every /graphql answer over HTTP saying what the cache did: hit, miss or bypass. */
export const CACHE_HEADER = 'x-newsgraph-cache';

/** Bodies larger than this go to the runtime as a stream, as before: no dashboard query is near it. */
const MAX_FRONT_BODY = 64 * 1024;
const JSON_ANSWER = /^application\/(graphql-response\+)?json\b/i;

/** What the runtime path needs to know about a request the front door has seen. */
interface Seen {
  frontKey: string;
  /** the request's parameters as sent: the body of a POST, the query string of a GET */
  raw: Buffer | string;
}

/** The request's key at the front door: every byte the runtime's decision can depend on, as sent. */
function frontKeyOf(req: http.IncomingMessage, body: Buffer | undefined): string {
  const h = createHash('sha256');
  for (const part of [req.method ?? '', req.url ?? '', req.headers['content-type'] ?? '', req.headers.accept ?? '']) h.update(part).update('\u0000');
  if (body) h.update(body);
  return h.digest('base64url');
}

/** A persisted query sent by its hash alone runs only while the document is registered: always asked of the runtime. */
function byHashAlone(raw: string, method: string): boolean {
  try {
    const params: { query?: unknown; extensions?: unknown } =
      method === 'GET'
        ? (() => {
            const q = new URLSearchParams(raw);
            const ext = q.get('extensions');
            return { query: q.get('query') ?? undefined, extensions: ext === null ? undefined : JSON.parse(ext) };
          })()
        : JSON.parse(raw);
    const pq = (params.extensions as { persistedQuery?: unknown } | undefined)?.persistedQuery;
    return pq !== undefined && (typeof params.query !== 'string' || params.query === '');
  } catch {
    return true;
  }
}

export function createFrontDoor(options: FrontDoorOptions): FrontDoor {
  const { local, version, lookups, frontDoorHits, metrics, logger } = options;
  const seen = new WeakMap<http.IncomingMessage, Seen>();
  /** front key -> the entry key the runtime gave that request, first in first out past maxKeys */
  const admittedKeys = new Map<string, { entryKey: string; contentType: string; vary: string | null }>();

  const eligible = (req: http.IncomingMessage): boolean => {
    const url = req.url ?? '';
    if (!url.startsWith(options.graphqlPath) || (url.length > options.graphqlPath.length && url[options.graphqlPath.length] !== '?')) return false;
    if (req.headers.authorization !== undefined || req.headers.upgrade !== undefined) return false;
    const length = req.headers['content-length'];
    if (req.method === 'GET') return (length === undefined || length === '0') && req.headers['transfer-encoding'] === undefined;
    if (req.method !== 'POST' || length === undefined || !/^[1-9][0-9]*$/.test(length)) return false;
    return Number(length) <= MAX_FRONT_BODY;
  };

  const answer = async (req: http.IncomingMessage, res: http.ServerResponse, frontKey: string): Promise<boolean> => {
    const started = performance.now();
    const known = admittedKeys.get(frontKey);
    if (!known || !options.trusted()) return false;
    const v = await version.current();
    const entry = local.get(known.entryKey);
    if (v === undefined || !entry || entry.version !== v || Date.now() - entry.storedAt >= options.ttlMs || !options.trusted()) return false;
    await send(req, res, entry, known.contentType, known.vary);
    lookups.inc({ result: 'hit' });
    frontDoorHits.inc();
    observe(req, entry, started);
    return true;
  };

  /** The headers and body the runtime path gives a hit (http/caching.ts), from the entry's bytes and tag. */
  const send = async (req: http.IncomingMessage, res: http.ServerResponse, entry: CacheEntry, contentType: string, runtimeVary: string | null) => {
    let vary = addVary(addVary(runtimeVary, 'Accept'), 'Accept-Encoding');
    for (const v of options.vary) vary = addVary(vary, v);
    const headers: Record<string, string> = {
      'content-type': contentType,
      [CACHE_HEADER]: 'hit',
      [REQUEST_ID_HEADER]: String(req.headers[REQUEST_ID_HEADER]),
      vary,
    };
    if (req.method === 'GET') {
      headers.etag = entry.etag;
      headers['cache-control'] = 'no-cache';
      const ifNoneMatch = req.headers['if-none-match'];
      if (matchesIfNoneMatch(ifNoneMatch === undefined ? null : ifNoneMatch, entry.etag)) {
        // the runtime's 304 keeps the Content-Type (its Response sets one back) and drops the length
        res.writeHead(304, headers).end();
        return;
      }
    } else {
      headers['cache-control'] = 'no-store';
    }
    let body = entry.bytes;
    const encoding = negotiateEncoding(req.headers['accept-encoding']);
    if (encoding && body.byteLength >= COMPRESSION_THRESHOLD_BYTES && isCompressible(contentType)) {
      body = await (entry.encoded[encoding] ??= compress(entry.bytes, encoding));
      headers['content-encoding'] = encoding;
    }
    headers['content-length'] = String(body.byteLength);
    res.writeHead(200, headers).end(body);
  };

  /** The request's span, metrics and `request completed` line, as observability.ts makes them for a hit. */
  const observe = (req: http.IncomingMessage, entry: CacheEntry, started: number) => {
    const requestId = String(req.headers[REQUEST_ID_HEADER]);
    const span = tracer().startSpan('graphql', { kind: SpanKind.SERVER, attributes: { 'newsgraph.request_id': requestId } }, contextFromHeaders(req.headers));
    const durationMs = Math.round((performance.now() - started) * 1000) / 1000;
    metrics.observeOperation('gateway', { name: entry.operation, type: 'query', failed: false, seconds: durationMs / 1000 });
    // the runtime path logs the status before its caching plugin turns a matching GET into a 304
    span.setAttribute('http.response.status_code', 200);
    span.end();
    logger.info(
      { requestId, ...spanIds(span), operation: operationName(entry.operation), type: 'query', status: 200, transport: 'http', durationMs },
      'request completed',
    );
  };

  const readBody = (req: http.IncomingMessage, length: number): Promise<Buffer | undefined> =>
    new Promise((resolve) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        chunks.push(c);
      });
      req.once('end', () => resolve(size === length ? Buffer.concat(chunks, size) : undefined));
      req.once('error', () => resolve(undefined));
      req.once('aborted', () => resolve(undefined));
    });

  const goOn = (req: http.IncomingMessage, res: http.ServerResponse, next: () => void, frontKey: string, raw: Buffer | string) => {
    if (res.headersSent || res.writableEnded) return;
    seen.set(req, { frontKey, raw });
    next();
  };

  return {
    handle(req, res, next) {
      if (!eligible(req)) return next();
      if (req.method === 'GET') {
        const frontKey = frontKeyOf(req, undefined);
        const raw = (req.url ?? '').slice(options.graphqlPath.length + 1);
        answer(req, res, frontKey).then(
          (served) => served || goOn(req, res, next, frontKey, raw),
          () => goOn(req, res, next, frontKey, raw),
        );
        return;
      }
      void readBody(req, Number(req.headers['content-length'])).then((body) => {
        // the client went away mid-body: the runtime would have nothing to answer either
        if (!body) return void res.destroy();
        // the runtime reads a body already taken off the socket from here (@whatwg-node/server)
        (req as http.IncomingMessage & { body?: Buffer }).body = body;
        const frontKey = frontKeyOf(req, body);
        answer(req, res, frontKey).then(
          (served) => served || goOn(req, res, next, frontKey, body),
          () => goOn(req, res, next, frontKey, body),
        );
      });
    },
    admitted(req, entryKey, response) {
      const s = req && seen.get(req);
      if (!s || !req || response.status !== 200) return;
      const contentType = response.headers.get('content-type') ?? '';
      if (!JSON_ANSWER.test(contentType) || response.headers.has('content-encoding')) return;
      if (admittedKeys.has(s.frontKey)) return;
      // the raw body is only parsed here, once per distinct request
      if (byHashAlone(s.raw.toString(), req.method ?? '')) return;
      admittedKeys.set(s.frontKey, { entryKey, contentType, vary: response.headers.get('vary') });
      if (admittedKeys.size > options.maxKeys) admittedKeys.delete(admittedKeys.keys().next().value!);
    },
  };
}
