import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { SPAIN_ON_BASE_USE } from '../contract';
import { loadSeed, startTestStack, TestStack } from '../harness';
import { ExtraGateway, startGateway } from '../hostile/client';
import { subscriptionsActive } from '../observability/signals';
import { eventually } from '../wait';
import { FEED_FROM_START, FEED_START } from './feed';

/**
 * What HTTP clients, browsers and CDNs rely on: CORS (one policy for HTTP and WebSocket),
 * compression, validators and 304, no-store on writes, HEAD, hashed long-cached assets, and
 * /metrics kept off the public port.
 */
const SECRET = `clients-${randomBytes(8).toString('hex')}`;
const APP = 'https://app.example';
let stack: TestStack;
let url: string;
let listed: ExtraGateway;

beforeAll(async () => {
  stack = await startTestStack({ subgraphSecret: SECRET, env: { NEWSGRAPH_SUBGRAPH_SECRET: SECRET } } as any);
  url = stack.gatewayUrl;
  await loadSeed(stack);
  // a second gateway over the same subgraphs, with an origin allow-list
  listed = await startGateway({
    NEWSGRAPH_SUBGRAPH_SECRET: SECRET,
    NEWSGRAPH_ALLOWED_ORIGINS: APP,
    ACTORS_URL: stack.urls.actors,
    STATEMENTS_URL: stack.urls.statements,
    SOURCES_URL: stack.urls.sources,
  });
}, 180_000);

afterAll(async () => {
  await listed?.stop();
  await stack?.teardown();
});

const getUrl = (base: string, query: string) => `${base}?query=${encodeURIComponent(query)}`;

function handshake(base: string, origin: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(base.replace(/^http/, 'ws'), 'graphql-transport-ws', { headers: { origin } });
    ws.once('open', () => {
      ws.close();
      resolve({ status: 101, body: '' });
    });
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.once('error', (e) => {
      if (!/Unexpected server response/.test(e.message)) reject(e);
    });
  });
}

describe('CORS: one policy for HTTP and WebSocket', () => {
  test('default: any origin may read, never with credentials; x-request-id is readable; preflights are cached', async () => {
    const res = await fetch(getUrl(url, '{ __typename }'), { headers: { origin: 'https://news-reader.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('access-control-expose-headers')).toMatch(/x-request-id/);
    const preflight = await fetch(url, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://news-reader.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type, authorization');
    expect(preflight.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(Number(preflight.headers.get('access-control-max-age'))).toBeGreaterThan(0);
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    expect((await handshake(url, 'https://news-reader.example')).status).toBe(101);
  });

  test('allow-list: listed origins read and connect; others get no grant over HTTP and a 403 with the reason over WebSocket', async () => {
    const ok = await fetch(getUrl(listed.url, '{ __typename }'), { headers: { origin: APP } });
    expect(ok.headers.get('access-control-allow-origin')).toBe(APP);
    expect(ok.headers.get('vary')).toMatch(/Origin/);
    const other = await fetch(getUrl(listed.url, '{ __typename }'), { headers: { origin: 'https://elsewhere.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const refusedPreflight = await fetch(listed.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST' },
    });
    expect(refusedPreflight.status).toBe(403);
    expect(await refusedPreflight.text()).toMatch(/https:\/\/elsewhere\.example is not allowed.*NEWSGRAPH_ALLOWED_ORIGINS/);
    expect((await handshake(listed.url, APP)).status).toBe(101);
    const refused = await handshake(listed.url, 'https://elsewhere.example');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatch(/https:\/\/elsewhere\.example is not allowed/);
    // the gateway's own pages stay allowed
    expect((await handshake(listed.url, new URL(listed.url).origin)).status).toBe(101);
  });
});

describe('caching headers and compression of GraphQL answers', () => {
  test('a GET query: ETag and no-cache, 304 on If-None-Match, compressed per Accept-Encoding above the threshold', async () => {
    const headline = getUrl(url, SPAIN_ON_BASE_USE);
    const first = await fetch(headline, { headers: { 'accept-encoding': 'identity' } });
    const body = await first.text();
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers.get('content-encoding')).toBeNull();
    const again = await fetch(headline, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    for (const encoding of ['br', 'gzip']) {
      // fetch decodes for us; the header says what travelled
      const res = await fetch(headline, { headers: { 'accept-encoding': encoding } });
      expect(res.headers.get('content-encoding')).toBe(encoding);
      expect(Number(res.headers.get('content-length'))).toBeLessThan(Buffer.byteLength(body) / 3);
      expect(await res.text()).toBe(body);
      expect(res.headers.get('etag')).toBe(etag);
    }
    // a small answer is not worth compressing
    const small = await fetch(getUrl(url, '{ __typename }'), { headers: { 'accept-encoding': 'br' } });
    expect(small.headers.get('content-encoding')).toBeNull();
  });

  test('mutations and POST answers are no-store; HEAD answers a GET query without a body and never runs a mutation', async () => {
    const mutation = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.token}` },
      body: JSON.stringify({ query: 'mutation { upsertActors(actors: [{ key: "person:cache-probe", name: "Cache Probe" }]) { created updated unchanged } }' }),
    });
    expect(mutation.status).toBe(200);
    expect(mutation.headers.get('cache-control')).toBe('no-store');
    const head = await fetch(getUrl(url, '{ actor(key: "country:es") { name } }'), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toMatch(/^W\//);
    expect(await head.text()).toBe('');
    const headMutation = await fetch(getUrl(url, 'mutation { upsertActors(actors: [{ key: "person:head-probe", name: "Head Probe" }]) { created } }'), {
      method: 'HEAD',
      headers: { authorization: `Bearer ${stack.token}` },
    });
    expect(headMutation.status).toBe(405);
    const check = await stack.query('{ actors(search: "Head Probe") { totalCount } }');
    expect(check.data.actors.totalCount).toBe(0);
  });
});

describe('the playground and /live: small pages naming hashed, long-cached files', () => {
  async function assetsOf(page: string, accept = 'text/html'): Promise<{ html: string; etag: string; assets: string[] }> {
    const res = await fetch(page, { headers: { accept } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const html = await res.text();
    return { html, etag: res.headers.get('etag')!, assets: [...html.matchAll(/["'](\/assets\/[^"']+)["']/g)].map((m) => m[1]) };
  }

  test('GraphiQL: the page is a few KB, its files are immutable, validated and compressed', async () => {
    const { html, etag, assets } = await assetsOf(url);
    expect(Buffer.byteLength(html)).toBeLessThan(20_000);
    expect(assets.some((a) => a.endsWith('/graphiql.js'))).toBe(true);
    expect((await fetch(url, { headers: { accept: 'text/html', 'if-none-match': etag } })).status).toBe(304);
    const origin = new URL(url).origin;
    const js = assets.find((a) => a.endsWith('/graphiql.js'))!;
    const res = await fetch(`${origin}${js}`, { headers: { 'accept-encoding': 'br' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(Number(res.headers.get('content-length'))).toBeLessThan(2_000_000);
    expect((await res.text()).length).toBeGreaterThan(4_000_000);
    const revalidated = await fetch(`${origin}${js}`, { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(revalidated.status).toBe(304);
    // a hash that is not this build's is not served (an immutable URL never changes content)
    expect((await fetch(`${origin}${js.replace(/graphiql\.[^/]+\//, 'graphiql.0000000000000000/')}`)).status).toBe(404);
  });

  test('/live names its stylesheet and modules under a hashed folder; HEAD answers with the length', async () => {
    const origin = new URL(url).origin;
    const { assets } = await assetsOf(`${origin}/live`);
    expect(assets.some((a) => /^\/assets\/live\.[^/]+\/live\.css$/.test(a))).toBe(true);
    expect(assets.some((a) => /^\/assets\/live\.[^/]+\/app\.js$/.test(a))).toBe(true);
    for (const asset of assets) {
      const head = await fetch(`${origin}${asset}`, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.headers.get('cache-control')).toMatch(/immutable/);
      expect(Number(head.headers.get('content-length'))).toBeGreaterThan(0);
    }
    // the modules import each other relatively: app.js's imports resolve inside the same hashed folder
    const app = assets.find((a) => a.endsWith('/app.js'))!;
    const code = await (await fetch(`${origin}${app}`)).text();
    for (const m of code.matchAll(/from '\.\/([a-z-]+\.js)'/g)) {
      expect((await fetch(`${origin}${app.replace(/app\.js$/, m[1])}`)).status).toBe(200);
    }
  });
});

test('/metrics: not on the public port; on a loopback listener of its own', async () => {
  const origin = new URL(url).origin;
  expect((await fetch(`${origin}/metrics`)).status).toBe(404);
  const metrics = new URL(stack.gatewayMetricsUrl);
  expect(metrics.hostname).toBe('localhost');
  expect(metrics.port).not.toBe(new URL(url).port);
  const res = await fetch(stack.gatewayMetricsUrl);
  expect(res.status).toBe(200);
  expect(await res.text()).toMatch(/newsgraph_graphql_requests_total\{service="gateway"/);
});

test('a multipart subscription the client abandons ends in the gateway and in the statements subgraph', async () => {
  const active = async () => (await subscriptionsActive(stack.gatewayMetricsUrl)) + (await subscriptionsActive(new URL('/metrics', stack.urls.statements)));
  const before = await active();
  const controller = new AbortController();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'multipart/mixed;subscriptionSpec=1.0,application/json' },
    body: JSON.stringify({ query: FEED_FROM_START, variables: { after: FEED_START } }),
    signal: controller.signal,
  });
  expect(res.headers.get('content-type')).toMatch(/^multipart\/mixed;boundary="graphql";subscriptionSpec="1.0"/);
  const reader = res.body!.getReader();
  let text = '';
  while (!/"payload":\{"data"/.test(text)) text += new TextDecoder().decode((await reader.read()).value);
  expect(await active()).toBe(before + 2);
  controller.abort();
  await eventually(async () => (await active()) === before, 10_000, 'the abandoned subscription to end upstream');
});
