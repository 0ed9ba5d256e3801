import { promisify } from 'node:util';
import zlib from 'node:zlib';

/**
 * Response compression per Accept-Encoding: Brotli or gzip, for compressible types above a size
 * threshold (below it the framing costs more than it saves). Streams (SSE, multipart) are never
 * compressed: an event must reach the client when it happens, not when a compressor's block fills.
 */
export type Encoding = 'br' | 'gzip';

/** Bodies smaller than this are sent as they are. */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

const COMPRESSIBLE = /^(text\/(?!event-stream)[a-z.+-]+|application\/([a-z.+-]*\+)?json|application\/(javascript|ecmascript)|image\/svg\+xml)\b/i;

export function isCompressible(contentType: string | null | undefined): boolean {
  return !!contentType && COMPRESSIBLE.test(contentType);
}

/**
 * The best encoding the client accepts: the highest q-value among br and gzip (`*` stands for
 * both), br on a tie; null for none (identity).
 */
export function negotiateEncoding(acceptEncoding: string | null | undefined): Encoding | null {
  if (!acceptEncoding) return null;
  const q: Record<string, number> = {};
  for (const item of acceptEncoding.split(',')) {
    const [name, ...params] = item.split(';').map((s) => s.trim().toLowerCase());
    if (!name) continue;
    const qParam = params.find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q[name] = Number.isFinite(value) ? value : 0;
  }
  const of = (name: Encoding) => q[name] ?? q['*'] ?? 0;
  const br = of('br');
  const gzip = Math.max(of('gzip'), q['x-gzip'] ?? 0);
  if (br <= 0 && gzip <= 0) return null;
  return br >= gzip ? 'br' : 'gzip';
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * `fast` for answers made per request (Brotli quality 5 is within a few per cent of the best at a
 * fraction of the time); `small` for assets compressed once and kept.
 */
export function compress(body: Uint8Array, encoding: Encoding, effort: 'fast' | 'small' = 'fast'): Promise<Buffer> {
  if (encoding === 'gzip') return gzip(body, { level: effort === 'fast' ? 6 : 9 });
  return brotli(body, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: effort === 'fast' ? 5 : 9,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
    },
  });
}

/** Adds a token to a Vary header value, once. */
export function addVary(current: string | null | undefined, token: string): string {
  const tokens = (current ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (tokens.some((t) => t === '*' || t.toLowerCase() === token.toLowerCase())) return tokens.join(', ');
  return [...tokens, token].join(', ');
}
