import { rm } from 'node:fs/promises';
import path from 'node:path';
import { GraphQLResponse, postGraphQL } from '@newsgraph/kit/testing';
import { freePort } from '@newsgraph/tools';
import { dataOf, REPO_ROOT, startTestStack, TestStack } from '../harness';
import { PgProcess, startPgProcess } from './embedded-pg-process';

/**
 * PostgreSQL restarts under a query load: every subgraph reports unready (503) while it is down
 * and ready again once it is back, and queries succeed again without restarting any service.
 * The test runs its own embedded PostgreSQL so that stopping it harms no other test.
 */
const EVERY_SUBGRAPH = '{ actors(first: 1) { totalCount } statements(first: 1) { totalCount } sources(first: 1) { totalCount } }';
const SUBGRAPHS = ['actors', 'statements', 'sources'] as const;

const dataDir = path.join(REPO_ROOT, '.data', `chaos-pg-${process.pid}`);
let port: number;
let pg: PgProcess | undefined;
let stack: TestStack | undefined;

async function readiness(): Promise<number[]> {
  return Promise.all(
    // the gateway is ready only when every subgraph is
    [...SUBGRAPHS, 'gateway' as const].map(async (s) => {
      const res = await fetch(`${new URL(stack!.urls[s]).origin}/readyz`, { signal: AbortSignal.timeout(5_000) });
      return res.status;
    }),
  );
}

async function waitFor(what: string, ms: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not happen within ${ms} ms`);
}

beforeAll(async () => {
  port = await freePort();
  pg = await startPgProcess(dataDir, port);
  // the response cache off: these tests are about what reaches the subgraphs and their database
  // while something fails (the same query again would be a cache hit, exactly right but untested)
  stack = await startTestStack({ databaseUrl: pg.url, env: { NEWSGRAPH_RESPONSE_CACHE: 'off' } });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await pg?.stop().catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
}, 60_000);

test('services report unready while PostgreSQL is down and recover without a restart', async () => {
  expect(dataOf(await stack!.query(EVERY_SUBGRAPH)).actors.totalCount).toBe(0);
  expect(await readiness()).toEqual([200, 200, 200, 200]);
  const children = stack!.processes.map((p) => p.child);

  // a query load across the restart; each answer bounded, so a hang fails the test
  const answers: Array<{ res?: GraphQLResponse; failure?: string; at: string }> = [];
  let phase = 'up';
  let running = true;
  const load = (async () => {
    while (running) {
      const at = phase;
      try {
        answers.push({ at, res: await Promise.race([postGraphQL(stack!.gatewayUrl, EVERY_SUBGRAPH), timeout(15_000)]) });
      } catch (e) {
        answers.push({ at, failure: String(e) });
      }
      // a steady load, not a flood: 2 cores are shared with the five services and PostgreSQL
      await new Promise((r) => setTimeout(r, 50));
    }
  })();

  await waitFor('a whole answer under the load', 10_000, async () => answers.some((a) => a.at === 'up' && a.res && !a.res.errors));
  await pg!.stop();
  phase = 'down';
  await waitFor('every subgraph and the gateway reporting 503 on /readyz', 10_000, async () => (await readiness()).every((s) => s === 503));
  await waitFor('an answer with errors while the database is down', 10_000, async () => answers.some((a) => a.at === 'down' && !!a.res?.errors?.length));

  pg = await startPgProcess(dataDir, port);
  phase = 'back';
  await waitFor('every subgraph and the gateway reporting 200 on /readyz', 20_000, async () => (await readiness()).every((s) => s === 200));
  await waitFor('a whole answer through the gateway', 10_000, async () => !(await stack!.query(EVERY_SUBGRAPH)).errors);
  running = false;
  await load;

  // no service was restarted: the same processes answer
  expect(stack!.processes.map((p) => p.child)).toEqual(children);
  for (const child of children) expect(child.exitCode).toBeNull();
  // the gateway answered throughout (with errors while the database was down), never hung
  expect(answers.filter((a) => a.failure)).toEqual([]);
  expect(answers.some((a) => a.at === 'down' && a.res?.errors?.length)).toBe(true);
  expect(dataOf(await stack!.query(EVERY_SUBGRAPH))).toEqual({
    actors: { totalCount: 0 },
    statements: { totalCount: 0 },
    sources: { totalCount: 0 },
  });
}, 60_000);

function timeout(ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref());
}
