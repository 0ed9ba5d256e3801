import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { dataOf, loadSeed, SEED_DIR, startTestStack, TestStack } from '../harness';

let stack: TestStack;
let dir: string;

async function packageFile(name: string, content: object): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, JSON.stringify({ format: 'newsgraph.package/v1', ...content }, null, 2));
  return file;
}

/** Everything the store holds, as counts: what "nothing was written" is checked against. */
async function census() {
  return dataOf(
    await stack.query(`{
      actors(first: 1) { totalCount }
      sources(first: 1) { totalCount }
      outlets(first: 1) { totalCount }
      claims(first: 1) { totalCount }
      statements(first: 1) { totalCount }
    }`),
  );
}

const BY_US_ON_BASE_USE = `{ actor(key: "country:us") { statements(filter: { topic: "base-use" }) { edges { node { key } } } } }`;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'newsgraph-e2e-'));
  stack = await startTestStack();
  await loadSeed(stack);
}, 180_000);

afterAll(async () => {
  await stack?.teardown();
});

test('re-ingesting the same package changes nothing', async () => {
  const before = await census();
  const again = await stack.ingest([SEED_DIR]);
  expect(again.code).toBe(0);
  expect(again.stdout).toMatch(/created 0, updated 0/);
  expect(await census()).toEqual(before);
});

test('a bad package is refused whole, every problem listed, nothing written', async () => {
  const before = await census();
  const file = await packageFile('bad.json', {
    actors: [{ key: 'person:new-person', kind: 'PERSON', name: 'New Person' }],
    claims: [{ key: 'claim:new-claim', text: 'Something new' }],
    statements: [
      {
        key: 'stmt:bad-one',
        speaker: 'person:nobody-known',
        text: 'Hello',
        saidAt: '2026-13-45',
        stances: [{ claim: 'claim:new-claim', stance: 'MAYBE' }],
        attestations: [{ source: 'src:novinite-2026-03-05-spain-denies' }],
      },
    ],
  });
  const res = await stack.ingest([file]);
  expect(res.code).not.toBe(0);
  const out = res.stdout + res.stderr;
  expect(out).toMatch(/\/statements\/0\/speaker/);
  expect(out).toMatch(/\/statements\/0\/saidAt/);
  expect(out).toMatch(/\/statements\/0\/stances\/0\/stance/);
  expect(await census()).toEqual(before);
  const { actorsByKeys } = dataOf(await stack.query(`{ actorsByKeys(keys: ["person:new-person"]) { key } }`));
  expect(actorsByKeys).toEqual([null]);
});

test('a membership ingested after the statements it explains changes who they are "by"', async () => {
  const first = await packageFile('a-statement.json', {
    actors: [{ key: 'person:deputy-spokesperson', kind: 'PERSON', name: 'Deputy Spokesperson' }],
    statements: [
      {
        key: 'stmt:deputy-bases-2026-03-06',
        speaker: 'person:deputy-spokesperson',
        text: 'We expect access to Spanish bases to be discussed next week.',
        saidAt: '2026-03-06T15:00:00-05:00',
        topics: ['base-use'],
        attestations: [{ source: 'src:novinite-2026-03-05-spain-denies' }],
      },
    ],
  });
  expect((await stack.ingest([first])).code).toBe(0);
  let keys = dataOf(await stack.query(BY_US_ON_BASE_USE)).actor.statements.edges.map((e: any) => e.node.key);
  expect(keys).not.toContain('stmt:deputy-bases-2026-03-06');

  // A membership that only starts after the statement does not make it "by" the US.
  const tooLate = await packageFile('b-late-membership.json', {
    actors: [
      {
        key: 'person:deputy-spokesperson',
        kind: 'PERSON',
        name: 'Deputy Spokesperson',
        memberships: [{ organization: 'org:white-house', role: 'Deputy Press Secretary', from: '2026-04' }],
      },
    ],
  });
  expect((await stack.ingest([tooLate])).code).toBe(0);
  keys = dataOf(await stack.query(BY_US_ON_BASE_USE)).actor.statements.edges.map((e: any) => e.node.key);
  expect(keys).not.toContain('stmt:deputy-bases-2026-03-06');

  const held = await packageFile('c-membership.json', {
    actors: [
      {
        key: 'person:deputy-spokesperson',
        kind: 'PERSON',
        name: 'Deputy Spokesperson',
        memberships: [{ organization: 'org:white-house', role: 'Deputy Press Secretary', from: '2026-02' }],
      },
    ],
  });
  expect((await stack.ingest([held])).code).toBe(0);
  keys = dataOf(await stack.query(BY_US_ON_BASE_USE)).actor.statements.edges.map((e: any) => e.node.key);
  expect(keys).toContain('stmt:deputy-bases-2026-03-06');
  // and it is not by Spain
  const es = dataOf(await stack.query(`{ statements(filter: { by: "country:es" }) { edges { node { key } } } }`));
  expect(es.statements.edges.map((e: any) => e.node.key)).not.toContain('stmt:deputy-bases-2026-03-06');
});

test('a write without a valid token fails with UNAUTHENTICATED and writes nothing', async () => {
  const before = await census();
  const mutation = `mutation { upsertActors(actors: [{ key: "person:intruder", kind: PERSON, name: "Intruder" }]) { created } }`;
  const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer wrong-token' }];
  for (const headers of attempts) {
    const res = await stack.query(mutation, undefined, headers);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  }
  const file = await packageFile('intruder.json', { actors: [{ key: 'person:intruder', kind: 'PERSON', name: 'Intruder' }] });
  const cli = await stack.ingest([file], { token: 'wrong-token' });
  expect(cli.code).not.toBe(0);
  expect(cli.stdout + cli.stderr).toMatch(/UNAUTHENTICATED/);
  expect(await census()).toEqual(before);
});
