import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { GraphQLResponse, postGraphQL } from '@newsgraph/kit/testing';
import { freePort } from '@newsgraph/tools';
import { dataOf, REPO_ROOT } from '../harness';

/**
 * `npm start` itself (tools/dist/start.js: embedded PostgreSQL, supervisor, watchdog), on a data
 * directory of its own: its PostgreSQL is killed with SIGKILL; meanwhile queries through the
 * gateway say SERVICE_UNAVAILABLE (never "Unexpected error."); the watchdog starts it again on the
 * same data directory and port, and queries answer again with every committed write there.
 */
const dataDir = path.join(REPO_ROOT, '.data', `watchdog-${process.pid}`);
const token = `watchdog-${randomBytes(8).toString('hex')}`;
let child: ChildProcess | undefined;
let output = '';
let gatewayUrl = '';

const QUERY = '{ statement(key: "stmt:albares-denies-change-2026-03-04") { key speaker { key } } statements(first: 1) { totalCount } }';

async function postmasterPid(): Promise<number> {
  return Number((await readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until<T>(what: string, ms: number, attempt: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const got = await attempt().catch(() => undefined);
    if (got !== undefined) return got;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not happen within ${ms} ms; npm start said:\n${output.slice(-4000)}`);
}

beforeAll(async () => {
  const env: Record<string, string | undefined> = {
    ...process.env,
    NEWSGRAPH_DATA_DIR: dataDir,
    NEWSGRAPH_PG_PORT: String(await freePort()),
    NEWSGRAPH_WRITE_TOKENS: token,
    GATEWAY_PORT: '0',
    ACTORS_PORT: '0',
    STATEMENTS_PORT: '0',
    SOURCES_PORT: '0',
    ALERTS_PORT: '0',
  };
  delete env.DATABASE_URL;
  child = spawn(process.execPath, [path.join(REPO_ROOT, 'tools/dist/start.js')], { env, cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  gatewayUrl = await until('npm start being ready', 240_000, async () => {
    if (child!.exitCode !== null) throw new Error(`npm start exited (${child!.exitCode}):\n${output}`);
    return /newsgraph is running/.test(output) ? output.match(/GraphQL \+ playground\s+(\S+)/)?.[1] : undefined;
  });
}, 300_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGINT');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  // whatever happened above, no PostgreSQL of this test stays behind
  const pid = await postmasterPid().catch(() => 0);
  if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
}, 60_000);

test('a killed embedded PostgreSQL: SERVICE_UNAVAILABLE meanwhile, restarted by the watchdog, committed data intact', async () => {
  const before = dataOf(await postGraphQL(gatewayUrl, QUERY));
  expect(before.statement.speaker.key).toBe('person:jose-manuel-albares');
  // a write committed just before the crash
  const written = await postGraphQL(
    gatewayUrl,
    'mutation { upsertActors(actors: [{ key: "person:watchdog-witness", kind: PERSON, name: "Watchdog Witness" }]) { created } }',
    undefined,
    { authorization: `Bearer ${token}` },
  );
  expect(dataOf(written).upsertActors.created).toBe(1);

  const pid = await postmasterPid();
  expect(alive(pid)).toBe(true);
  process.kill(pid, 'SIGKILL');

  // while it is down: a clear, retryable error for the fields that need the database
  const down: GraphQLResponse[] = [];
  const unavailable = await until('a SERVICE_UNAVAILABLE answer', 20_000, async () => {
    const res = await postGraphQL(gatewayUrl, QUERY);
    down.push(res);
    return res.errors?.some((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE') ? res : undefined;
  }).catch((e: Error) => {
    // what the gateway said instead, answer by answer
    const seen = down.map((r) => (r.errors?.length ? r.errors.map((x) => `${String(x.extensions?.code)}: ${x.message}`).join('; ') : 'no errors'));
    throw new Error(`${e.message}\nanswers meanwhile (${seen.length}):\n${seen.join('\n')}`);
  });
  expect(unavailable.errors?.[0].message).toMatch(/database is unavailable/i);

  // back again, by itself, on the same data directory
  const after = await until('an answer without errors after the restart', 90_000, async () => {
    const res = await postGraphQL(gatewayUrl, `${QUERY.slice(0, -1)} actor(key: "person:watchdog-witness") { name } }`);
    if (!res.errors?.length) return res;
    down.push(res);
    return undefined;
  });
  for (const res of down) expect(JSON.stringify(res.errors ?? [])).not.toMatch(/Unexpected error/);
  expect(output).toMatch(/embedded PostgreSQL is not answering; starting it again[\s\S]*embedded PostgreSQL restarted/);
  const newPid = await postmasterPid();
  expect(newPid).not.toBe(pid);
  expect(alive(newPid)).toBe(true);
  expect(after.data.statements.totalCount).toBe(before.statements.totalCount);
  expect(after.data.actor.name).toBe('Watchdog Witness');
  expect(after.data.statement.speaker.key).toBe('person:jose-manuel-albares');
}, 180_000);
