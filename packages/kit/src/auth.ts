import { timingSafeEqual, createHash } from 'node:crypto';
import { unauthenticated } from './errors';

/** Who is asking: anyone may read; writing needs one of the configured bearer tokens. */
export interface Caller {
  canWrite: boolean;
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/**
 * The credential of an `Authorization` header as every service reads it: the scheme `Bearer` in
 * any case, blanks around, one token. Anything else is no credential. The gateway keys its write
 * rate limit on this, so that `bearer x`, `BEARER  x` and `Bearer\tx` are one client, as they are
 * one writer to the subgraphs.
 */
export function bearerToken(authorization: string | null | undefined): string | undefined {
  const m = /^\s*Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return m?.[1];
}

/** Compares in constant time so a token cannot be guessed byte by byte. */
export function createTokenCheck(tokens: readonly string[]): (authorization: string | undefined) => Caller {
  const allowed = tokens.map(digest);
  return (authorization) => {
    const token = bearerToken(authorization);
    if (token === undefined) return { canWrite: false };
    const given = digest(token);
    return { canWrite: allowed.some((t) => timingSafeEqual(t, given)) };
  };
}

export function requireWriter(caller: Caller): void {
  if (!caller.canWrite) throw unauthenticated();
}
