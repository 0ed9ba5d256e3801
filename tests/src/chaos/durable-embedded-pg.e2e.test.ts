import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Client } from 'pg';
import { freePort, serverFlags } from '@newsgraph/tools';
import { dataOf, REPO_ROOT, startTestStack, TestStack } from '../harness';
import { crowdedClaimPackage, writePackage } from '../hostile/crowded-claim';
import { PgProcess, startPgProcess } from './embedded-pg-process';

/**
 * `npm start`'s embedded PostgreSQL keeps a persistent data directory, so it runs durable: a
 * committed write survives an OS crash or power loss. Only the tests' throwaway server trades
 * that for speed. The ingest over the durable server is timed and printed (no assertion: the
 * machine may be loaded); BENCHMARKS.md has the figures.
 */
const dataDir = path.join(REPO_ROOT, '.data', `durable-pg-${process.pid}`);
let pg: PgProcess | undefined;
let stack: TestStack | undefined;

beforeAll(async () => {
  pg = await startPgProcess(dataDir, await freePort());
}, 120_000);

afterAll(async () => {
  await stack?.stop().catch(() => undefined);
  await pg?.stop().catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
}, 60_000);

test('the persistent server runs with fsync, synchronous commits and full-page writes on', async () => {
  const client = new Client({ connectionString: pg!.url });
  await client.connect();
  try {
    const settings: Record<string, string> = {};
    for (const name of ['fsync', 'synchronous_commit', 'full_page_writes']) settings[name] = (await client.query(`SHOW ${name}`)).rows[0][name];
    expect(settings).toEqual({ fsync: 'on', synchronous_commit: 'on', full_page_writes: 'on' });
  } finally {
    await client.end();
  }
});

test('only the throwaway server turns them off', () => {
  expect(serverFlags(true).join(' ')).toMatch(/fsync=off/);
  expect(serverFlags(false).join(' ')).not.toMatch(/=off/);
});

test('ingest over the durable server: 2,000 statements, timed', async () => {
  stack = await startTestStack({ databaseUrl: pg!.url });
  const file = await writePackage('durable.json', crowdedClaimPackage(1000));
  const started = process.hrtime.bigint();
  const loaded = await stack.ingest([file]);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  expect(loaded.code).toBe(0);
  expect(dataOf(await stack.query('{ statements(first: 1) { totalCount } }')).statements.totalCount).toBe(2000);
  console.log(
    `durable embedded PostgreSQL: ingest of 2,000 statements (CLI, whole run) in ${seconds.toFixed(2)} s = ${Math.round(2000 / seconds)} statements/s`,
  );
}, 180_000);
