import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { dataOf, REPO_ROOT, startTestStack, TestStack } from '../harness';

/**
 * The ingest CLI killed midway and run again ends with every item of the package present exactly
 * once: writes are idempotent upserts by key, so a re-run completes what the killed one started.
 */
const ACTORS = 100;
const SOURCES = 100;
const CLAIMS = 20;
const STATEMENTS = 2_000;

function bigPackage() {
  const day = (i: number) => `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
  return {
    format: 'newsgraph.package/v1',
    actors: Array.from({ length: ACTORS }, (_, i) => ({ key: `person:chaos-${i}`, kind: 'PERSON', name: `Chaos Person ${i}` })),
    sources: Array.from({ length: SOURCES }, (_, i) => ({
      key: `src:chaos-${i}`,
      kind: 'ARTICLE',
      url: `https://chaos.example/articles/${i}`,
      title: `Chaos article ${i}`,
      outlet: { key: `outlet:chaos-${i % 5}`, name: `Chaos Outlet ${i % 5}` },
      publishedAt: day(i),
    })),
    claims: Array.from({ length: CLAIMS }, (_, i) => ({ key: `claim:chaos-${i}`, text: `Chaos claim number ${i}`, topics: ['chaos'] })),
    statements: Array.from({ length: STATEMENTS }, (_, i) => ({
      key: `stmt:chaos-${i}`,
      speaker: `person:chaos-${i % ACTORS}`,
      text: `Chaos statement number ${i}, said for the interrupted-ingest test`,
      saidAt: day(i),
      topics: ['chaos'],
      stances: [{ claim: `claim:chaos-${i % CLAIMS}`, stance: i % 2 ? 'AFFIRMS' : 'DENIES' }],
      attestations: [{ source: `src:chaos-${i % SOURCES}`, quotedText: `statement ${i}` }],
    })),
  };
}

const COUNTS = `{
  actors(first: 1) { totalCount }
  sources(first: 1) { totalCount }
  outlets(first: 1) { totalCount }
  claims(first: 1) { totalCount }
  statements(first: 1) { totalCount }
}`;
const counts = async () => {
  const d = dataOf(await stack.query(COUNTS));
  return Object.fromEntries(Object.entries(d).map(([k, v]: [string, any]) => [k, v.totalCount]));
};

let stack: TestStack;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'newsgraph-chaos-'));
  // the write rate limit is the gateway's business, not this test's
  stack = await startTestStack({ env: { NEWSGRAPH_WRITE_RATE_LIMIT: '100000' } });
}, 120_000);

afterAll(async () => {
  await stack?.teardown();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('an ingest SIGKILLed after its first write, then run again, leaves every item exactly once', async () => {
  const file = path.join(dir, 'chaos.package.json');
  await writeFile(file, JSON.stringify(bigPackage()));
  const expected = { actors: ACTORS, sources: SOURCES, outlets: 5, claims: CLAIMS, statements: STATEMENTS };

  const cli = path.join(REPO_ROOT, 'tools/dist/ingest.js');
  const child = spawn(process.execPath, [cli, file, '--url', stack.gatewayUrl, '--token', stack.token], {
    env: { ...process.env, NEWSGRAPH_TOKEN_FILE: '/nonexistent' },
    stdio: 'ignore',
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  let atKill: Record<string, number> | undefined;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && child.exitCode === null) {
    const seen = await counts();
    if (Object.values(seen).some((n) => n > 0)) {
      child.kill('SIGKILL');
      atKill = seen;
      break;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  await exited;
  expect(child.signalCode).toBe('SIGKILL');
  // it really was interrupted: some of the package is missing
  const afterKill = await counts();
  expect(afterKill).not.toEqual(expected);
  expect(atKill).toBeDefined();

  const again = await stack.ingest([file]);
  if (again.code !== 0) throw new Error(`re-run failed:\n${again.stdout}\n${again.stderr}`);
  expect(await counts()).toEqual(expected);

  // exactly once, item by item: every statement key is there and answers with its own speaker
  const keys = Array.from({ length: STATEMENTS }, (_, i) => `stmt:chaos-${i}`);
  const sample = [0, 1, 999, 1999].map((i) => keys[i]);
  for (const key of sample) {
    const { statement } = dataOf(
      await stack.query(`query($k: String!) { statement(key: $k) { key speaker { key } attestations { source { key } } } }`, { k: key }),
    );
    const i = Number(key.split('-').pop());
    expect(statement).toEqual({ key, speaker: { key: `person:chaos-${i % ACTORS}` }, attestations: [{ source: { key: `src:chaos-${i % SOURCES}` } }] });
  }
  // and a third run finds nothing to do
  const third = await stack.ingest([file]);
  expect(third.code).toBe(0);
  expect(third.stdout).toMatch(/created 0, updated 0/);
  expect(await counts()).toEqual(expected);
}, 60_000);
