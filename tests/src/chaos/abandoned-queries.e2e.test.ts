import { Client } from 'pg';
import { dataOf, loadSeed, startTestStack, TestStack } from '../harness';
import { ExtraGateway, startGateway } from '../hostile/client';
import { eventually } from '../wait';

/**
 * A query nobody waits for any more stops in the database: at the subgraphs' statement_timeout
 * (shorter than the gateway's upstream deadline), and as soon as the caller goes away. The slow
 * query is made slow for real: a test transaction holds a lock on the statement table.
 */
let stack: TestStack;
let admin: Client;
let holder: Client | undefined;

const STATEMENTS_QUERY = '{ statements(filter: { text: "bases" }, first: 5) { edges { node { key } } } }';

/** The statements subgraph's queries waiting for the test's lock. */
async function waiting(): Promise<number> {
  const { rows } = await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock' AND state = 'active'`, [
    `${stack.prefix}statements`,
  ]);
  return rows[0].n;
}

async function lockStatements(): Promise<void> {
  holder = new Client({ connectionString: dbUrl() });
  await holder.connect();
  await holder.query('BEGIN');
  await holder.query('LOCK TABLE statement IN ACCESS EXCLUSIVE MODE');
}

async function unlock(): Promise<void> {
  if (!holder) return;
  await holder.query('ROLLBACK').catch(() => undefined);
  await holder.end().catch(() => undefined);
  holder = undefined;
}

function dbUrl(): string {
  const u = new URL(process.env.DATABASE_URL!);
  u.pathname = `/${stack.prefix}statements`;
  return u.toString();
}

beforeAll(async () => {
  // the response cache off: these tests are about queries that reach the database (the same
  // query again would be a cache hit, exactly right but not what is tested)
  stack = await startTestStack({ env: { NEWSGRAPH_STATEMENT_TIMEOUT_MS: '3000', NEWSGRAPH_RESPONSE_CACHE: 'off' } });
  await loadSeed(stack);
  admin = new Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
}, 120_000);

afterEach(unlock);

afterAll(async () => {
  await admin?.end();
  await stack?.teardown();
});

test('statement_timeout: the subgraph stops the query before the gateway gives up, and says so with a code and a path', async () => {
  expect(dataOf(await stack.query(STATEMENTS_QUERY)).statements.edges.length).toBeGreaterThan(0);
  await lockStatements();
  const res = await stack.query(STATEMENTS_QUERY);
  expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TIMEOUT');
  expect(res.errors?.[0]?.path).toEqual(['statements']);
  expect(res.errors?.[0]?.message).toMatch(/took too long/);
  expect(await waiting()).toBe(0);
}, 30_000);

describe('a caller that goes away', () => {
  let impatient: ExtraGateway | undefined;
  afterAll(async () => {
    await impatient?.stop();
  });

  test('the gateway deadline passing cancels the query in the database', async () => {
    // a statement_timeout far beyond the test: only the cancel can end the query
    await stack.restart('statements', { NEWSGRAPH_STATEMENT_TIMEOUT_MS: '600000' });
    impatient = await startGateway({
      NEWSGRAPH_UPSTREAM_TIMEOUT_MS: '1000',
      NEWSGRAPH_RESPONSE_CACHE: 'off',
      NEWSGRAPH_SUBGRAPH_SECRET: stack.subgraphSecret,
      ACTORS_URL: stack.urls.actors,
      STATEMENTS_URL: stack.urls.statements,
      SOURCES_URL: stack.urls.sources,
    });
    await lockStatements();
    const res = await fetch(impatient.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: STATEMENTS_QUERY }),
    }).then((r) => r.json() as Promise<any>);
    expect(res.errors?.[0]?.extensions?.code).toBe('UPSTREAM_TIMEOUT');
    await eventually(async () => (await waiting()) === 0, 20_000, 'the abandoned query is cancelled');
  }, 60_000);

  test('a client disconnecting from the gateway cancels its query in the database', async () => {
    await lockStatements();
    const abort = new AbortController();
    const answer = fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: STATEMENTS_QUERY }),
      signal: abort.signal,
    }).catch((e: { name?: string }) => e);
    await eventually(async () => (await waiting()) === 1, 20_000, 'the query waits for the lock');
    abort.abort();
    expect(((await answer) as { name?: string }).name).toBe('AbortError');
    await eventually(async () => (await waiting()) === 0, 20_000, 'the abandoned query is cancelled');
  }, 60_000);
});
