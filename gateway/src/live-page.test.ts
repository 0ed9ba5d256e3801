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
