import { startSubgraphForTest, SubgraphForTest } from '@newsgraph/kit/testing';
import { createActorsDataSource } from '../data-source';
import { createActorsSubgraph } from '../subgraph';

const UPSERT = `mutation($a: [ActorInput!]!) { upsertActors(actors: $a) { created updated unchanged } }`;
const BY_QID = `query($q: String) { actor(wikidata: $q) { key name externalIds { wikidata wikidataUrl } } }`;

let s: SubgraphForTest;

beforeAll(async () => {
  s = await startSubgraphForTest({ label: 'actors_external_ids', createDataSource: createActorsDataSource, createServer: createActorsSubgraph });
  const res = await s.write(UPSERT, {
    a: [
      { key: 'country:es', kind: 'COUNTRY', name: 'Spain', externalIds: { wikidata: 'Q29' } },
      { key: 'country:us', kind: 'COUNTRY', name: 'United States', externalIds: { wikidata: 'Q30' } },
      { key: 'org:harbour-authority', kind: 'ORGANIZATION', name: 'Harbour Authority' },
    ],
  });
  expect(res.data.upsertActors.created).toBe(3);
});

afterAll(async () => {
  await s?.close();
});

describe('Wikidata item ids', () => {
  test('actor(wikidata:) finds the actor the item was given to', async () => {
    const res = await s.read(BY_QID, { q: 'Q29' });
    expect(res.data.actor).toEqual({ key: 'country:es', name: 'Spain', externalIds: { wikidata: 'Q29', wikidataUrl: 'https://www.wikidata.org/wiki/Q29' } });
    const none = await s.read('{ actor(key: "org:harbour-authority") { externalIds { wikidata wikidataUrl } } }');
    expect(none.data.actor.externalIds).toEqual({ wikidata: null, wikidataUrl: null });
  });

  test('exactly one of key and wikidata; a malformed or unknown item is a clear error', async () => {
    const both = await s.read('{ actor(key: "country:es", wikidata: "Q29") { key } }');
    expect(both.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(both.errors?.[0].message).toMatch(/give exactly one of `key` and `wikidata`/);
    const neither = await s.read('{ actor { key } }');
    expect(neither.errors?.[0].message).toMatch(/give exactly one of `key` and `wikidata`/);
    const malformed = await s.read(BY_QID, { q: 'spain' });
    expect(malformed.errors?.[0].message).toMatch(/Invalid argument "wikidata": "spain" is not a Wikidata item id/);
    const unknown = await s.read(BY_QID, { q: 'Q4' });
    expect(unknown.errors?.[0]).toMatchObject({ message: 'No actor with Wikidata item "Q4"', extensions: { code: 'NOT_FOUND' } });
  });

  test('a write without externalIds keeps them; an empty one clears them; the same twice is unchanged', async () => {
    const kept = await s.write(UPSERT, { a: [{ key: 'country:us', kind: 'COUNTRY', name: 'United States' }] });
    expect(kept.data.upsertActors).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect((await s.read(BY_QID, { q: 'Q30' })).data.actor.key).toBe('country:us');

    const cleared = await s.write(UPSERT, { a: [{ key: 'country:us', kind: 'COUNTRY', name: 'United States', externalIds: {} }] });
    expect(cleared.data.upsertActors.updated).toBe(1);
    expect((await s.read(BY_QID, { q: 'Q30' })).errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const again = await s.write(UPSERT, { a: [{ key: 'country:us', kind: 'COUNTRY', name: 'United States', externalIds: { wikidata: 'Q30' } }] });
    expect(again.data.upsertActors.updated).toBe(1);
    const same = await s.write(UPSERT, { a: [{ key: 'country:us', kind: 'COUNTRY', name: 'United States', externalIds: { wikidata: 'Q30' } }] });
    expect(same.data.upsertActors.unchanged).toBe(1);
  });

  test('one actor per item: in one write and against what is stored, every problem listed, nothing written', async () => {
    const res = await s.write(UPSERT, {
      a: [
        { key: 'org:harbour-authority', kind: 'ORGANIZATION', name: 'Harbour Authority', externalIds: { wikidata: 'Q29' } },
        { key: 'org:port-police', kind: 'ORGANIZATION', name: 'Port Police', externalIds: { wikidata: 'Q1234' } },
        { key: 'org:port-board', kind: 'ORGANIZATION', name: 'Port Board', externalIds: { wikidata: 'Q1234' } },
        { key: 'org:port-union', kind: 'ORGANIZATION', name: 'Port Union', externalIds: { wikidata: 'Q0' } },
      ],
    });
    expect(res.errors?.[0].extensions).toMatchObject({
      code: 'INVALID_PACKAGE',
      problems: [
        { path: '/actors/0/externalIds/wikidata', message: 'Q29 already identifies actor "country:es" (one actor per Wikidata item)' },
        { path: '/actors/2/externalIds/wikidata', message: 'Q1234 is already given to /actors/1 (one actor per Wikidata item)' },
        { path: '/actors/3/externalIds/wikidata', message: '"Q0" is not a Wikidata item id (Q followed by digits, e.g. Q29)' },
      ],
    });
    const [{ n }] = await s.dataSource.query(`SELECT count(*)::int AS n FROM actor WHERE key LIKE 'org:port-%'`);
    expect(n).toBe(0);
    expect((await s.read(BY_QID, { q: 'Q29' })).data.actor.key).toBe('country:es');
  });
});
