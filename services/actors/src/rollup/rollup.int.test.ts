import { parseRollupResponse, ROLLUP_PATH } from '@newsgraph/kit';
import { startSubgraphForTest, SubgraphForTest } from '@newsgraph/kit/testing';
import { createActorsDataSource } from '../data-source';
import { createActorsSubgraph } from '../subgraph';
import { RollupService } from './rollup.service';

const UPSERT = `mutation($a: [ActorInput!]!) { upsertActors(actors: $a) { created updated unchanged } }`;

let s: SubgraphForTest;

async function write(actors: unknown[]): Promise<void> {
  const res = await s.write(UPSERT, { a: actors });
  expect(res.errors).toBeUndefined();
}

beforeAll(async () => {
  s = await startSubgraphForTest({ label: 'actors_rollup', createDataSource: createActorsDataSource, createServer: createActorsSubgraph });
  await write([
    { key: 'country:es', kind: 'COUNTRY', name: 'Spain', countryCode: 'ES' },
    { key: 'gov:es', kind: 'GOVERNMENT', name: 'Government of Spain', partOf: 'country:es' },
    { key: 'org:es-mfa', kind: 'ORGANIZATION', name: 'Ministry of Foreign Affairs', partOf: 'gov:es' },
    { key: 'person:albares', kind: 'PERSON', name: 'José Manuel Albares', memberships: [{ organization: 'org:es-mfa', from: '2021-07-12' }] },
    // a membership that ended (the last day held is 2021-07-11)
    { key: 'person:laya', kind: 'PERSON', name: 'Arancha González Laya', memberships: [{ organization: 'org:es-mfa', from: '2020-01-13', to: '2021-07-11' }] },
    { key: 'person:late', kind: 'PERSON', name: 'Late Arrival' },
    // memberships inside memberships: a person in a party, the party in a coalition
    { key: 'coalition:x', kind: 'ORGANIZATION', name: 'Coalition X' },
    { key: 'party:a', kind: 'ORGANIZATION', name: 'Party A', memberships: [{ organization: 'coalition:x', from: '2019-11', to: '2023-11' }] },
    { key: 'person:p', kind: 'PERSON', name: 'Party Person', memberships: [{ organization: 'party:a', from: '2000' }] },
    // a membership cycle must not hang anything
    { key: 'org:loop-a', kind: 'ORGANIZATION', name: 'Loop A', memberships: [{ organization: 'org:loop-b' }] },
    { key: 'org:loop-b', kind: 'ORGANIZATION', name: 'Loop B', memberships: [{ organization: 'org:loop-a' }], partOf: 'country:es' },
  ]);
});

afterAll(async () => {
  await s?.close();
});

describe('POST /internal/rollup', () => {
  it('lists who rolls up to each target and when, the target itself included', async () => {
    const res = await s.post('/internal/rollup', { to: ['country:es', 'coalition:x', 'country:atlantis'] });
    expect(res.status).toBe(200);
    expect(res.body.results['country:es']).toEqual({
      exists: true,
      intervals: [
        { actor: 'country:es', from: null, to: null },
        { actor: 'gov:es', from: null, to: null },
        { actor: 'org:es-mfa', from: null, to: null },
        { actor: 'org:loop-a', from: null, to: null },
        { actor: 'org:loop-b', from: null, to: null },
        { actor: 'person:albares', from: '2021-07-12', to: null },
        { actor: 'person:laya', from: '2020-01-13', to: '2021-07-12' },
      ],
    });
    expect(res.body.results['coalition:x']).toEqual({
      exists: true,
      intervals: [
        { actor: 'coalition:x', from: null, to: null },
        { actor: 'party:a', from: '2019-11-01', to: '2023-12-01' },
        { actor: 'person:p', from: '2019-11-01', to: '2023-12-01' },
      ],
    });
    expect(res.body.results['country:atlantis']).toEqual({ exists: false, intervals: [] });
  });

  it('follows a membership added after the fact', async () => {
    const before = await s.post('/internal/rollup', { to: ['country:es'] });
    expect(before.body.results['country:es'].intervals.map((i: any) => i.actor)).not.toContain('person:late');

    await write([
      {
        key: 'person:late',
        kind: 'PERSON',
        name: 'Late Arrival',
        memberships: [
          { organization: 'org:es-mfa', from: '2019', to: '2019-06' },
          { organization: 'gov:es', from: '2019-07', to: '2020-12-31' }, // adjacent: merged with the first range
          { organization: 'gov:es', from: '2023-01-01' },
        ],
      },
    ]);
    const after = await s.post('/internal/rollup', { to: ['country:es'] });
    expect(after.body.results['country:es'].intervals.filter((i: any) => i.actor === 'person:late')).toEqual([
      { actor: 'person:late', from: '2019-01-01', to: '2021-01-01' },
      { actor: 'person:late', from: '2023-01-01', to: null },
    ]);
    const ancestors = await new RollupService(s.dataSource).ancestors([
      { actor: 'person:late', on: '2019-03-01' },
      { actor: 'person:late', on: '2022-03-01' },
    ]);
    expect(ancestors).toEqual([['person:late', 'org:es-mfa', 'gov:es', 'country:es'], ['person:late']]);
  });

  it('answers within the corridor contract the statements subgraph parses with', async () => {
    const targets = ['country:es', 'coalition:x', 'person:p', 'country:atlantis'];
    const res = await s.post(ROLLUP_PATH, { to: targets });
    const parsed = parseRollupResponse(res.body, targets);
    expect([...parsed.keys()]).toEqual(targets);
    for (const t of targets.slice(0, 3)) expect(parsed.get(t)).toEqual(res.body.results[t]);
    expect(parsed.get('country:es')!.intervals.length).toBeGreaterThan(3);
    expect(parsed.get('country:atlantis')).toEqual({ exists: false, intervals: [] });
  });

  it('refuses malformed bodies with 400 and a message', async () => {
    for (const body of [{}, { to: 'country:es' }, { to: [1] }, 'not json', { to: Array.from({ length: 501 }, (_, k) => `k${k}`) }]) {
      const res = await s.post('/internal/rollup', body);
      expect(res.status).toBe(400);
      expect(typeof res.body.error).toBe('string');
    }
  });
});

// what Actor.rollsUpTo answers through its loader (the HTTP endpoint had no caller and is gone)
describe('RollupService.ancestors', () => {
  it('lists what an actor rolls up to on each day, itself first', async () => {
    const results = await new RollupService(s.dataSource).ancestors([
      { actor: 'person:albares', on: '2026-03-04' },
      { actor: 'person:albares', on: '2021-07-11' },
      { actor: 'person:laya', on: '2021-07-11' },
      { actor: 'person:laya', on: '2021-07-12' },
      { actor: 'person:p', on: '2020-05-05' },
      { actor: 'person:p', on: '2023-12-01' },
      { actor: 'org:loop-a', on: '2024-01-01' },
      { actor: 'person:nobody', on: '2024-01-01' },
    ]);
    expect(results).toEqual([
      ['person:albares', 'org:es-mfa', 'gov:es', 'country:es'],
      ['person:albares'],
      ['person:laya', 'org:es-mfa', 'gov:es', 'country:es'],
      ['person:laya'],
      ['person:p', 'party:a', 'coalition:x'],
      ['person:p', 'party:a'],
      ['org:loop-a', 'org:loop-b', 'country:es'],
      [],
    ]);
  });

  it('is no longer served over HTTP', async () => {
    const res = await fetch(`${s.origin}/internal/ancestors`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ items: [{ actor: 'person:p', on: '2021-01-01' }] }),
    });
    expect(res.status).toBe(404);
  });
});

describe('Actor.rollsUpTo', () => {
  it('agrees with the endpoints, batched over several actors', async () => {
    const res = await s.read(`{
      actors(kind: PERSON) { edges { node { key rollsUpTo(at: "2021-07-11") { key } } } }
    }`);
    expect(res.errors).toBeUndefined();
    const byKey = Object.fromEntries(res.data.actors.edges.map((e: any) => [e.node.key, e.node.rollsUpTo.map((a: any) => a.key)]));
    expect(byKey).toEqual({
      'person:albares': ['person:albares'],
      'person:laya': ['person:laya', 'org:es-mfa', 'gov:es', 'country:es'],
      'person:late': ['person:late'],
      'person:p': ['person:p', 'party:a', 'coalition:x'],
    });
  });
});

describe('POST /internal/paths', () => {
  it('explains a roll-up step by step, with the membership’s role and dates as given', async () => {
    const res = await s.post('/internal/paths', {
      items: [
        { actor: 'person:albares', to: 'country:es', on: '2026-03-04' },
        { actor: 'person:laya', to: 'country:es', on: '2026-03-04' },
        { actor: 'person:laya', to: 'country:es', on: '2021-07-11' },
        { actor: 'country:es', to: 'country:es', on: '2026-03-04' },
        { actor: 'person:albares', to: 'country:atlantis', on: '2026-03-04' },
        { actor: 'person:late', to: 'coalition:x', on: '2026-03-04' },
      ],
    });
    expect(res.status).toBe(200);
    const [albares, layaLater, layaThen, itself, unknown, notReached] = res.body.results;
    expect(albares).toEqual({
      targetExists: true,
      steps: [
        { child: 'person:albares', parent: 'org:es-mfa', relation: 'MEMBER_OF', role: null, from: '2021-07-12', to: null },
        { child: 'org:es-mfa', parent: 'gov:es', relation: 'PART_OF', role: null, from: null, to: null },
        { child: 'gov:es', parent: 'country:es', relation: 'PART_OF', role: null, from: null, to: null },
      ],
    });
    expect(layaLater).toEqual({ targetExists: true, steps: null });
    expect(layaThen.steps[0]).toEqual({ child: 'person:laya', parent: 'org:es-mfa', relation: 'MEMBER_OF', role: null, from: '2020-01-13', to: '2021-07-11' });
    expect(itself).toEqual({ targetExists: true, steps: [] });
    expect(unknown).toEqual({ targetExists: false, steps: null });
    // the coalition exists although nothing of the asker's reaches it
    expect(notReached).toEqual({ targetExists: true, steps: null });
  });

  it('refuses a malformed body, saying where', async () => {
    const res = await s.post('/internal/paths', { items: [{ actor: 'person:albares', to: 'country:es', on: 'yesterday' }] });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/items\[0\]\.on/);
  });
});

describe('POST /internal/top-level', () => {
  it('gives each actor its top-level actors and the days, stopping at the first on each way up', async () => {
    await write([{ key: 'person:loner', kind: 'PERSON', name: 'Independent Commentator' }]);
    const res = await s.post('/internal/top-level', { actors: ['person:albares', 'person:p', 'country:es', 'person:loner', 'nobody'] });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual({
      'person:albares': [{ actor: 'country:es', from: '2021-07-12', to: null }],
      // the party is a root of its own and stops the walk: its coalition is not the person's top level
      'person:p': [{ actor: 'party:a', from: '2000-01-01', to: null }],
      'country:es': [{ actor: 'country:es', from: null, to: null }],
      // a person with no membership reaches no top-level actor (statements then counts the person)
      'person:loner': [],
      nobody: [],
    });
  });
});
