import { GraphQLError } from 'graphql';
import { ErrorCode } from './errors';

/** PostgreSQL error codes (SQLSTATE) a request can cause, and what the caller is told. */
const KNOWN: Record<string, { code: string; message: string }> = {
  // statement_timeout, or a cancel because the caller went away
  '57014': { code: 'QUERY_TIMEOUT', message: 'The query took too long and was stopped; narrow it (a filter, a smaller page) and retry.' },
  // a NUL character (U+0000) reached a text column or a text-search function
  '22021': { code: ErrorCode.BAD_USER_INPUT, message: 'Text must not contain the NUL character (U+0000).' },
  '22P05': { code: ErrorCode.BAD_USER_INPUT, message: 'Text must not contain the NUL character (U+0000).' },
  // a text-search input or vector beyond PostgreSQL's limits (string too long, stack depth)
  '54000': { code: ErrorCode.BAD_USER_INPUT, message: 'A text is beyond the database’s limits (a text-search vector holds at most 1 MB).' },
  '54001': { code: ErrorCode.BAD_USER_INPUT, message: 'The search text is too complex for the database.' },
};

// the database is down, restarting or unreachable: the request may succeed again soon
const UNAVAILABLE = { code: 'SERVICE_UNAVAILABLE', message: 'The database is unavailable right now; retry shortly.' };
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004']);

function knownCause(cause: unknown): { code: string; message: string } | undefined {
  const code = (cause as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && KNOWN[code]) return KNOWN[code];
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return UNAVAILABLE;
  const message = cause instanceof Error ? cause.message : '';
  if (/Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(message)) return UNAVAILABLE;
  return undefined;
}

/**
 * Apollo's formatError: a database error a request can cause, or a database that is down
 * (SERVICE_UNAVAILABLE), becomes a clear, coded error with the
 * field's path instead of "Unexpected error." (the validators refuse such input first; this is the
 * net under them). Anything else is left as it is, for the gateway to mask.
 */
export function formatDatabaseError<T extends { path?: readonly (string | number)[] }>(formatted: T, error: unknown): T | GraphQLError {
  const cause = (error as { originalError?: unknown } | undefined)?.originalError ?? error;
  const known = knownCause(cause);
  if (!known) return formatted;
  return new GraphQLError(known.message, { path: formatted.path, extensions: { code: known.code } });
}
