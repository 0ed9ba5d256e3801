import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { addVary, compress, isCompressible, negotiateEncoding } from './compression';

test('negotiateEncoding: the highest q-value among br and gzip, br on a tie, none when both are refused', () => {
  expect(negotiateEncoding('gzip, deflate, br')).toBe('br');
  expect(negotiateEncoding('gzip')).toBe('gzip');
  expect(negotiateEncoding('br;q=0.5, gzip;q=0.9')).toBe('gzip');
  expect(negotiateEncoding('*')).toBe('br');
  expect(negotiateEncoding('*;q=0.2, br;q=0')).toBe('gzip');
  expect(negotiateEncoding('identity')).toBeNull();
  expect(negotiateEncoding('br;q=0, gzip;q=0')).toBeNull();
  expect(negotiateEncoding(undefined)).toBeNull();
  expect(negotiateEncoding('')).toBeNull();
});

test('isCompressible: text, JSON and scripts yes; event streams, multipart and images no', () => {
  for (const t of ['application/json; charset=utf-8', 'application/graphql-response+json', 'text/html', 'text/javascript', 'text/css', 'image/svg+xml']) {
    expect({ t, c: isCompressible(t) }).toEqual({ t, c: true });
  }
  for (const t of ['text/event-stream', 'multipart/mixed; boundary="-"', 'image/png', '', undefined])
    expect({ t, c: isCompressible(t) }).toEqual({ t, c: false });
});

test('compress: both encodings round-trip', async () => {
  const body = Buffer.from(
    JSON.stringify({ data: { statements: Array.from({ length: 50 }, (_, i) => ({ key: `stmt:${i}`, text: 'The bases are not available.' })) } }),
  );
  expect(brotliDecompressSync(await compress(body, 'br')).equals(body)).toBe(true);
  expect(gunzipSync(await compress(body, 'gzip', 'small')).equals(body)).toBe(true);
});

test('addVary adds a token once, case-insensitively', () => {
  expect(addVary(undefined, 'Accept')).toBe('Accept');
  expect(addVary('Origin', 'Accept-Encoding')).toBe('Origin, Accept-Encoding');
  expect(addVary('accept-encoding', 'Accept-Encoding')).toBe('accept-encoding');
  expect(addVary('*', 'Origin')).toBe('*');
});
