import { validatePackage } from '@newsgraph/news-package';
import { GatewayClient, GatewayError, GatewayUnreachableError } from './gateway-client';
import { resolveThroughGateway } from './resolve';
import { itemsTooLarge, pathInPackage, planWrites, sendSteps, WriteGroup, WriteStep } from './writes';

/**
 * Write chunks in flight at once. The statements subgraph writes one chunk at a time; what comes
 * before its lock (the gateway, coercion, the package check, the speakers' and sources' lookups)
 * takes as long as the write itself, so two in flight left the writer waiting between chunks:
 * with three, one is being written and the next ones are being checked.
 */
export const WRITE_CONCURRENCY = 3;

/** Where the CLI prints: one line at a time, normal output and problems apart. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
}

/**
 * - loaded: everything written
 * - invalid: problems found before writing; nothing written
 * - refused: the gateway refused a write (earlier steps of this package may have been written)
 * - fatal: no later package can succeed either (gateway unreachable, token refused)
 */
export type PackageOutcome = 'loaded' | 'invalid' | 'refused' | 'fatal';

interface Counts {
  items: number;
  created: number;
  updated: number;
  unchanged: number;
}

/** `{"a": 1,\n "b" ...}` -> line and column (1-based) of the character at `position`. */
function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return { line, column: position - before.lastIndexOf('\n') };
}

/**
 * Where JSON.parse gave up. V8 does not always say ("Unexpected token ..."), so this finds
 * the shortest prefix that no continuation can repair: prefixes are "viable" up to the first bad
 * character and not after it, which makes a binary search possible.
 */
export function jsonErrorOffset(text: string): number {
  const viable = (length: number): boolean => {
    try {
      JSON.parse(text.slice(0, length));
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : '';
      if (/end of JSON input/.test(message)) return true;
      const at = /at position (\d+)/.exec(message);
      return at !== null && Number(at[1]) >= length;
    }
  };
  if (viable(text.length)) return text.length; // it just ends too early
  let good = 0;
  let bad = text.length;
  while (bad - good > 1) {
    const mid = (good + bad) >> 1;
    if (viable(mid)) good = mid;
    else bad = mid;
  }
  return bad - 1;
}

/** Parses the file; a syntax error becomes `line L, column C: message`. */
export function parseJson(text: string): { doc: unknown } | { where: string; message: string } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { doc: JSON.parse(body) };
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).replace(/\s*\(line \d+ column \d+\)/, '').replace(/\s+/g, ' '); // V8 quotes a piece of the file, newlines included
    const { line, column } = lineAndColumn(body, jsonErrorOffset(body));
    return { where: `line ${line}, column ${column}`, message: `not valid JSON: ${message}` };
  }
}

function printGatewayError(file: string, error: GatewayError, output: Output, step?: WriteStep): void {
  for (const e of error.errors) {
    const code = e.extensions?.code ?? 'ERROR';
    output.err(`${file}: ${error.operation} failed [${code}]: ${e.message}`);
    for (const p of e.extensions?.problems ?? []) {
      output.err(`${file}: ${step ? pathInPackage(step, p.path) : p.path}: ${p.message}`);
    }
    if (code === 'UNAUTHENTICATED') output.err(`${file}: the write token was refused; check --token, NEWSGRAPH_TOKEN or .data/write-token`);
  }
}

function summary(file: string, counts: Map<WriteGroup, Counts>): string {
  const groups: WriteGroup[] = ['actors', 'sources', 'claims+statements'];
  const parts = groups.map((g) => {
    const c = counts.get(g) ?? { items: 0, created: 0, updated: 0, unchanged: 0 };
    return `${g} ${c.items} (created ${c.created}, updated ${c.updated}, unchanged ${c.unchanged})`;
  });
  return `loaded ${file}: ${parts.join(', ')}`;
}

/**
 * Loads one package: parse, check, resolve references through the gateway, and only when there
 * is no problem at all, write it (actors, sources, claims+statements). Every problem is printed
 * as `<file>: <path>: <message>`.
 */
export async function ingestPackage(file: string, text: string, client: GatewayClient, output: Output): Promise<PackageOutcome> {
  const parsed = parseJson(text);
  if ('where' in parsed) {
    output.err(`${file}: ${parsed.where}: ${parsed.message}`);
    return 'invalid';
  }

  let checked;
  try {
    checked = await validatePackage(parsed.doc, resolveThroughGateway(client));
  } catch (error) {
    return failure(file, error, output);
  }
  if (!checked.ok || !checked.normalised) {
    for (const p of checked.problems) output.err(`${file}: ${p.path || '/'}: ${p.message}`);
    output.err(`${file}: ${checked.problems.length} problem(s); nothing of this package was written`);
    return 'invalid';
  }

  const tooLarge = itemsTooLarge(checked.normalised);
  if (tooLarge.length) {
    for (const p of tooLarge) output.err(`${file}: ${p.path}: ${p.message}`);
    output.err(`${file}: ${tooLarge.length} problem(s); nothing of this package was written`);
    return 'invalid';
  }

  const counts = new Map<WriteGroup, Counts>();
  const written = new Set<WriteGroup>();
  // chunks go WRITE_CONCURRENCY at a time, each as soon as what it names is written: the gateway,
  // the subgraph and PostgreSQL each wait on the others, so one request at a time left them idle
  const steps = planWrites(checked.normalised);
  const outcomes = await sendSteps(steps, WRITE_CONCURRENCY, (step) =>
    client.request<Record<string, { created: number; updated: number; unchanged: number }>>(step.field, step.query, step.variables, {
      write: true,
    }),
  );
  steps.forEach((step, k) => {
    const r = outcomes[k];
    if (r?.status !== 'fulfilled') return;
    const result = r.value[step.field];
    const c = counts.get(step.group) ?? { items: 0, created: 0, updated: 0, unchanged: 0 };
    counts.set(step.group, {
      items: c.items + step.size,
      created: c.created + result.created,
      updated: c.updated + result.updated,
      unchanged: c.unchanged + result.unchanged,
    });
    written.add(step.group);
  });
  const failed = outcomes.findIndex((r) => r?.status === 'rejected');
  if (failed >= 0) {
    const outcome = failure(file, (outcomes[failed] as PromiseRejectedResult).reason, output, steps[failed]);
    if (written.size) {
      output.err(
        `${file}: ${[...written].join(' and ')} of this package were written before that; every write is an idempotent ` +
          'upsert, so fix the problem and run the same command again to finish',
      );
    }
    return outcome;
  }
  output.out(summary(file, counts));
  return 'loaded';
}

function failure(file: string, error: unknown, output: Output, step?: WriteStep): PackageOutcome {
  if (error instanceof GatewayUnreachableError) {
    output.err(`${file}: ${error.message}`);
    return 'fatal';
  }
  if (error instanceof GatewayError) {
    printGatewayError(file, error, output, step);
    return error.codes.includes('UNAUTHENTICATED') ? 'fatal' : 'refused';
  }
  throw error;
}
