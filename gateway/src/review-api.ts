import http from 'node:http';
import { articleToPackage, createGatewayLookup, GraphLookup, LookupFetch } from '@newsgraph/extract';
import { ExistingKeys, PackageReferences, validatePackage } from '@newsgraph/news-package';
import { FinderUnavailable, ReviewFinder } from './review-finder';
import { listQueue, readQueueEntry, removeQueueEntry, REVIEW_FORMAT, ReviewDocument } from './review-queue';

/** Largest JSON body /review/extract and /review/check take (a long article page fits easily). */
export const REVIEW_MAX_BODY_BYTES = 1024 * 1024;
/** The longest article text or HTML accepted, in characters. */
export const REVIEW_MAX_ARTICLE_CHARS = 500_000;

/** Runs a GraphQL request against the gateway itself (in process, no socket). */
export type SelfFetch = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string },
) => Promise<{ status: number; text(): Promise<string> }>;

export interface ReviewApiOptions {
  self: SelfFetch;
  /** the review queue folder the feed watcher writes */
  queueDir: string;
  /** what linking asks; default: the gateway's own graph through `self` */
  lookup?: () => GraphLookup;
  /** reads and finds off the event loop (a worker thread) */
  finder: ReviewFinder;
}

const SELF_URL = 'http://gateway.internal/graphql';

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(JSON.stringify(body));
}

/** The JSON body of a POST, bounded; only `application/json` (a cross-site form cannot send it without asking first). */
async function readJsonBody(req: http.IncomingMessage): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) throw new HttpProblem(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > REVIEW_MAX_BODY_BYTES) throw new HttpProblem(413, 'PAYLOAD_TOO_LARGE', `Request body larger than ${REVIEW_MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (error) {
    throw new HttpProblem(400, 'BAD_USER_INPUT', `The body is not valid JSON: ${(error as Error).message}`);
  }
}

const FIELDS = ['text', 'html', 'title', 'outlet', 'publishedAt', 'url', 'language'] as const;

/** The pasted article, checked field by field: every problem at once, by its field. */
function articleInput(body: unknown): Record<string, string> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new HttpProblem(400, 'BAD_USER_INPUT', 'Send an object { text or html, title, outlet, publishedAt, url, language }.');
  const o = body as Record<string, unknown>;
  const problems: { path: string; message: string }[] = [];
  for (const k of Object.keys(o))
    if (!(FIELDS as readonly string[]).includes(k)) problems.push({ path: `/${k}`, message: `unknown field (known: ${FIELDS.join(', ')})` });
  const out: Record<string, string> = {};
  for (const k of FIELDS) {
    const v = o[k];
    if (v === undefined || v === null || v === '') continue;
    if (typeof v !== 'string') problems.push({ path: `/${k}`, message: 'must be a string' });
    else if (v.length > REVIEW_MAX_ARTICLE_CHARS) problems.push({ path: `/${k}`, message: `longer than ${REVIEW_MAX_ARTICLE_CHARS} characters` });
    else out[k] = v;
  }
  const hasText = typeof out.text === 'string' && out.text.trim() !== '';
  const hasHtml = typeof out.html === 'string' && out.html.trim() !== '';
  if (!hasText && !hasHtml) problems.push({ path: '/text', message: 'paste the article: its text, or its HTML' });
  if (hasText && hasHtml) problems.push({ path: '/html', message: 'give the text or the HTML, not both' });
  if (problems.length) throw new HttpProblem(400, 'BAD_USER_INPUT', `The article cannot be read: ${problems.length} problem(s).`, problems);
  return out;
}

async function extract(body: unknown, options: ReviewApiOptions): Promise<ReviewDocument> {
  const input = articleInput(body);
  const lookup = options.lookup?.() ?? createGatewayLookup({ url: SELF_URL, fetch: options.self as LookupFetch, cacheMs: 10_000 });
  let found;
  try {
    found = await options.finder.find(JSON.stringify(input));
  } catch (error) {
    if (error instanceof FinderUnavailable) throw new HttpProblem(503, 'SERVICE_UNAVAILABLE', error.message);
    throw new HttpProblem(500, 'EXTRACTION_FAILED', `The article could not be extracted: ${(error as Error).message}`);
  }
  const readProblems = found.read.problems.map((p) => ({ path: p.where, message: p.message }));
  if (!found.read.article || !found.extraction) throw new HttpProblem(400, 'BAD_USER_INPUT', 'The article cannot be read.', readProblems);
  const extraction = found.extraction;
  let result;
  try {
    // the quotations are found already (in the worker); this links and packages them
    result = await articleToPackage(found.read.article, { lookup, find: () => extraction });
  } catch (error) {
    throw new HttpProblem(502, 'SERVICE_UNAVAILABLE', `Linking against the graph failed: ${(error as Error).message}`);
  }
  const problems = [...readProblems, ...result.problems.map((p) => ({ path: p.where, message: p.message }))];
  return { format: REVIEW_FORMAT, article: result.article, package: result.package, problems, mentions: result.mentions };
}

/** Which referenced keys the graph has, asked of the gateway itself like `npm run ingest` asks it. */
function resolver(self: SelfFetch) {
  return async (refs: PackageReferences): Promise<ExistingKeys> => {
    const query = `query ReviewCheck($a: [String!]!, $s: [String!]!, $c: [String!]!, $t: [String!]!) {
      actorsByKeys(keys: $a) { key } sourcesByKeys(keys: $s) { key } claimsByKeys(keys: $c) { key } statementsByKeys(keys: $t) { key } }`;
    const res = await self(SELF_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables: { a: refs.actors, s: refs.sources, c: refs.claims, t: refs.statements } }),
    });
    const answer = JSON.parse(await res.text()) as { data?: Record<string, ({ key: string } | null)[]>; errors?: { message: string }[] };
    if (answer.errors?.length || !answer.data)
      throw new HttpProblem(
        502,
        'SERVICE_UNAVAILABLE',
        `Cannot check the package's references: ${answer.errors?.map((e) => e.message).join('; ') ?? 'no data'}`,
      );
    const keys = (field: string) => new Set((answer.data![field] ?? []).flatMap((x) => (x ? [x.key] : [])));
    // outlets are left to the server, which checks them when writing
    return { actors: keys('actorsByKeys'), sources: keys('sourcesByKeys'), claims: keys('claimsByKeys'), statements: keys('statementsByKeys') };
  };
}

async function checkPackage(body: unknown, options: ReviewApiOptions) {
  const pkg = (body as { package?: unknown } | null)?.package;
  if (!pkg || typeof pkg !== 'object') throw new HttpProblem(400, 'BAD_USER_INPUT', 'Send { "package": <a newsgraph.package/v1 document> }.');
  const checked = await validatePackage(pkg, resolver(options.self));
  return { ok: checked.ok, problems: checked.problems, ...(checked.ok && checked.normalised ? { normalised: checked.normalised } : {}) };
}

/**
 * A bearer token is good when the graph accepts it for a write: an empty upsert asks the subgraph
 * that authorises writes, and changes nothing.
 */
async function tokenAccepted(self: SelfFetch, authorization: string | undefined): Promise<boolean> {
  if (!authorization || !/^Bearer \S+$/.test(authorization)) return false;
  const res = await self(SELF_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization },
    body: JSON.stringify({ query: 'mutation ReviewTokenCheck { upsertActors(actors: []) { created } }' }),
  });
  const answer = JSON.parse(await res.text()) as { data?: unknown; errors?: unknown[] };
  return !answer.errors?.length && !!answer.data;
}

const QUEUE_ITEM = /^\/review\/queue\/([^/]+)$/;

/** The review page's JSON endpoints. False when the path is none of them. */
export async function serveReviewApi(pathname: string, req: http.IncomingMessage, res: http.ServerResponse, options: ReviewApiOptions): Promise<boolean> {
  const method = req.method ?? 'GET';
  const route = (allowed: string[]) => {
    if (!allowed.includes(method)) throw new HttpProblem(405, 'METHOD_NOT_ALLOWED', `${pathname} takes ${allowed.join(', ')}.`);
  };
  try {
    if (pathname === '/review/extract') {
      route(['POST']);
      sendJson(res, 200, await extract(await readJsonBody(req), options));
      return true;
    }
    if (pathname === '/review/check') {
      route(['POST']);
      sendJson(res, 200, await checkPackage(await readJsonBody(req), options));
      return true;
    }
    if (pathname === '/review/queue') {
      route(['GET']);
      sendJson(res, 200, { entries: await listQueue(options.queueDir) });
      return true;
    }
    const item = QUEUE_ITEM.exec(pathname);
    if (item) {
      route(['GET', 'DELETE']);
      const id = decodeURIComponent(item[1]);
      if (method === 'GET') {
        const doc = await readQueueEntry(options.queueDir, id);
        if (!doc) throw new HttpProblem(404, 'NOT_FOUND', `Nothing waits for review under ${id}.`);
        sendJson(res, 200, doc);
        return true;
      }
      if (!(await tokenAccepted(options.self, req.headers.authorization))) {
        throw new HttpProblem(401, 'UNAUTHENTICATED', 'Removing an article from the review queue needs a valid write token (Authorization: Bearer <token>).');
      }
      if (!(await removeQueueEntry(options.queueDir, id))) throw new HttpProblem(404, 'NOT_FOUND', `Nothing waits for review under ${id}.`);
      res.writeHead(204).end();
      return true;
    }
    return false;
  } catch (error) {
    if (error instanceof HttpProblem) {
      if (error.status === 413) req.resume();
      sendJson(res, error.status, { error: { code: error.code, message: error.message, problems: error.problems } });
      return true;
    }
    throw error;
  }
}
