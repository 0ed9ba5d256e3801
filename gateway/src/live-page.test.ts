import http from 'node:http';
import { AddressInfo } from 'node:net';
import { serveLive } from './live-page';

let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    void serveLive(req, res).then((served) => {
      if (!served) res.writeHead(418).end('not mine');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

test('/live is a page that loads only same-origin assets, under a CSP that allows nothing else', async () => {
  const res = await fetch(`${base}/live`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'.*script-src 'self'.*connect-src 'self'/);
  const html = await res.text();
  const refs = [...html.matchAll(/(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
  expect(refs.length).toBeGreaterThan(0);
  for (const ref of refs) expect(ref).toMatch(/^(\/live\/|#|data:)/);
});

test('the compiled modules and the stylesheet are served; nothing else under /live is', async () => {
  for (const [path, type] of [
    ['/live/app.js', /text\/javascript/],
    ['/live/feed-client.js', /text\/javascript/],
    ['/live/live.css', /text\/css/],
  ] as const) {
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(type);
  }
  for (const path of ['/live/nope.js', '/live/app.d.ts', '/live/..%2Fmain.js', '/live/.tsbuildinfo']) {
    expect((await fetch(`${base}${path}`)).status).toBe(404);
  }
  expect((await fetch(`${base}/live`, { method: 'POST' })).status).toBe(405);
  expect((await fetch(`${base}/graphql`)).status).toBe(418);
  expect((await fetch(`${base}/lively`)).status).toBe(418);
});

test('the chart library is served from the installed package: gzipped when asked, revalidated by ETag, nothing else under /live/vendor', async () => {
  const plain = await fetch(`${base}/live/vendor/echarts.js`, { headers: { 'accept-encoding': 'identity' } });
  expect(plain.status).toBe(200);
  expect(plain.headers.get('content-type')).toMatch(/^text\/javascript/);
  expect(plain.headers.get('content-encoding')).toBeNull();
  const code = await plain.text();
  // the Apache licence header travels with the code, and it is an ES module the page can import
  expect(code.slice(0, 400)).toMatch(/Apache License, Version 2\.0/);
  expect(code).toMatch(/export\s*\{[^}]*\binit\b/);
  const etag = plain.headers.get('etag');
  // the generic validator of every gateway body (http/static-assets.ts)
  expect(etag).toMatch(/^(W\/)?"[^"]+"$/);

  // fetch() decodes gzip itself: the bytes it hands back are the same module
  const zipped = await fetch(`${base}/live/vendor/echarts.js`, { headers: { 'accept-encoding': 'gzip' } });
  expect(zipped.headers.get('content-encoding')).toBe('gzip');
  expect(await zipped.text()).toBe(code);

  const again = await fetch(`${base}/live/vendor/echarts.js`, { headers: { 'if-none-match': etag! } });
  expect(again.status).toBe(304);
  expect(await again.text()).toBe('');

  for (const path of ['/live/vendor/uplot.js', '/live/vendor/echarts.mjs', '/live/vendor/..%2Fapp.js', '/live/vendor/']) {
    expect((await fetch(`${base}${path}`)).status).toBe(404);
  }
});
