import http from 'node:http';
import { once } from 'node:events';
import { dataOrRefuse, Execute, ExportRefused } from './execute';
import { pageStatements } from './page-statements';
import { csvHeader, csvRow, ndjsonLine } from './statement-export';
import { CLAIM_REVIEW_CONTEXT, ClaimHead, claimNode, reviewNode } from './claim-review';

export const EXPORT_PATH = '/export/statements';
export const CLAIM_REVIEW_PATH = '/export/claim-review';

export interface ExportOptions {
  /** exports streaming at once per client address (default 2) and in all (default 8) */
  perClient?: number;
  total?: number;
}

const FORMATS = {
  ndjson: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
} as const;
type Format = keyof typeof FORMATS;

const CLAIM_QUERY = `query NewsgraphClaimExport($key: String!) { claim(key: $key) { key text topics { key } } }`;

function refuse(res: http.ServerResponse, status: number, errors: ExportRefused['errors'], headers: http.OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify({ errors }));
}

const badInput = (path: string, message: string) => [{ message, path: [path], extensions: { code: 'BAD_USER_INPUT' } }];

/** `filter` as JSON: an object, or absent. */
function parseFilter(raw: string | null): Record<string, unknown> | undefined | Error {
  if (raw === null || raw === '') return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return new Error('filter must be a JSON object (a StatementFilter)');
    return value as Record<string, unknown>;
  } catch (e) {
    return new Error(`filter is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Writes and waits when the socket's buffer is full, so a slow reader never makes the gateway buffer the export. */
async function write(res: http.ServerResponse, chunk: string): Promise<void> {
  if (!res.write(chunk)) await once(res, 'drain');
}

/**
 * GET /export/statements?format=ndjson|csv&filter=<StatementFilter as JSON>&after=<cursor>
 * GET /export/claim-review?claim=<key>
 *
 * Streams from the gateway's own GraphQL pipeline one page at a time (limits, planning and error
 * masking apply as to any read). A bad parameter, filter or cursor is refused with 400 and the
 * error's path before any data; a failure mid-way ends an NDJSON export with an `error` line that
 * names the cursor to resume after, and cuts a CSV export (its last complete row's cursor resumes it).
 */
export function createExportHandler(executeFor: (req: http.IncomingMessage) => Execute, options: ExportOptions = {}) {
  const perClient = options.perClient ?? 2;
  const total = options.total ?? 8;
  const running = new Map<string, number>();
  let all = 0;

  return async function serveExport(req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://gateway');
    if (url.pathname !== EXPORT_PATH && url.pathname !== CLAIM_REVIEW_PATH) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      refuse(res, 405, [{ message: `${url.pathname} answers GET only.`, extensions: { code: 'METHOD_NOT_ALLOWED' } }], { allow: 'GET, HEAD' });
      return true;
    }
    const client = req.socket.remoteAddress ?? 'unknown';
    if ((running.get(client) ?? 0) >= perClient || all >= total) {
      refuse(
        res,
        429,
        [
          {
            message: `Too many exports at once (at most ${perClient} per client, ${total} in all); retry when one ends.`,
            extensions: { code: 'RATE_LIMITED' },
          },
        ],
        { 'retry-after': '5' },
      );
      return true;
    }
    running.set(client, (running.get(client) ?? 0) + 1);
    all++;
    const abort = new AbortController();
    const onClose = () => abort.abort();
    res.once('close', onClose);
    try {
      const execute = executeFor(req);
      if (url.pathname === EXPORT_PATH) await exportStatements(execute, url, req, res, abort.signal);
      else await exportClaimReview(execute, url, req, res, abort.signal);
    } finally {
      res.off('close', onClose);
      all--;
      const left = (running.get(client) ?? 1) - 1;
      if (left === 0) running.delete(client);
      else running.set(client, left);
    }
    return true;
  };

  async function exportStatements(execute: Execute, url: URL, req: http.IncomingMessage, res: http.ServerResponse, signal: AbortSignal) {
    const format = (url.searchParams.get('format') ?? 'ndjson') as Format;
    if (!(format in FORMATS)) return refuse(res, 400, badInput('format', `format must be one of ${Object.keys(FORMATS).join(', ')}, got "${format}"`));
    const filter = parseFilter(url.searchParams.get('filter'));
    if (filter instanceof Error) return refuse(res, 400, badInput('filter', filter.message));
    const after = url.searchParams.get('after') || undefined;
    const pages = pageStatements(execute, filter, after, signal);
    let first: IteratorResult<Awaited<ReturnType<typeof pages.next>>['value']>;
    try {
      first = await pages.next();
    } catch (e) {
      if (e instanceof ExportRefused) return refuse(res, e.status, e.errors);
      throw e;
    }
    res.writeHead(200, {
      'content-type': FORMATS[format],
      'cache-control': 'no-store',
      ...(format === 'csv' ? { 'content-disposition': 'attachment; filename="statements.csv"' } : {}),
    });
    if (req.method === 'HEAD') return void res.end();
    const line = format === 'csv' ? csvRow : ndjsonLine;
    let last = after ?? null;
    try {
      if (format === 'csv') await write(res, csvHeader());
      for (let page = first; !page.done; page = await pages.next()) {
        for (const statement of page.value) {
          await write(res, line(statement));
          last = statement.cursor;
        }
        if (signal.aborted) return;
      }
      res.end();
    } catch (e) {
      if (signal.aborted) return;
      if (format === 'csv') {
        res.destroy(e instanceof Error ? e : new Error(String(e)));
        return;
      }
      const errors =
        e instanceof ExportRefused ? e.errors : [{ message: 'The export stopped: the graph could not be read.', extensions: { code: 'SERVICE_UNAVAILABLE' } }];
      res.end(`${JSON.stringify({ error: errors[0], resumeAfter: last })}\n`);
    }
  }

  async function exportClaimReview(execute: Execute, url: URL, req: http.IncomingMessage, res: http.ServerResponse, signal: AbortSignal) {
    const key = url.searchParams.get('claim');
    if (!key) return refuse(res, 400, badInput('claim', 'claim is required: the key of the claim to export'));
    let claim: ClaimHead;
    const pages = pageStatements(execute, { claim: key }, undefined, signal);
    let first;
    try {
      claim = dataOrRefuse(await execute<{ claim: ClaimHead }>(CLAIM_QUERY, { key }, signal)).claim;
      first = await pages.next();
    } catch (e) {
      if (e instanceof ExportRefused) return refuse(res, e.errors.some((x) => x.extensions?.code === 'NOT_FOUND') ? 404 : e.status, e.errors);
      throw e;
    }
    res.writeHead(200, { 'content-type': 'application/ld+json; charset=utf-8', 'cache-control': 'no-store' });
    if (req.method === 'HEAD') return void res.end();
    const appearances = new Map<string, string | null>();
    try {
      await write(res, `{"@context":${JSON.stringify(CLAIM_REVIEW_CONTEXT)},"@graph":[`);
      for (let page = first; !page.done; page = await pages.next()) {
        for (const statement of page.value) {
          const node = reviewNode(claim, statement);
          if (!node) continue;
          for (const a of statement.attestations) if (a.source) appearances.set(a.source.key, a.source.publishedAt);
          await write(res, `${JSON.stringify(node)},`);
        }
        if (signal.aborted) return;
      }
      const nodes = [...appearances].map(([k, publishedAt]) => ({ key: k, publishedAt }));
      res.end(`${JSON.stringify(claimNode(claim, nodes))}]}\n`);
    } catch (e) {
      // a JSON-LD document cut short is not valid JSON: the client sees the failure
      if (!signal.aborted) res.destroy(e instanceof Error ? e : new Error(String(e)));
    }
  }
}
