import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SPAIN_ON_BASE_USE } from '../contract';
import { loadSeed, startTestStack, TestStack } from '../harness';
import { ExtraGateway, post, raw, RawAnswer, startGateway } from '../hostile/client';

/**
 * The gateway's response cache (gateway/src/cache): two gateway processes sharing a Redis of
 * this test's own (so that it can be stopped), writes through gateway A (the ingest CLI and
 * plain mutations), reads through gateway B. Every read that starts after a write's answer
 * must show that write, whatever the cache holds.
 */
const SECRET = `cache-${randomBytes(8).toString('hex')}`;
let stack: TestStack;
let redis: { port: number; child: ChildProcess };
let b: ExtraGateway;
let dir: string;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** A real redis-server on `port`, ready once it answers PING. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const c = net.connect(port, '127.0.0.1', () => {
        c.write('PING\r\n');
      });
      c.once('data', (d) => {
        c.destroy();
        resolve(d.toString().startsWith('+PONG'));
      });
      c.once('error', () => resolve(false));
    });
    if (up) return child;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server did not start on ${port}`);
}

function stopRedis(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

beforeAll(async () => {
  const port = await freePort();
  redis = { port, child: await startRedis(port) };
  const REDIS_URL = `redis://127.0.0.1:${port}`;
  stack = await startTestStack({ subgraphSecret: SECRET, env: { NEWSGRAPH_SUBGRAPH_SECRET: SECRET, REDIS_URL } } as any);
  b = await startGateway({
    NEWSGRAPH_SUBGRAPH_SECRET: SECRET,
    NEWSGRAPH_WRITE_TOKENS: stack.token,
    ACTORS_URL: stack.urls.actors,
    STATEMENTS_URL: stack.urls.statements,
    SOURCES_URL: stack.urls.sources,
    ALERTS_URL: stack.urls.alerts,
    REDIS_URL,
  });
  await loadSeed(stack);
  dir = await mkdtemp(path.join(os.tmpdir(), 'newsgraph-cache-'));
}, 180_000);

afterAll(async () => {
  await b?.stop();
  await stack?.teardown();
  if (redis) await stopRedis(redis.child);
  if (dir) await rm(dir, { recursive: true, force: true });
});

const ACTOR_PAGE = `query ActorPage($key: String!) {
  actor(key: $key) { key name partOf { key name } members(first: 10) { totalCount } statements(first: 10) { totalCount edges { node { key } } } }
}`;
const SEARCH = `query Search($q: String!) { statements(filter: { text: $q }, first: 10) { totalCount edges { node { key text } } } }`;
const LATEST = `{ statements(first: 3) { edges { cursor node { key saidAt speaker { name } } } pageInfo { hasNextPage endCursor } } }`;
const COUNTS = `{ statementCounts(filter: { by: "country:es", topic: "base-use" }, interval: MONTH) { total } }`;

interface Shape {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}
const SHAPES: Shape[] = [
  { name: 'headline', query: SPAIN_ON_BASE_USE },
  { name: 'actor page', query: ACTOR_PAGE, variables: { key: 'org:es-ministry-foreign-affairs' } },
  { name: 'search', query: SEARCH, variables: { q: 'bases' } },
  { name: 'latest page', query: LATEST },
  { name: 'counts', query: COUNTS },
];

async function read(url: string, shape: Shape, headers: Record<string, string> = {}): Promise<{ data: any; cache: string | null; answer: RawAnswer }> {
  const answer = await post(url, { query: shape.query, variables: shape.variables }, { headers });
  if (answer.status !== 200 || answer.body?.errors) throw new Error(`${shape.name}: HTTP ${answer.status} ${answer.text.slice(0, 500)}`);
  return { data: answer.body.data, cache: answer.headers.get('x-newsgraph-cache'), answer };
}

/** Reads every shape through B until each is a hit (B then holds an entry of the current version). */
async function warm(url: string): Promise<Record<string, any>> {
  const out: Record<string, any> = {};
  for (const s of SHAPES) {
    await read(url, s);
    const again = await read(url, s);
    expect({ shape: s.name, cache: again.cache }).toEqual({ shape: s.name, cache: 'hit' });
    out[s.name] = again.data;
  }
  return out;
}

async function ingest(name: string, pkg: object): Promise<void> {
  const file = path.join(dir, `${name}.json`);
  await writeFile(file, JSON.stringify({ format: 'newsgraph.package/v1', ...pkg }));
  const r = await stack.ingest([file]);
  if (r.code !== 0) throw new Error(`ingest ${name} failed:\n${r.stdout}\n${r.stderr}`);
}

const statement = (key: string, saidAt: string) => ({
  key,
  speaker: 'person:jose-manuel-albares',
  text: `Spain will not let its bases serve this war (${key})`,
  language: 'en',
  form: 'PARAPHRASE',
  saidAt,
  topics: ['base-use'],
  attestations: [{ source: 'src:cache-test-1' }],
});

const keysOf = (data: any, shape: string): string[] =>
  shape === 'headline' ? data.actor.statements.edges.map((e: any) => e.node.key) : data.statements.edges.map((e: any) => e.node.key);

describe('writes through gateway A are seen by the next read through gateway B', () => {
  test('a new statement (ingest CLI): headline, search, latest page and counts all show it; the actor page is answered again', async () => {
    const before = await warm(b.url);
    await ingest('one', {
      sources: [
        {
          key: 'src:cache-test-1',
          kind: 'ARTICLE',
          url: 'https://example.org/cache-test-1',
          title: 'Cache test one',
          outlet: { key: 'outlet:cadena-ser' },
          publishedAt: '2026-11-30',
          language: 'en',
        },
      ],
      statements: [statement('stmt:cache-test-1', '2026-11-30')],
    });
    const after: Record<string, any> = {};
    for (const s of SHAPES) {
      const r = await read(b.url, s);
      // the entry B held is of the version before the write: not served
      expect({ shape: s.name, cache: r.cache }).toEqual({ shape: s.name, cache: 'miss' });
      after[s.name] = r.data;
    }
    expect(after.headline.actor.statements.totalCount).toBe(before.headline.actor.statements.totalCount + 1);
    expect(keysOf(after.headline, 'headline')[0]).toBe('stmt:cache-test-1');
    expect(after.headline.actor.statements.edges[0].node.attestations[0].source.title).toBe('Cache test one');
    expect(after.search.statements.totalCount).toBe(before.search.statements.totalCount + 1);
    expect(keysOf(after.search, 'search')).toContain('stmt:cache-test-1');
    expect(keysOf(after['latest page'], 'latest page')[0]).toBe('stmt:cache-test-1');
    expect(after.counts.statementCounts.total).toBe(before.counts.statementCounts.total + 1);
    // and A agrees with B
    for (const s of SHAPES) expect((await read(stack.gatewayUrl, s)).data).toEqual(after[s.name]);
  });

  test('a changed source title (sources subgraph) shows in the headline through B', async () => {
    await warm(b.url);
    await ingest('two', {
      sources: [
        {
          key: 'src:cache-test-1',
          kind: 'ARTICLE',
          url: 'https://example.org/cache-test-1',
          title: 'Cache test one, corrected',
          outlet: { key: 'outlet:cadena-ser' },
          publishedAt: '2026-11-30',
          language: 'en',
        },
      ],
    });
    const { data } = await read(b.url, SHAPES[0]);
    expect(data.actor.statements.edges[0].node.attestations[0].source.title).toBe('Cache test one, corrected');
  });

  test('a renamed actor (actors subgraph) shows on its page through B', async () => {
    await warm(b.url);
    await ingest('three', {
      actors: [
        {
          key: 'org:es-ministry-foreign-affairs',
          kind: 'ORGANIZATION',
          name: 'Ministry of Foreign Affairs (renamed by the cache test)',
          partOf: 'org:es-government',
        },
      ],
    });
    const { data, cache } = await read(b.url, SHAPES[1]);
    expect(cache).toBe('miss');
    expect(data.actor.name).toBe('Ministry of Foreign Affairs (renamed by the cache test)');
  });

  test('a mutation sent to B is seen through A the same way', async () => {
    await warm(stack.gatewayUrl);
    const res = await post(
      b.url,
      {
        query: 'mutation($s: [StatementInput!]!) { upsertStatements(statements: $s) { created } }',
        variables: { s: [statement('stmt:cache-test-2', '2026-12-01')] },
      },
      { headers: { authorization: `Bearer ${stack.token}` } },
    );
    expect(res.body.data.upsertStatements.created).toBe(1);
    expect(res.headers.get('x-newsgraph-cache')).toBe('bypass');
    const { data } = await read(stack.gatewayUrl, SHAPES[3]);
    expect(keysOf(data, 'latest page')[0]).toBe('stmt:cache-test-2');
  });
});

test('authenticated requests are never answered from the cache, nor stored', async () => {
  const auth = { authorization: `Bearer ${stack.token}` };
  for (let i = 0; i < 3; i++) expect((await read(b.url, SHAPES[0], auth)).cache).toBe('bypass');
  // a wrong token is refused by nobody on a query, but still never cached
  expect((await read(b.url, SHAPES[0], { authorization: 'Bearer nonsense' })).cache).toBe('bypass');
});

describe('GET: ETag and Cache-Control agree with the cache', () => {
  const getUrl = (base: string, shape: Shape) =>
    `${base}?query=${encodeURIComponent(shape.query)}${shape.variables ? `&variables=${encodeURIComponent(JSON.stringify(shape.variables))}` : ''}`;

  test('a tag from A revalidates at B (304) until a write, then B answers 200 with the new data and a new tag', async () => {
    const shape = SHAPES[3];
    const first = await raw(getUrl(stack.gatewayUrl, shape));
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const tag = first.headers.get('etag')!;
    expect(tag).toMatch(/^W\/"/);
    // B answers from its cache (or fills it) with the same body, so the same tag
    await raw(getUrl(b.url, shape));
    const cached = await raw(getUrl(b.url, shape));
    expect(cached.headers.get('x-newsgraph-cache')).toBe('hit');
    expect(cached.headers.get('etag')).toBe(tag);
    expect(cached.text).toBe(first.text);
    const revalidated = await raw(getUrl(b.url, shape), { headers: { 'if-none-match': tag } });
    expect(revalidated.status).toBe(304);

    await ingest('four', { sources: [], statements: [statement('stmt:cache-test-3', '2026-12-02')] });
    const changed = await raw(getUrl(b.url, shape), { headers: { 'if-none-match': tag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(tag);
    expect(changed.body.data.statements.edges[0].node.key).toBe('stmt:cache-test-3');
    // POST answers, hit or not, are never stored by HTTP caches
    expect((await post(b.url, { query: shape.query })).headers.get('cache-control')).toBe('no-store');
  });
});

test('hits, misses and stale entries are counted on the metrics listener', async () => {
  const text = await (await fetch(b.metricsUrl)).text();
  const count = (result: string) => Number(new RegExp(`newsgraph_response_cache_requests_total\\{result="${result}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
  expect(count('hit')).toBeGreaterThan(0);
  expect(count('miss')).toBeGreaterThan(0);
  expect(count('bypass')).toBeGreaterThan(0);
  expect(Number(/newsgraph_response_cache_entries (\d+)/.exec(text)?.[1])).toBeGreaterThan(0);
});

test('with Redis down the cache is off and answers stay right; once it is back, caching resumes with nothing stale', async () => {
  await warm(b.url);
  await stopRedis(redis.child);
  const down = await read(b.url, SHAPES[3]);
  expect(down.cache).toBe('bypass');
  // the write goes through A, which cannot tell Redis (its answer waits out the bump's deadline)
  await ingest('five', { sources: [], statements: [statement('stmt:cache-test-4', '2026-12-03')] });
  for (const url of [b.url, stack.gatewayUrl]) {
    const r = await read(url, SHAPES[3]);
    expect(r.cache).toBe('bypass');
    expect(keysOf(r.data, 'latest page')[0]).toBe('stmt:cache-test-4');
  }

  redis.child = await startRedis(redis.port);
  // both gateways reconnect on their own; wait (by state, not by clock) until B caches again
  let cache: string | null = null;
  for (let i = 0; i < 200 && cache !== 'hit'; i++) {
    const r = await read(b.url, SHAPES[3]);
    expect(keysOf(r.data, 'latest page')[0]).toBe('stmt:cache-test-4');
    cache = r.cache;
    if (cache !== 'hit') await new Promise((res) => setTimeout(res, 100));
  }
  expect(cache).toBe('hit');
  // and exactness holds again across the replicas
  await ingest('six', { sources: [], statements: [statement('stmt:cache-test-5', '2026-12-04')] });
  expect(keysOf((await read(b.url, SHAPES[3])).data, 'latest page')[0]).toBe('stmt:cache-test-5');
}, 120_000);
