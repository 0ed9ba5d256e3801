// Why our own limiter and not a rate-limit plugin (@graphql-mesh/plugin-rate-limit, armor's cost
// limit): those count requests or fields per identity from a context field; this one counts the
// *mutation root fields* an operation executes (through fragments), keys a budget by the digest of
// a write token the subgraphs accept (per credential), refuses unknown tokens before any subgraph
// (401) and mutations over graphql-ws, and answers 429 RATE_LIMITED with Retry-After.
import { createHash, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import { GraphQLError } from 'graphql';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { bearerToken, unauthenticated } from '@newsgraph/kit';
import { operationOf } from './before-execution';
import { fragmentsOf, rootFieldCount } from './limits';

export interface RateLimit {
  /** mutation fields allowed per window */
  limit: number;
  windowMs: number;
  /** clients remembered at most (least recently seen forgotten first); default 10,000 */
  maxClients?: number;
}

/**
 * The write tokens (NEWSGRAPH_WRITE_TOKENS, as the subgraphs have them). Empty: the gateway cannot
 * tell a real token from a made-up one, so every write is counted against the client's address.
 */
export type WriteTokens = readonly string[];

const digest = (token: string) => createHash('sha256').update(token).digest();

/** Token buckets by client, least recently used forgotten first (a Map keeps insertion order; a hit re-inserts). */
export class Buckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(private readonly options: Required<RateLimit>) {}

  /** Takes `cost` from the client's bucket; returns the seconds to wait when it holds less. */
  take(key: string, cost: number, now = Date.now()): number | undefined {
    const { limit, windowMs, maxClients } = this.options;
    const rate = limit / windowMs;
    const bucket = this.buckets.get(key) ?? { tokens: limit, at: now };
    bucket.tokens = Math.min(limit, bucket.tokens + (now - bucket.at) * rate);
    bucket.at = now;
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > maxClients) this.buckets.delete(this.buckets.keys().next().value as string);
    if (bucket.tokens < cost) return Math.ceil((cost - bucket.tokens) / rate / 1000);
    bucket.tokens -= cost;
    return undefined;
  }
}

function rateLimited(options: RateLimit, retry: number): GraphQLError {
  return new GraphQLError(`Too many writes: at most ${options.limit} mutation fields per ${options.windowMs / 1000} s. Retry in ${retry} s.`, {
    extensions: { code: 'RATE_LIMITED', http: { status: 429, headers: { 'retry-after': String(retry) } } },
  });
}

/**
 * Who writes, and whether the gateway may let the write through:
 * - a token the subgraphs would accept is its own client (its digest is the key, however the
 *   `Bearer` scheme is spelled);
 * - absent, malformed and unknown credentials are counted against the client's address, and an
 *   unknown or malformed one is refused here (UNAUTHENTICATED) before any subgraph parses the body.
 */
/** What the rate limit reads of an operation's context: the HTTP request, or the socket of graphql-ws. */
interface WriterContext {
  request?: { headers: { get(name: string): string | null } };
  req?: http.IncomingMessage;
  socket?: unknown;
}

function writer(context: WriterContext | undefined, tokens: readonly Buffer[]): { key: string; refused: boolean } {
  const header = context?.request?.headers?.get?.('authorization');
  const token = bearerToken(header);
  if (token !== undefined && tokens.length) {
    const given = digest(token);
    if (tokens.some((t) => timingSafeEqual(t, given))) return { key: `token:${given.toString('base64url')}`, refused: false };
  }
  const req: http.IncomingMessage | undefined = context?.req;
  const address = req?.socket?.remoteAddress ?? context?.request?.headers?.get?.('x-forwarded-for') ?? 'unknown';
  return { key: `ip:${address}`, refused: tokens.length > 0 || (header != null && token === undefined) };
}

/**
 * The write limit: a token bucket per client over the mutation fields an operation executes
 * (aliases, fragments and inline fragments at the mutation root each count: `mutation { ...F }`
 * with 20 fields costs 20). Refused writes never reach a subgraph: 429, code RATE_LIMITED.
 * Mutations over graphql-ws are refused: a socket carries no `Authorization` header per operation.
 */
export function useWriteRateLimit(options: RateLimit, writeTokens: WriteTokens = []): GatewayPlugin {
  const buckets = new Buckets({ maxClients: 10_000, ...options });
  const tokens = writeTokens.map(digest);
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const op = operationOf(args.document, args.operationName);
      if (op?.operation !== 'mutation') return;
      const context = args.contextValue as WriterContext | undefined;
      if (context?.socket !== undefined && context?.request === undefined) {
        setResultAndStopExecution({
          errors: [
            new GraphQLError('Mutations are accepted over HTTP only: POST them with "Authorization: Bearer <token>". The WebSocket carries subscriptions.', {
              extensions: { code: 'BAD_REQUEST' },
            }),
          ],
        });
        return;
      }
      const cost = Math.max(1, rootFieldCount(op.selectionSet, fragmentsOf(args.document)));
      const who = writer(context, tokens);
      const retry = buckets.take(who.key, cost);
      if (retry !== undefined) {
        setResultAndStopExecution({ errors: [rateLimited(options, retry)] });
        return;
      }
      if (who.refused) {
        const error = unauthenticated();
        setResultAndStopExecution({
          errors: [new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 401, headers: { 'www-authenticate': 'Bearer' } } } })],
        });
      }
    },
  };
}
