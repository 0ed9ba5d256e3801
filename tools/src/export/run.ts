import { parseArgs } from 'node:util';
import { ConfigError, Env, resolveUrl } from '../ingest/config';

export const USAGE = `Usage: npm run export -- [--format ndjson|csv] [--filter '<StatementFilter as JSON>'] [--after <cursor>] [--url <gateway>]
       npm run export -- --claim <key> [--format claimreview] [--url <gateway>]

Streams statements out of newsgraph to stdout: every statement matching the filter, newest first,
no page cap (NDJSON: one statement per line with its cursor, speaker, sources, stances and
contradictions; CSV: one row per statement, a header row first). --after <cursor> resumes after
the last statement a previous export delivered. --claim <key> writes the claim as schema.org
ClaimReview/Claim JSON-LD instead.

  --url <url>   gateway GraphQL endpoint; default NEWSGRAPH_URL, else http://localhost:4000/graphql
  -h, --help    this text

Exits 0 when the export is complete; otherwise says why on stderr and, when it stopped half-way,
which --after resumes it, and exits 1 (2 for a usage error).`;

export const EXIT = { OK: 0, FAILED: 1, USAGE: 2 } as const;

export interface ExportIo {
  fetch: typeof fetch;
  /** resolves when the chunk is handed on (stdout's backpressure) */
  write(chunk: Uint8Array): Promise<void>;
  err(line: string): void;
}

interface ExportRequest {
  url: string;
  format: string;
}

/** The export endpoint's URL for the command line, or a usage problem. */
export function exportRequest(argv: readonly string[], env: Env): ExportRequest | 'help' {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: {
      format: { type: 'string' },
      filter: { type: 'string' },
      after: { type: 'string' },
      claim: { type: 'string' },
      url: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) return 'help';
  if (positionals.length) throw new ConfigError(`unexpected argument "${positionals[0]}"`);
  const graphql = new URL(resolveUrl(values.url, env));
  if (values.claim !== undefined) {
    const format = values.format ?? 'claimreview';
    if (format !== 'claimreview') throw new ConfigError(`--claim writes --format claimreview only, got "${format}"`);
    if (values.filter !== undefined || values.after !== undefined) throw new ConfigError('--claim takes neither --filter nor --after');
    const url = new URL('/export/claim-review', graphql);
    url.searchParams.set('claim', values.claim);
    return { url: url.toString(), format };
  }
  const format = values.format ?? 'ndjson';
  if (format !== 'ndjson' && format !== 'csv') throw new ConfigError(`--format must be ndjson or csv (or claimreview with --claim), got "${format}"`);
  if (values.filter !== undefined) {
    try {
      const parsed: unknown = JSON.parse(values.filter);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    } catch (e) {
      throw new ConfigError(
        `--filter must be a StatementFilter as a JSON object, e.g. '{"by":"country:es","topic":"base-use"}' (${e instanceof Error ? e.message : e})`,
      );
    }
  }
  const url = new URL('/export/statements', graphql);
  url.searchParams.set('format', format);
  if (values.filter !== undefined) url.searchParams.set('filter', values.filter);
  if (values.after !== undefined) url.searchParams.set('after', values.after);
  return { url: url.toString(), format };
}

function describeErrors(body: string): string {
  try {
    const parsed = JSON.parse(body) as { errors?: { message: string; path?: unknown[]; extensions?: { code?: string } }[] };
    if (parsed.errors?.length) {
      return parsed.errors
        .map((e) => `${e.path?.length ? `${e.path.join('.')}: ` : ''}${e.message}${e.extensions?.code ? ` (${e.extensions.code})` : ''}`)
        .join('\n');
    }
  } catch {
    // not JSON: show it as it came
  }
  return body.slice(0, 2000);
}

/**
 * Runs the export: streams the endpoint's body to stdout as it arrives. NDJSON ends with an
 * `{"error":…,"resumeAfter":…}` line when the gateway stopped half-way; that line goes to stderr
 * as a message, never to stdout, so stdout holds only statements.
 */
export async function runExport(argv: readonly string[], env: Env, io: ExportIo): Promise<number> {
  let request: ExportRequest | 'help';
  try {
    request = exportRequest(argv, env);
  } catch (e) {
    io.err(`export: ${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
    return EXIT.USAGE;
  }
  if (request === 'help') {
    io.err(USAGE);
    return EXIT.OK;
  }
  let response: Response;
  try {
    response = await io.fetch(request.url);
  } catch (e) {
    io.err(`export: cannot reach the gateway at ${new URL(request.url).origin}: ${e instanceof Error ? e.message : e}`);
    return EXIT.FAILED;
  }
  if (!response.ok || !response.body) {
    io.err(`export: the gateway refused (HTTP ${response.status}):\n${describeErrors(await response.text())}`);
    return EXIT.FAILED;
  }
  const ndjson = request.format === 'ndjson';
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  let pending = ''; // NDJSON: the line not yet complete
  let lastCursor: string | null = null;
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      if (!ndjson) {
        await io.write(chunk);
        continue;
      }
      pending += decoder.decode(chunk, { stream: true });
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      const out: string[] = [];
      for (const line of lines) {
        if (line.startsWith('{"error":')) {
          if (out.length) await io.write(encoder.encode(out.join('')));
          const { error, resumeAfter } = JSON.parse(line) as { error: { message: string }; resumeAfter: string | null };
          io.err(`export: stopped half-way: ${error.message}${resumeAfter ? `\nresume with: --after ${resumeAfter}` : ''}`);
          return EXIT.FAILED;
        }
        lastCursor = (JSON.parse(line) as { cursor: string }).cursor;
        out.push(`${line}\n`);
      }
      if (out.length) await io.write(encoder.encode(out.join('')));
    }
  } catch (e) {
    io.err(`export: the connection broke: ${e instanceof Error ? e.message : e}${lastCursor ? `\nresume with: --after ${lastCursor}` : ''}`);
    return EXIT.FAILED;
  }
  if (pending.trim()) {
    io.err(`export: the export ended in the middle of a line${lastCursor ? `\nresume with: --after ${lastCursor}` : ''}`);
    return EXIT.FAILED;
  }
  return EXIT.OK;
}
