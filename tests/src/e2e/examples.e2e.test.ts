import { withDatabase } from '@newsgraph/kit';
import { feedCursor } from '@newsgraph/statements';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { CliResult, loadSeed, REPO_ROOT, startTestStack, TestStack } from '../harness';

/**
 * The programs in examples/ run as a user would run them (`node examples/<client>/index.mjs`),
 * against a test stack: the headline query, then the live feed resumed from a cursor.
 */

let stack: TestStack;
let dir: string;
let cursor: string;
const NEW_STATEMENT = 'stmt:sanchez-rota-not-available-2026-03-06';

/** The newest event of the live feed so far: an example subscribing after it gets what follows. */
async function feedHead(): Promise<string> {
  const db = new PgClient({ connectionString: withDatabase(process.env.DATABASE_URL!, `${stack.prefix}statements`) });
  await db.connect();
  try {
    const [{ top }] = (await db.query('SELECT coalesce(max(seq), 0)::int AS top FROM statement_event')).rows;
    return feedCursor(top);
  } finally {
    await db.end();
  }
}

beforeAll(async () => {
  stack = await startTestStack();
  await loadSeed(stack);
  cursor = await feedHead();
  dir = await mkdtemp(path.join(os.tmpdir(), 'newsgraph-examples-'));
  const file = path.join(dir, 'sanchez.package.json');
  await writeFile(
    file,
    JSON.stringify({
      format: 'newsgraph.package/v1',
      sources: [
        {
          key: 'src:diario-sur-2026-03-06-rota',
          kind: 'ARTICLE',
          url: 'https://diariosur.example/2026/03/06/rota',
          title: 'Sánchez: Rota and Morón stay closed to strikes on Iran',
          outlet: { key: 'outlet:diario-sur', name: 'Diario Sur', country: 'ES' },
          publishedAt: '2026-03-06T12:30:00+01:00',
          language: 'en',
        },
      ],
      statements: [
        {
          key: NEW_STATEMENT,
          speaker: 'person:pedro-sanchez',
          text: 'Rota and Morón will not be used for any strike on Iran',
          form: 'DIRECT_QUOTE',
          saidAt: '2026-03-06',
          topics: ['base-use'],
          stances: [{ claim: 'claim:spain-agreed-to-cooperate-with-us-military-against-iran', stance: 'DENIES' }],
          attestations: [{ source: 'src:diario-sur-2026-03-06-rota', quotedText: 'Rota and Morón will not be used for any strike on Iran' }],
        },
      ],
    }),
  );
  const loaded = await stack.ingest([file]);
  if (loaded.code !== 0) throw new Error(`ingest failed:\n${loaded.stdout}\n${loaded.stderr}`);
}, 180_000);

afterAll(async () => {
  await stack?.teardown();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Runs an example to its end; one that does not end within the bound is killed and fails. */
function runExample(name: string, args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'examples', name, 'index.mjs'), ...args], { cwd: REPO_ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const bound = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code, signal) => {
      clearTimeout(bound);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
  });
}

describe.each(['apollo-client', 'urql'])('examples/%s', (name) => {
  test('prints the headline answer, then the statement the live feed brings after the cursor, and exits', async () => {
    const run = await runExample(name, ['--url', stack.gatewayUrl, '--after', cursor, '--limit', '1']);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe('Spain on base use: 4 statements');
    for (const key of [NEW_STATEMENT, 'stmt:albares-denies-change-2026-03-04', 'stmt:albares-territory-not-used-2026-03-04']) {
      expect(run.stdout).toContain(`[${key}]`);
    }
    expect(run.stdout).toMatch(/contradicted \(EXPLICIT\) by Karoline Leavitt: "Spain agrees to cooperate/);
    // the live part: exactly the one statement written after the cursor
    const live = lines.filter((l) => l.startsWith('+ '));
    expect(live).toHaveLength(1);
    expect(live[0]).toMatch(
      new RegExp(`^\\+ Pedro Sánchez: "Rota and Morón will not be used for any strike on Iran" \\[${NEW_STATEMENT}\\] \\(cursor \\S+\\)$`),
    );
  });

  test('a gateway that is not there is an error on stderr and a non-zero exit', async () => {
    const run = await runExample(name, ['--url', 'http://127.0.0.1:1/graphql', '--limit', '0']);
    expect(run.code).not.toBe(0);
    expect(run.stderr.length).toBeGreaterThan(0);
  });
});
