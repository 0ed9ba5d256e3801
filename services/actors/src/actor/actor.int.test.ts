import { startSubgraphForTest, SubgraphForTest } from '@newsgraph/kit/testing';
import { createActorsDataSource } from '../data-source';
import { createActorsSubgraph } from '../subgraph';

const UPSERT = `mutation($a: [ActorInput!]!) { upsertActors(actors: $a) { created updated unchanged keys } }`;

const SPAIN = [
  // listed before the organisation it is a member of: references inside one write may point forward
  {
    key: 'person:jose-manuel-albares',
    kind: 'PERSON',
    name: 'José Manuel Albares',
    aliases: [{ value: 'Albares' }, { value: 'José Manuel Albares Bueno', lang: 'es' }],
    countryCode: 'ES',
    memberships: [{ organization: 'org:es-mfa', role: 'Minister of Foreign Affairs', from: '2021-07-12' }],
  },
  { key: 'country:es', kind: 'COUNTRY', name: 'Spain', countryCode: 'ES', aliases: [{ value: 'España', lang: 'es' }, { value: 'Kingdom of Spain' }] },
  { key: 'gov:es', kind: 'GOVERNMENT', name: 'Government of Spain', countryCode: 'ES', partOf: 'country:es' },
  { key: 'org:es-mfa', kind: 'ORGANIZATION', name: 'Ministry of Foreign Affairs of Spain', countryCode: 'ES', partOf: 'gov:es' },
  {
    key: 'person:arancha-gonzalez-laya',
    kind: 'PERSON',
    name: 'Arancha González Laya',
    memberships: [{ organization: 'org:es-mfa', role: 'Minister of Foreign Affairs', from: '2020-01-13', to: '2021-07-11' }],
  },
  { key: 'org:bank-of-spain', kind: 'ORGANIZATION', name: 'Bank of Spain', countryCode: 'ES', aliases: [{ value: 'Banco de España', lang: 'es' }] },
  { key: 'org:spain-ministry-of-defence', kind: 'ORGANIZATION', name: 'Spain Ministry of Defence', countryCode: 'ES', partOf: 'gov:es' },
  { key: 'country:us', kind: 'COUNTRY', name: 'United States', countryCode: 'US', aliases: [{ value: 'USA' }] },
];

let s: SubgraphForTest;

beforeAll(async () => {
  s = await startSubgraphForTest({ label: 'actors_api', createDataSource: createActorsDataSource, createServer: createActorsSubgraph });
});

afterAll(async () => {
  await s?.close();
});

async function count(table: string): Promise<number> {
  const [{ n }] = await s.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
  return n;
}

describe('migrations', () => {
  it('build the schema on an empty database, with trigram search indexes, and can be undone and redone', async () => {
    expect(await s.dataSource.showMigrations()).toBe(false);
    const ext = await s.dataSource.query(`SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'`);
    expect(ext).toHaveLength(1);
    const indexes: Array<{ indexname: string }> = await s.dataSource.query(`SELECT indexname FROM pg_indexes WHERE schemaname = 'public'`);
    expect(indexes.map((i) => i.indexname)).toEqual(
      expect.arrayContaining([
        'actor_name_folded_trgm_idx',
        'actor_alias_value_folded_trgm_idx',
        'actor_part_of_idx',
        'actor_kind_idx',
        'actor_country_code_idx',
        'membership_organization_idx',
      ]),
    );
    for (let i = 0; i < s.dataSource.migrations.length; i += 1) await s.dataSource.undoLastMigration();
    expect(await s.dataSource.query(`SELECT to_regclass('actor') AS t`)).toEqual([{ t: null }]);
    await s.dataSource.runMigrations();
    expect(await s.dataSource.showMigrations()).toBe(false);
  });
});

describe('upsertActors', () => {
  it('refuses to write without a valid token', async () => {
    const res = await s.read(UPSERT, { a: SPAIN });
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const wrong = await fetch(s.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not-the-token' },
      body: JSON.stringify({ query: UPSERT, variables: { a: SPAIN } }),
    }).then((r) => r.json() as Promise<any>);
    expect(wrong.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(await count('actor')).toBe(0);
  });

  it('creates actors, and reports an identical re-send as unchanged without touching a row', async () => {
    const first = await s.write(UPSERT, { a: SPAIN });
    expect(first.errors).toBeUndefined();
    expect(first.data.upsertActors).toEqual({ created: SPAIN.length, updated: 0, unchanged: 0, keys: SPAIN.map((a) => a.key) });
    const before = await s.dataSource.query('SELECT key, updated_at FROM actor ORDER BY key');

    s.counter.reset();
    const again = await s.write(UPSERT, { a: SPAIN });
    expect(again.data.upsertActors).toMatchObject({ created: 0, updated: 0, unchanged: SPAIN.length });
    expect(s.counter.recent.filter((q) => /^\s*(INSERT|UPDATE|DELETE)/i.test(q))).toEqual([]);
    expect(await s.dataSource.query('SELECT key, updated_at FROM actor ORDER BY key')).toEqual(before);
  });

  it('updates what changed; given lists replace the stored ones, absent lists are kept', async () => {
    const renamed = { ...SPAIN[1], name: 'Kingdom of Spain', aliases: undefined };
    const res = await s.write(UPSERT, { a: [renamed, SPAIN[2]] });
    expect(res.data.upsertActors).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const spain = await s.read(`{ actor(key: "country:es") { name aliases { value lang } } }`);
    expect(spain.data.actor).toEqual({
      name: 'Kingdom of Spain',
      aliases: [
        { value: 'España', lang: 'es' },
        { value: 'Kingdom of Spain', lang: null },
      ],
    });

    const cleared = await s.write(UPSERT, { a: [{ ...SPAIN[1], aliases: [] }] });
    expect(cleared.data.upsertActors).toMatchObject({ updated: 1 });
    expect((await s.read(`{ actor(key: "country:es") { name aliases { value } } }`)).data.actor).toEqual({ name: 'Spain', aliases: [] });

    const replaced = await s.write(UPSERT, { a: [{ ...SPAIN[0], memberships: [{ organization: 'gov:es', role: 'Member of the cabinet', from: '2021' }] }] });
    expect(replaced.data.upsertActors).toMatchObject({ updated: 1 });
    const person = await s.read(`{ actor(key: "person:jose-manuel-albares") { memberships { organization { key } role from to } } }`);
    expect(person.data.actor.memberships).toEqual([{ organization: { key: 'gov:es' }, role: 'Member of the cabinet', from: '2021', to: null }]);

    // back to the fixture for the tests that follow
    const restored = await s.write(UPSERT, { a: SPAIN });
    expect(restored.data.upsertActors).toMatchObject({ created: 0, updated: 2, unchanged: SPAIN.length - 2 });
  });

  it('refuses a bad input as a whole, listing every problem, and writes nothing', async () => {
    const before = await s.dataSource.query('SELECT key, name, updated_at FROM actor ORDER BY key');
    const memberships = await count('membership');
    const res = await s.write(UPSERT, {
      a: [
        { key: 'person:new-one', name: 'New One', kind: 'PERSON' }, // fine on its own
        { key: 'country:es', name: 'Spain renamed', countryCode: 'Spain', partOf: 'org:es-mfa' },
        {
          key: 'person:jose-manuel-albares',
          name: ' ',
          memberships: [
            { organization: 'org:nowhere', from: '2021-02-30' },
            { organization: 'person:jose-manuel-albares', from: '2024', to: '2023-12' },
          ],
        },
        { key: 'person:new-one', name: 'Twice' },
        { key: 'Not A Key', name: 'X', partOf: 'org:also-missing' },
      ],
    });
    const error = res.errors?.[0];
    expect(error?.extensions?.code).toBe('INVALID_PACKAGE');
    expect(error?.extensions?.problems.map((p: any) => p.path)).toEqual([
      '/actors/1/countryCode',
      '/actors/1/partOf', // Spain -> ministry -> government -> Spain
      '/actors/2/name',
      '/actors/2/memberships/0/from',
      '/actors/2/memberships/1/organization',
      '/actors/2/memberships/1/from',
      '/actors/2/memberships/0/organization',
      '/actors/3/key',
      '/actors/4/key',
      '/actors/4/partOf',
    ]);
    expect(error?.extensions?.problems[1].message).toContain('cycle');
    expect(await s.dataSource.query('SELECT key, name, updated_at FROM actor ORDER BY key')).toEqual(before);
    expect(await count('membership')).toBe(memberships);
  });
});

describe('reading actors', () => {
  it('finds one actor by key, with its parent, parts, aliases and memberships', async () => {
    const res = await s.read(`{
      actor(key: "org:es-mfa") {
        id key kind name countryCode
        partOf { key partOf { key } }
        parts { key }
        members { totalCount edges { node { actor { key } role from to activeOn(date: "2021-07-11") } } }
      }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.actor).toEqual({
      id: 'Actor:org:es-mfa',
      key: 'org:es-mfa',
      kind: 'ORGANIZATION',
      name: 'Ministry of Foreign Affairs of Spain',
      countryCode: 'ES',
      partOf: { key: 'gov:es', partOf: { key: 'country:es' } },
      parts: [],
      members: {
        totalCount: 2,
        edges: [
          {
            node: { actor: { key: 'person:arancha-gonzalez-laya' }, role: 'Minister of Foreign Affairs', from: '2020-01-13', to: '2021-07-11', activeOn: true },
          },
          { node: { actor: { key: 'person:jose-manuel-albares' }, role: 'Minister of Foreign Affairs', from: '2021-07-12', to: null, activeOn: false } },
        ],
      },
    });
    const gov = await s.read(`{ actor(key: "gov:es") { parts { key } } }`);
    expect(gov.data.actor.parts.map((p: any) => p.key)).toEqual(['org:es-mfa', 'org:spain-ministry-of-defence']);
  });

  it('answers NOT_FOUND for an unknown key, and BAD_USER_INPUT for a malformed date', async () => {
    const res = await s.read(`{ actor(key: "country:atlantis") { key } }`);
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(res.data).toEqual({ actor: null });
    const bad = await s.read(`{ actor(key: "country:es") { rollsUpTo(at: "yesterday") { key } } }`);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const badActive = await s.read(`{ actor(key: "person:jose-manuel-albares") { memberships { activeOn(date: "2021-13-01") } } }`);
    expect(badActive.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('filters memberships and members by day, and pages members', async () => {
    const res = await s.read(`{
      albares: actor(key: "person:jose-manuel-albares") { before: memberships(at: "2021-07-11") { role } after: memberships(at: "2021-07-12") { role } }
      mfa: actor(key: "org:es-mfa") {
        on2020: members(at: "2020-06-01") { totalCount edges { node { actor { key } } } }
        page1: members(first: 1) { totalCount edges { node { actor { key } } } pageInfo { hasNextPage endCursor } }
      }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.albares).toEqual({ before: [], after: [{ role: 'Minister of Foreign Affairs' }] });
    expect(res.data.mfa.on2020).toEqual({ totalCount: 1, edges: [{ node: { actor: { key: 'person:arancha-gonzalez-laya' } } }] });
    const page1 = res.data.mfa.page1;
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = await s.read(
      `query($c: String) { actor(key: "org:es-mfa") { members(first: 1, after: $c) { edges { node { actor { key } } } pageInfo { hasNextPage } } } }`,
      {
        c: page1.pageInfo.endCursor,
      },
    );
    expect(page2.data.actor.members).toEqual({ edges: [{ node: { actor: { key: 'person:jose-manuel-albares' } } }], pageInfo: { hasNextPage: false } });
    const badCursor = await s.read(`{ actor(key: "org:es-mfa") { members(after: "bm90LWEtY3Vyc29y") { totalCount } } }`);
    expect(badCursor.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const badFirst = await s.read(`{ actor(key: "org:es-mfa") { members(first: 500) { totalCount } } }`);
    expect(badFirst.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const badAt = await s.read(`{ actor(key: "org:es-mfa") { members(at: "2021-7-1") { totalCount } } }`);
    expect(badAt.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('searches names and aliases ignoring case and accents', async () => {
    const find = async (search: string) =>
      (await s.read(`query($q: String) { actors(search: $q) { totalCount edges { node { key } } } }`, { q: search })).data.actors;
    for (const q of ['España', 'espana', 'ESPAÑA', 'Espana']) {
      const found = await find(q);
      expect(found.edges.map((e: any) => e.node.key)).toEqual(['country:es', 'org:bank-of-spain']); // exact alias first, then "Banco de España"
    }
    // exact name, then prefix, then substring (name then key within a rank)
    expect((await find('spain')).edges.map((e: any) => e.node.key)).toEqual([
      'country:es',
      'org:spain-ministry-of-defence',
      'org:bank-of-spain',
      'gov:es',
      'org:es-mfa',
    ]);
    expect((await find('gonzález')).edges.map((e: any) => e.node.key)).toEqual(['person:arancha-gonzalez-laya']);
    expect((await find('ALBARES BUENO')).edges.map((e: any) => e.node.key)).toEqual(['person:jose-manuel-albares']);
    expect((await find('100%_')).totalCount).toBe(0);
  });

  it('filters by kind, country, membership (on a day) and parent', async () => {
    const keys = async (args: string) => {
      const res = await s.read(`{ actors(${args}) { totalCount edges { node { key } } } }`);
      expect(res.errors).toBeUndefined();
      return res.data.actors.edges.map((e: any) => e.node.key);
    };
    expect(await keys('kind: COUNTRY')).toEqual(['country:es', 'country:us']);
    expect(await keys('kind: PERSON, countryCode: "ES"')).toEqual(['person:jose-manuel-albares']);
    expect(await keys('memberOf: "org:es-mfa"')).toEqual(['person:arancha-gonzalez-laya', 'person:jose-manuel-albares']);
    expect(await keys('memberOf: "org:es-mfa", at: "2021-07-11"')).toEqual(['person:arancha-gonzalez-laya']);
    expect(await keys('memberOf: "org:es-mfa", at: "2026-03-04"')).toEqual(['person:jose-manuel-albares']);
    expect(await keys('partOf: "gov:es"')).toEqual(['org:es-mfa', 'org:spain-ministry-of-defence']);
    expect(await keys('partOf: "gov:es", search: "defence"')).toEqual(['org:spain-ministry-of-defence']);
  });

  it('rejects unknown keys and malformed arguments in filters', async () => {
    const code = async (args: string) => (await s.read(`{ actors(${args}) { totalCount } }`)).errors?.[0].extensions?.code;
    expect(await code('memberOf: "org:nowhere"')).toBe('NOT_FOUND');
    expect(await code('partOf: "org:nowhere"')).toBe('NOT_FOUND');
    expect(await code('memberOf: "org:es-mfa", at: "12/07/2021"')).toBe('BAD_USER_INPUT');
    expect(await code('at: "2021-07-12"')).toBe('BAD_USER_INPUT');
    expect(await code('countryCode: "spain"')).toBe('BAD_USER_INPUT');
    expect(await code('first: 101')).toBe('BAD_USER_INPUT');
    expect(await code('first: -1')).toBe('BAD_USER_INPUT');
    expect(await code('after: "not-a-cursor"')).toBe('BAD_USER_INPUT');
  });

  it('pages through all actors with cursors, by name, with and without a search', async () => {
    const walk = async (search: string | null) => {
      const seen: string[] = [];
      let after: string | null = null;
      let total = -1;
      for (let guard = 0; guard < 20; guard++) {
        const res: any = await s.read(
          `query($q: String, $after: String) { actors(search: $q, first: 3, after: $after) {
             totalCount edges { cursor node { key name } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`,
          { q: search, after },
        );
        expect(res.errors).toBeUndefined();
        const page = res.data.actors;
        total = page.totalCount;
        expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
        seen.push(...page.edges.map((e: any) => e.node.key));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toHaveLength(total);
      return seen;
    };
    const all = await walk(null);
    const names = (await s.dataSource.query('SELECT key FROM actor ORDER BY name, key')).map((r: any) => r.key);
    expect(all).toEqual(names);
    expect(await walk('spain')).toEqual(['country:es', 'org:spain-ministry-of-defence', 'org:bank-of-spain', 'gov:es', 'org:es-mfa']);

    // a cursor of the unranked list is not a cursor of a search
    const plainCursor = (await s.read(`{ actors(first: 1) { pageInfo { endCursor } } }`)).data.actors.pageInfo.endCursor;
    const mixed = await s.read(`query($c: String) { actors(search: "spain", after: $c) { totalCount } }`, { c: plainCursor });
    expect(mixed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('looks actors up by keys in order, with null for unknown keys', async () => {
    const res = await s.read(`{ actorsByKeys(keys: ["gov:es", "nope", "country:es"]) { key } }`);
    expect(res.data.actorsByKeys).toEqual([{ key: 'gov:es' }, null, { key: 'country:es' }]);
    const tooMany = await s.read(`query($k: [String!]!) { actorsByKeys(keys: $k) { key } }`, { k: Array.from({ length: 501 }, (_, i) => `k${i}`) });
    expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('federation', () => {
  const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Actor { key name } } }`;

  it('resolves entity references, null for an unknown key', async () => {
    const res = await s.read(ENTITIES, {
      r: [
        { __typename: 'Actor', key: 'country:es' },
        { __typename: 'Actor', key: 'country:atlantis' },
        { __typename: 'Actor', key: 'person:jose-manuel-albares' },
      ],
    });
    expect(res.errors).toBeUndefined();
    expect(res.data._entities).toEqual([{ key: 'country:es', name: 'Spain' }, null, { key: 'person:jose-manuel-albares', name: 'José Manuel Albares' }]);
  });

  it('batches: 20 references with their parents, aliases and memberships cost a fixed number of queries', async () => {
    const people = Array.from({ length: 20 }, (_, k) => ({
      key: `person:batch-${k}`,
      kind: 'PERSON',
      name: `Batch Person ${k}`,
      partOf: k % 2 ? 'org:es-mfa' : 'org:spain-ministry-of-defence',
      aliases: [{ value: `BP${k}` }],
      memberships: [{ organization: k % 3 ? 'gov:es' : 'org:bank-of-spain', role: 'Adviser', from: '2020' }],
    }));
    expect((await s.write(UPSERT, { a: people })).data.upsertActors.created).toBe(20);

    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Actor {
      key name aliases { value } partOf { key name partOf { key } }
      memberships { role organization { key name } }
    } } }`;
    const costOf = async (n: number) => {
      s.counter.reset();
      const res = await s.read(query, { r: people.slice(0, n).map((p) => ({ __typename: 'Actor', key: p.key })) });
      expect(res.errors).toBeUndefined();
      expect(res.data._entities).toHaveLength(n);
      expect(res.data._entities[1]).toMatchObject({
        partOf: { key: 'org:es-mfa', partOf: { key: 'gov:es' } },
        memberships: [{ organization: { key: 'gov:es' } }],
      });
      return s.counter.count;
    };
    // at most one query per loader (actors; aliases, parents, memberships; organisations and grandparents,
    // which share a batch or not depending on timing), whatever the number of references
    expect(await costOf(20)).toBeLessThanOrEqual(6);
    expect(await costOf(5)).toBeLessThanOrEqual(6);
  });
});
