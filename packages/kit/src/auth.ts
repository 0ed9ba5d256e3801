import { timingSafeEqual, createHash } from 'node:crypto';
import { unauthenticated } from './errors';

/** Who is asking: anyone may read; writing needs one of the configured bearer tokens. */
export interface Caller {
  canWrite: boolean;
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** Compares in constant time so a token cannot be guessed byte by byte. */
export function createTokenCheck(tokens: readonly string[]): (authorization: string | undefined) => Caller {
  const allowed = tokens.map(digest);
  return (authorization) => {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!m) return { canWrite: false };
    const given = digest(m[1]);
    return { canWrite: allowed.some((t) => timingSafeEqual(t, given)) };
  };
}

export function requireWriter(caller: Caller): void {
  if (!caller.canWrite) throw unauthenticated();
}
