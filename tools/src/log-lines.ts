/**
 * How `npm start` shows its services' output. Services write one JSON object per line (pino);
 * that is right for a log pipeline and tiring in a terminal, where one line per request of every
 * service would bury what matters. The terminal gets warnings and errors, and the few info lines
 * that say what a service did (migrations, ready), each as `[service] level message`; every line,
 * as written, goes to `.data/logs/<service>.log`.
 */
const LOUD = new Set(['warn', 'error', 'fatal']);

/** Fields of a line worth showing after its message when it is shown. */
const CONTEXT = ['requestId', 'operation', 'status', 'code', 'errorId'];

function codeOf(entry: Record<string, unknown>): unknown {
  return (entry.extensions as { code?: unknown } | undefined)?.code;
}

/** The terminal form of one output line, or undefined to leave it to the log file. */
export function terminalLine(service: string, line: string): string | undefined {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line);
  } catch {
    return `[${service}] ${line}`;
  }
  if (typeof entry !== 'object' || entry === null) return `[${service}] ${line}`;
  // the gateway runtime logs some errors as the error object itself: its message is the message
  const msg = typeof entry.msg === 'string' ? entry.msg : typeof entry.message === 'string' ? entry.message : undefined;
  if (msg === undefined) return `[${service}] ${line}`;
  const level = String(entry.level ?? 'info');
  const loud = LOUD.has(level);
  // per-request lines are for the log file and /metrics, unless something went wrong
  if (!loud && (msg === 'request completed' || level === 'debug' || level === 'trace')) return undefined;
  const context = CONTEXT.filter((k) => entry[k] !== undefined).map((k) => `${k}=${String(entry[k])}`);
  if (entry.code === undefined && codeOf(entry) !== undefined) context.push(`code=${String(codeOf(entry))}`);
  const err = entry.err as { message?: string } | undefined;
  if (err?.message && !msg.includes(err.message)) context.push(`error=${err.message}`);
  const tail = context.length ? ` (${context.join(', ')})` : '';
  return `[${service}] ${loud ? `${level.toUpperCase()} ` : ''}${msg}${tail}`;
}
