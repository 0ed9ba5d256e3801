import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SPAIN_ON_BASE_USE } from '../contract';
import { loadSeed, startTestStack, TestStack } from '../harness';
import { codes, ExtraGateway, post, raw, startGateway } from '../hostile/client';

/**
 * Automatic persisted queries (register on a miss, hash checked, shared through Redis across
 * gateway replicas when REDIS_URL is set, in-process otherwise) and trusted documents.
 * Needs the Redis server at REDIS_URL (default redis://127.0.0.1:6379).
 */
const SECRET = `apq-${randomBytes(8).toString('hex')}`;
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
let stack: TestStack;
let dir: string;
const gateways: ExtraGateway[] = [];

beforeAll(async () => {
  stack = await startTestStack({ subgraphSecret: SECRET, env: { NEWSGRAPH_SUBGRAPH_SECRET: SECRET } } as any);
  await loadSeed(stack);
  dir = await mkdtemp(path.join(os.tmpdir(), 'newsgraph-apq-'));
}, 180_000);

afterAll(async () => {
  await Promise.all(gateways.map((g) => g.stop()));
  await stack?.teardown();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function gateway(env: Record<string, string> = {}): Promise<ExtraGateway> {
  const g = await startGateway({
    NEWSGRAPH_SUBGRAPH_SECRET: SECRET,
    ACTORS_URL: stack.urls.actors,
    STATEMENTS_URL: stack.urls.statements,
    SOURCES_URL: stack.urls.sources,
    ...env,
  });
  gateways.push(g);
  return g;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** A document no earlier run registered (Redis outlives test runs): a comment makes it unique. */
const fresh = (query: string) => `# run ${randomBytes(6).toString('hex')}\n${query}`;
const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

function hashOnly(url: string, hash: string) {
  return raw(`${url}?extensions=${encodeURIComponent(JSON.stringify(persisted(hash)))}`);
}

function register(url: string, query: string, hash = sha256(query)) {
  return post(url, { query, extensions: persisted(hash) });
}

test('in-process store: a miss says PersistedQueryNotFound (no-store), the document registers, then the hash alone runs it', async () => {
  const query = fresh('{ actor(key: "country:es") { name } }');
  const miss = await hashOnly(stack.gatewayUrl, sha256(query));
  expect(miss.status).toBe(404);
  expect(miss.body.errors[0]).toMatchObject({ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
  expect(miss.headers.get('cache-control')).toBe('no-store');
  expect((await register(stack.gatewayUrl, query)).body.data).toEqual({ actor: { name: 'Spain' } });
  const hit = await hashOnly(stack.gatewayUrl, sha256(query));
  expect(hit.status).toBe(200);
  expect(hit.body.data).toEqual({ actor: { name: 'Spain' } });
  // cacheable like any GET query
  expect(hit.headers.get('etag')).toMatch(/^W\//);
});

test("a hash that is not the document's is refused; a document that does not validate is not registered", async () => {
  const query = fresh('{ actor(key: "country:es") { name } }');
  const mismatch = await register(stack.gatewayUrl, query, sha256('something else'));
  expect(mismatch.status).toBe(400);
  expect(codes(mismatch)).toEqual(['PERSISTED_QUERY_HASH_MISMATCH']);
  const invalid = fresh('{ actor(key: "country:es") { nickname } }');
  expect(codes(await register(stack.gatewayUrl, invalid))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  expect(codes(await hashOnly(stack.gatewayUrl, sha256(invalid)))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  const badHash = await hashOnly(stack.gatewayUrl, 'not-a-hash');
  expect(badHash.status).toBe(400);
  expect(badHash.body.errors[0].message).toMatch(/sha256Hash must be 64 hexadecimal characters/);
});

test('with REDIS_URL, a document registered through one gateway replica is served by hash by another', async () => {
  const [a, b] = await Promise.all([gateway({ REDIS_URL }), gateway({ REDIS_URL })]);
  const query = fresh(SPAIN_ON_BASE_USE);
  expect(codes(await hashOnly(b.url, sha256(query)))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  const registered = await register(a.url, query);
  expect(registered.body.data.actor.name).toBe('Spain');
  const hit = await hashOnly(b.url, sha256(query));
  expect(hit.status).toBe(200);
  expect(hit.body.data).toEqual(registered.body.data);
  // without Redis each process keeps its own
  const alone = await gateway();
  expect(codes(await hashOnly(alone.url, sha256(query)))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
});

test('Redis unreachable: a hash-only request is a miss and the full document still runs', async () => {
  const g = await gateway({ REDIS_URL: 'redis://127.0.0.1:1' });
  const query = fresh('{ __typename }');
  expect(codes(await hashOnly(g.url, sha256(query)))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  expect((await register(g.url, query)).body.data).toEqual({ __typename: 'Query' });
  expect(g.logs.join('\n')).toMatch(/persisted queries: Redis .* failed/);
});

describe('trusted documents', () => {
  const trusted = SPAIN_ON_BASE_USE;
  let g: ExtraGateway;

  beforeAll(async () => {
    const manifest = path.join(dir, 'manifest.json');
    await writeFile(
      manifest,
      JSON.stringify({
        format: 'apollo-persisted-query-manifest',
        version: 1,
        operations: [{ id: sha256(trusted), name: 'SpainOnBaseUse', type: 'query', body: trusted }],
      }),
    );
    g = await gateway({ NEWSGRAPH_TRUSTED_DOCUMENTS: manifest });
  }, 60_000);

  test("the manifest's documents run by hash or in full; any other document is refused, also when sent to register", async () => {
    expect((await hashOnly(g.url, sha256(trusted))).body.data.actor.name).toBe('Spain');
    expect((await post(g.url, { query: trusted })).body.data.actor.name).toBe('Spain');
    const other = await post(g.url, { query: '{ __typename }' });
    expect(other.status).toBe(403);
    expect(codes(other)).toEqual(['PERSISTED_QUERY_NOT_ALLOWED']);
    const sneaky = await register(g.url, '{ actors { totalCount } }');
    expect(codes(sneaky)).toEqual(['PERSISTED_QUERY_NOT_ALLOWED']);
    expect(codes(await hashOnly(g.url, sha256('{ actors { totalCount } }')))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });

  test("a manifest whose id is not its document's hash stops the gateway at start, saying where", async () => {
    const bad = path.join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ [sha256('{ a }')]: '{ b }' }));
    await expect(gateway({ NEWSGRAPH_TRUSTED_DOCUMENTS: bad })).rejects.toThrow(
      /NEWSGRAPH_TRUSTED_DOCUMENTS .*bad\.json: \/[0-9a-f]{64}: id [0-9a-f]{64} is not the SHA-256 of its document/,
    );
  });
});
