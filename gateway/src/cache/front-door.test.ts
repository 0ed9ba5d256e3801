import http from 'node:http';
import { AddressInfo } from 'node:net';
import { NewsgraphMetrics } from '@newsgraph/kit';
import { createGateway, RunningGateway } from '../create-gateway';

/**
 * The response cache over a stand-in statements subgraph whose answers the test controls: what
 * the front door (hits answered before the runtime) serves, that it refuses exactly what the
 * runtime refuses, and that merged misses never hand a read an answer older than a write that
 * was acknowledged before the read began.
 */
interface Upstream {
  url: string;
  /** the data the next answer shows */
  value: string;
  /** query (not mutation) requests received */
  reads: number;
  /** while set, read answers wait for it */
  hold?: Promise<void>;
  close(): Promise<void>;
}

async function startUpstream(): Promise<Upstream> {
  const up: Upstream = { url: '', value: 'v0', reads: 0, close: async () => undefined };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', async () => {
      const { query } = JSON.parse(body) as { query: string };
      const reply = (data: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
      if (query.includes('upsertStatements')) return reply({ upsertStatements: { __typename: 'UpsertResult', created: 1 } });
      up.reads += 1;
      // the value this read sees is the one current when it reached the subgraph
      const value = up.value;
      const first = Number(/first: ?(\d+)/.exec(query)?.[1] ?? 1);
      await up.hold;
      const edges = Array.from({ length: first }, (_, i) => ({
        __typename: 'StatementEdge',
        node: { __typename: 'Statement', key: `${value}-${i}-${'k'.repeat(40)}` },
      }));
      reply({ statements: { __typename: 'StatementConnection', edges } });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  up.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  up.close = () => new Promise((r) => server.close(() => r()));
  return up;
}

let upstream: Upstream;
const gateways: RunningGateway[] = [];
const registries: Record<string, NewsgraphMetrics> = {};

async function gateway(name: string, frontDoor: boolean, extra: Parameters<typeof createGateway>[0] = {}): Promise<string> {
  const metrics = new NewsgraphMetrics();
  registries[name] = metrics;
  const g = createGateway({
    subgraphUrls: { statements: upstream.url, actors: upstream.url, sources: upstream.url, alerts: upstream.url },
    production: true,
    // the native planner loads through a dynamic import, which jest's module system refuses
    planner: 'js',
    metrics,
    deduplicateInflight: false,
    responseCache: { enabled: true, frontDoor },
    rateLimit: { limit: 10_000, windowMs: 10_000 },
    ...extra,
  });
  const running = await g.listen(0, '127.0.0.1');
  gateways.push(running);
  return running.url;
}

async function frontDoorHits(name: string): Promise<number> {
  const text = await registries[name].registry.getSingleMetricAsString('newsgraph_response_cache_front_door_hits_total');
  return Number(/ (\d+)$/m.exec(text)?.[1] ?? 0);
}

let front: string;
let plain: string;
let merging: string;
beforeAll(async () => {
  upstream = await startUpstream();
  front = await gateway('front', true, { maxBodyBytes: 4096 });
  plain = await gateway('plain', false, { maxBodyBytes: 4096 });
  // as shipped: identical subgraph requests in flight merged
  merging = await gateway('merging', true, { deduplicateInflight: true });
}, 60_000);

afterAll(async () => {
  for (const g of gateways) await g.close();
  await upstream?.close();
});

const query = (first: number) => `{ statements(first: ${first}) { edges { node { key } } } }`;
const postInit = (body: string, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
  body,
});

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}
async function ask(url: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(url, { ...init, headers: { 'x-request-id': 'test-request-1', ...(init.headers as Record<string, string>) } });
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    if (k !== 'date' && k !== 'keep-alive' && k !== 'connection') headers[k] = v;
  });
  return { status: res.status, headers, body: await res.text() };
}

async function write(url: string): Promise<void> {
  const res = await fetch(url, postInit(JSON.stringify({ query: 'mutation { upsertStatements { created } }' })));
  expect(res.status).toBe(200);
  await res.text();
}

describe('the front door', () => {
  test('a hit answered before the runtime is what the runtime answers: body, status and headers, ETag and 304, compression', async () => {
    upstream.value = 'same';
    const variants: Array<[string, (base: string) => [string, RequestInit]]> = [
      ['POST, graphql-response+json', (b) => [b, postInit(JSON.stringify({ query: query(2) }))]],
      ['POST, legacy JSON', (b) => [b, postInit(JSON.stringify({ query: query(2) }), { accept: 'application/json' })]],
      ['POST, gzip', (b) => [b, postInit(JSON.stringify({ query: query(30) }), { 'accept-encoding': 'gzip' })]],
      ['POST, br', (b) => [b, postInit(JSON.stringify({ query: query(30) }), { 'accept-encoding': 'br' })]],
      ['GET', (b) => [`${b}?query=${encodeURIComponent(query(3))}`, { headers: { accept: 'application/json' } }]],
      ['GET, gzip', (b) => [`${b}?query=${encodeURIComponent(query(31))}`, { headers: { 'accept-encoding': 'gzip' } }]],
      ['HEAD', (b) => [`${b}?query=${encodeURIComponent(query(3))}`, { method: 'HEAD' }]],
    ];
    for (const [name, make] of variants) {
      const [fu, fi] = make(front);
      const [pu, pi] = make(plain);
      await ask(fu, fi); // miss: stored, and this request admitted
      await ask(pu, pi);
      const before = await frontDoorHits('front');
      const [viaFront, viaRuntime] = [await ask(fu, fi), await ask(pu, pi)];
      expect(await frontDoorHits('front')).toBe(before + 1);
      expect({ name, ...viaFront }).toEqual({ name, ...viaRuntime });
      expect(viaFront.headers['x-newsgraph-cache']).toBe('hit');
      expect(viaFront.headers['x-request-id']).toBe('test-request-1');
    }
    // a validator from either gateway is a 304 through the front door
    for (const accept of ['application/json', 'application/graphql-response+json']) {
      const getUrl = (b: string) => `${b}?query=${encodeURIComponent(query(3))}`;
      await ask(getUrl(front), { headers: { accept } });
      await ask(getUrl(plain), { headers: { accept } });
      const tagged = await ask(getUrl(front), { headers: { accept } });
      expect(tagged.headers.etag).toMatch(/^W\//);
      const before = await frontDoorHits('front');
      const notModified = await ask(getUrl(front), { headers: { accept, 'if-none-match': tagged.headers.etag } });
      const reference = await ask(getUrl(plain), { headers: { accept, 'if-none-match': tagged.headers.etag } });
      expect(await frontDoorHits('front')).toBe(before + 1);
      expect(notModified.status).toBe(304);
      expect(notModified).toEqual(reference);
    }
  });

  test('refuses what the runtime refuses, identically, even for a request whose twin is cached', async () => {
    upstream.value = 'refusals';
    const good = JSON.stringify({ query: query(4) });
    await ask(front, postInit(good));
    expect((await ask(front, postInit(good))).headers['x-newsgraph-cache']).toBe('hit');
    const hits = await frontDoorHits('front');
    const invalidUtf8 = Buffer.concat([Buffer.from(good.slice(0, -1)), Buffer.from(', "operationName": "\xF1"}', 'latin1')]);
    const cases: Array<[string, RequestInit]> = [
      ['text/plain body', postInit(good, { 'content-type': 'text/plain' })],
      ['latin-1 charset', postInit(good, { 'content-type': 'application/json; charset=iso-8859-1' })],
      ['invalid UTF-8', postInit(invalidUtf8 as unknown as string)],
      ['unknown parameter', postInit(JSON.stringify({ query: query(4), bogus: 1 }))],
      ['trailing garbage', postInit(`${good}x`)],
      ['too large', postInit(JSON.stringify({ query: query(4), variables: { pad: 'x'.repeat(5000) } }))],
      ['authenticated', postInit(good, { authorization: 'Bearer someone' })],
      ['typed GET body', { method: 'GET', headers: { 'content-type': 'text/plain' } }],
    ];
    for (const [name, init] of cases) {
      const [a, b] = [await ask(front, init), await ask(plain, init)];
      expect({ name, status: a.status, body: a.body, cache: a.headers['x-newsgraph-cache'] }).toEqual({
        name,
        status: b.status,
        body: b.body,
        cache: b.headers['x-newsgraph-cache'],
      });
    }
    expect(await frontDoorHits('front')).toBe(hits);
  });
});

describe('merged misses and writes', () => {
  test('a read that begins after a write was acknowledged never joins a computation that began before it', async () => {
    upstream.value = 'before';
    let release!: () => void;
    upstream.hold = new Promise((r) => (release = r));
    const body = JSON.stringify({ query: query(5) });
    const reads = upstream.reads;
    // A reaches the subgraph and is held there, computing an answer from before the write
    const early = ask(front, postInit(body));
    while (upstream.reads === reads) await new Promise((r) => setTimeout(r, 5));
    upstream.value = 'after';
    await write(front);
    // B starts after the write's answer arrived: it must not wait for A's answer
    const late = ask(front, postInit(body));
    while (upstream.reads === reads + 1) await new Promise((r) => setTimeout(r, 5));
    release();
    upstream.hold = undefined;
    const [a, b] = [await early, await late];
    expect(JSON.parse(a.body).data.statements.edges[0].node.key).toMatch(/^before-/);
    expect(JSON.parse(b.body).data.statements.edges[0].node.key).toMatch(/^after-/);
    expect(upstream.reads).toBe(reads + 2);
    // and A's answer, made before the write, is never served after it (front door included)
    const again = await ask(front, postInit(body));
    expect(JSON.parse(again.body).data.statements.edges[0].node.key).toMatch(/^after-/);
  });

  test('identical misses under one data version wait for one computation', async () => {
    upstream.value = 'merged';
    let release!: () => void;
    upstream.hold = new Promise((r) => (release = r));
    await write(front);
    const body = JSON.stringify({ query: query(6) });
    const reads = upstream.reads;
    const answers = Array.from({ length: 8 }, () => ask(front, postInit(body)));
    while (upstream.reads === reads) await new Promise((r) => setTimeout(r, 5));
    // give the other seven time to arrive and join
    await new Promise((r) => setTimeout(r, 200));
    release();
    upstream.hold = undefined;
    const bodies = new Set((await Promise.all(answers)).map((a) => a.body));
    expect(bodies.size).toBe(1);
    expect(upstream.reads).toBe(reads + 1);
  });

  test('with merging of subgraph requests on, a read after a write never joins a subgraph request sent before it', async () => {
    upstream.value = 'before';
    let release!: () => void;
    upstream.hold = new Promise((r) => (release = r));
    const reads = upstream.reads;
    const early = ask(merging, postInit(JSON.stringify({ query: query(7) })));
    while (upstream.reads === reads) await new Promise((r) => setTimeout(r, 5));
    upstream.value = 'after';
    await write(merging);
    // another document (so another cache key), planned into the very same subgraph request
    const late = ask(merging, postInit(JSON.stringify({ query: `  ${query(7)}` })));
    while (upstream.reads === reads + 1) await new Promise((r) => setTimeout(r, 5));
    release();
    upstream.hold = undefined;
    const [a, b] = [await early, await late];
    expect(JSON.parse(a.body).data.statements.edges[0].node.key).toMatch(/^before-/);
    expect(JSON.parse(b.body).data.statements.edges[0].node.key).toMatch(/^after-/);
  });
});
