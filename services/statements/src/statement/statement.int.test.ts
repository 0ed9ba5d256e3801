import { startSubgraphForTest, SubgraphForTest, TEST_WRITE_TOKEN } from '@newsgraph/kit/testing';
import { createStatementsDataSource } from '../data-source';
import { createFixedActorsDirectory } from '../rollup/fixed-directory';
import { createStatementsSubgraph } from '../subgraph';

const TOKEN = TEST_WRITE_TOKEN;
const auth = { authorization: `Bearer ${TOKEN}` };

// Spain: Albares via his ministry from 2021-07-12; the US: Leavitt from 2025-01-20.
const directory = createFixedActorsDirectory({
  'country:es': [
    { actor: 'country:es', from: null, to: null },
    { actor: 'org:es-government', from: null, to: null },
    { actor: 'person:albares', from: '2021-07-12', to: null },
  ],
  'country:us': [
    { actor: 'country:us', from: null, to: null },
    { actor: 'org:white-house', from: null, to: null },
    { actor: 'person:leavitt', from: '2025-01-20', to: '2026-03-05' },
  ],
  'person:albares': [{ actor: 'person:albares', from: null, to: null }],
  'person:leavitt': [{ actor: 'person:leavitt', from: null, to: null }],
});

const CLAIM = 'claim:spain-agreed';
const claims = [
  { key: CLAIM, text: 'Spain agreed to cooperate', topics: ['military-cooperation'] },
  { key: 'claim:bases', text: 'Spain lets the US use its bases', topics: ['base-use'] },
];
const att = [{ source: 'src:article', quotedText: 'quoted' }];
const statements = [
  {
    key: 'stmt:leavitt',
    speaker: 'person:leavitt',
    onBehalfOf: 'org:white-house',
    text: 'Spain agrees to cooperate with the US military',
    saidAt: '2026-03-04T10:00:00-05:00',
    stances: [{ claim: CLAIM, stance: 'AFFIRMS' }],
    attestations: [{ source: 'src:briefing' }, ...att],
  },
  {
    key: 'stmt:albares',
    speaker: 'person:albares',
    text: 'I categorically deny any change regarding the use of bases',
    saidAt: '2026-03-04',
    topics: ['base-use'],
    form: 'DIRECT_QUOTE',
    stances: [{ claim: CLAIM, stance: 'DENIES' }],
    relations: [{ type: 'CONTRADICTS', statement: 'stmt:leavitt' }],
    attestations: att,
  },
  {
    key: 'stmt:officials',
    speaker: 'org:es-government',
    text: 'Territory not available for military operations',
    saidAt: '2026-03-05',
    stances: [
      { claim: CLAIM, stance: 'DENIES' },
      { claim: 'claim:bases', stance: 'DENIES' },
    ],
    attestations: att,
  },
  {
    key: 'stmt:old-albares',
    speaker: 'person:albares',
    text: 'Before he was minister, on bases',
    saidAt: '2020-01-01',
    topics: ['base-use'],
    attestations: att,
  },
  {
    key: 'stmt:leavitt-later',
    speaker: 'person:leavitt',
    text: 'After her term, Spain agrees again',
    saidAt: '2026-03-06',
    stances: [{ claim: CLAIM, stance: 'AFFIRMS' }],
    attestations: att,
  },
];

const UPSERT = `mutation($c: [ClaimInput!], $s: [StatementInput!]) { upsertStatements(claims: $c, statements: $s) { created updated unchanged keys } }`;

let s: SubgraphForTest;
const gql = (query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => s.read(query, variables, headers);

beforeAll(async () => {
  s = await startSubgraphForTest({
    label: 'statements',
    createDataSource: createStatementsDataSource,
    createServer: (deps) => createStatementsSubgraph({ ...deps, directory }),
  });
  const res = await gql(UPSERT, { c: claims, s: statements }, auth);
  expect(res.errors).toBeUndefined();
  expect(res.data.upsertStatements.created).toBe(7);
});

afterAll(async () => {
  await s?.close();
});

const keysOf = (conn: any) => conn.edges.map((e: any) => e.node.key);

test('migrations leave nothing pending', async () => {
  expect(await s.dataSource.showMigrations()).toBe(false);
});

test('"by" follows the roll-up intervals at the day each statement was said', async () => {
  const res = await gql(`{ es: statements(filter: { by: "country:es" }) { totalCount edges { node { key } } }
                            us: statements(filter: { by: "country:us" }) { edges { node { key } } } }`);
  // Albares' 2020 statement predates his ministry; Leavitt's 03-06 statement follows her term.
  expect(keysOf(res.data.es)).toEqual(['stmt:officials', 'stmt:albares']);
  expect(res.data.es.totalCount).toBe(2);
  // onBehalfOf counts too: the White House rolls up to the US with no end.
  expect(keysOf(res.data.us)).toEqual(['stmt:leavitt']);
});

test('"about" includes the topics of claims a statement takes a stance on', async () => {
  const res = await gql(`{ statements(filter: { topic: "base-use" }) { edges { node { key topics { key statementCount } ownTopics } } } }`);
  const nodes = res.data.statements.edges.map((e: any) => e.node);
  expect(nodes.map((n: any) => n.key)).toEqual(['stmt:officials', 'stmt:albares', 'stmt:old-albares']);
  expect(nodes[0].ownTopics).toEqual([]);
  expect(nodes[0].topics.map((t: any) => t.key)).toEqual(['base-use', 'military-cooperation']);
});

test('a claim whose topics change re-files the statements on it', async () => {
  const changed = await gql(UPSERT, { c: [{ ...claims[0], topics: ['military-cooperation', 'iran'] }] }, auth);
  expect(changed.data.upsertStatements).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
  const res = await gql(`{ statements(filter: { topic: "iran" }) { totalCount } }`);
  expect(res.data.statements.totalCount).toBe(4);
  await gql(UPSERT, { c: [claims[0]] }, auth);
  const back = await gql(`{ statements(filter: { topic: "iran" }) { totalCount } }`);
  expect(back.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
});

test('contradictions: explicit both ways, derived from stances, filtered by', async () => {
  const res = await gql(`{ statement(key: "stmt:albares") {
      all: contradictions { origin claimKeys statement { key } }
      us: contradictions(by: "country:us") { origin statement { key } } }
    leavitt: statement(key: "stmt:leavitt") { contradictions(by: "country:es") { origin statement { key } } } }`);
  expect(res.errors).toBeUndefined();
  expect(res.data.statement.all).toEqual([
    { origin: 'EXPLICIT', claimKeys: [CLAIM], statement: { key: 'stmt:leavitt' } },
    { origin: 'DERIVED', claimKeys: [CLAIM], statement: { key: 'stmt:leavitt-later' } },
  ]);
  expect(res.data.statement.us).toEqual([{ origin: 'EXPLICIT', statement: { key: 'stmt:leavitt' } }]);
  expect(res.data.leavitt.contradictions).toEqual([
    { origin: 'EXPLICIT', statement: { key: 'stmt:albares' } },
    { origin: 'DERIVED', statement: { key: 'stmt:officials' } },
  ]);
});

test('full-text search uses stems and the index', async () => {
  const res = await gql(`{ statements(filter: { text: "base" }) { edges { node { key } } } }`);
  expect(keysOf(res.data.statements)).toEqual(['stmt:albares', 'stmt:old-albares']);
  const [plan] = await s.dataSource.query(`EXPLAIN (FORMAT JSON) SELECT key FROM statement WHERE search @@ websearch_to_tsquery('english', 'bases')`);
  expect(JSON.stringify(plan)).toMatch(/statement_search_idx|Seq Scan/);
});

test('identical re-send changes nothing; a change updates', async () => {
  const again = await gql(UPSERT, { c: claims, s: statements }, auth);
  expect(again.data.upsertStatements).toMatchObject({ created: 0, updated: 0, unchanged: 7 });
  const [{ max }] = await s.dataSource.query('SELECT max(updated_at) AS max FROM statement');
  const changed = await gql(UPSERT, { s: [{ ...statements[3], venue: 'A radio show' }] }, auth);
  expect(changed.data.upsertStatements).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
  const [{ max: after }] = await s.dataSource.query('SELECT max(updated_at) AS max FROM statement');
  expect(new Date(after).getTime()).toBeGreaterThan(new Date(max).getTime());
});

test('an update replaces stances and attestations, and the topics the stances brought', async () => {
  const officials = statements[2];
  const topicsOf = async () => (await gql(`{ statement(key: "stmt:officials") { topics { key } attestations { source { key } } } }`)).data.statement;
  expect((await topicsOf()).topics.map((t: any) => t.key)).toEqual(['base-use', 'military-cooperation']);
  const changed = await gql(
    UPSERT,
    { s: [{ ...officials, stances: [{ claim: 'claim:bases', stance: 'DENIES' }], attestations: [{ source: 'src:other' }] }] },
    auth,
  );
  expect(changed.data.upsertStatements).toMatchObject({ created: 0, updated: 1 });
  expect(await topicsOf()).toEqual({ topics: [{ key: 'base-use' }], attestations: [{ source: { key: 'src:other' } }] });
  const rows = await s.dataSource.query(`SELECT claim_key FROM stance WHERE statement_key = 'stmt:officials'`);
  expect(rows).toEqual([{ claim_key: 'claim:bases' }]);
  await gql(UPSERT, { s: [officials] }, auth);
  expect((await topicsOf()).topics.map((t: any) => t.key)).toEqual(['base-use', 'military-cooperation']);
});

test('bad input: every problem listed with its path, nothing written', async () => {
  const [{ n: before }] = await s.dataSource.query('SELECT count(*)::int AS n FROM statement');
  const res = await gql(
    UPSERT,
    {
      s: [
        { key: 'stmt:new-good', speaker: 'person:albares', text: 'fine', saidAt: '2026-03-07', attestations: att },
        {
          key: 'stmt:new-bad',
          speaker: 'person:albares',
          text: 'bad',
          saidAt: '2026-02-30',
          stances: [{ claim: 'claim:unknown', stance: 'DENIES' }],
          relations: [{ type: 'SUPPORTS', statement: 'stmt:unknown' }],
          attestations: [],
        },
      ],
    },
    auth,
  );
  expect(res.errors?.[0]?.extensions?.code).toBe('INVALID_PACKAGE');
  const paths = res.errors![0].extensions!.problems.map((p: any) => p.path);
  expect(paths).toEqual(expect.arrayContaining(['/statements/1/saidAt', '/statements/1/attestations']));
  const [{ n: after }] = await s.dataSource.query('SELECT count(*)::int AS n FROM statement');
  expect(after).toBe(before);

  const refs = await gql(
    UPSERT,
    {
      s: [
        {
          key: 'stmt:new-bad',
          speaker: 'person:albares',
          text: 'bad',
          saidAt: '2026-02-27',
          stances: [{ claim: 'claim:unknown', stance: 'DENIES' }],
          relations: [{ type: 'SUPPORTS', statement: 'stmt:unknown' }],
          attestations: att,
        },
      ],
    },
    auth,
  );
  expect(refs.errors![0].extensions!.problems).toEqual([
    { path: '/statements/0/relations/0/statement', message: expect.stringMatching(/stmt:unknown/) },
    { path: '/statements/0/stances/0/claim', message: expect.stringMatching(/claim:unknown/) },
  ]);
});

test('writes need a valid bearer token', async () => {
  const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer nope' }, { authorization: TOKEN }];
  for (const headers of attempts) {
    const res = await gql(UPSERT, { c: [{ key: 'claim:sneaky', text: 'x' }] }, headers);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  }
  const [{ n }] = await s.dataSource.query(`SELECT count(*)::int AS n FROM claim WHERE key = 'claim:sneaky'`);
  expect(n).toBe(0);
});

test('_entities resolves statements and claims by key, null for unknown', async () => {
  const res = await gql(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Statement { key text } ... on Claim { key text } } }`, {
    r: [
      { __typename: 'Statement', key: 'stmt:albares' },
      { __typename: 'Claim', key: CLAIM },
      { __typename: 'Statement', key: 'stmt:nope' },
    ],
  });
  expect(res.data._entities).toEqual([{ key: 'stmt:albares', text: statements[1].text }, { key: CLAIM, text: claims[0].text }, null]);
});

test('a page of N statements costs the same number of SQL queries for any N', async () => {
  const extra = Array.from({ length: 30 }, (_, i) => ({
    key: `stmt:bulk-${String(i).padStart(2, '0')}`,
    speaker: i % 2 ? 'person:albares' : 'person:leavitt',
    text: `Bulk statement ${i}`,
    saidAt: '2026-01-01',
    stances: [{ claim: CLAIM, stance: i % 2 ? 'DENIES' : 'AFFIRMS' }],
    attestations: att,
  }));
  await gql(UPSERT, { s: extra }, auth);
  const page = `query($n: Int) { statements(first: $n) { edges { node { key speaker { key } attestations { quotedText source { key } }
    stances { stance claim { key text } } topics { key statementCount } relations { statement { key } }
    contradictions(by: "country:us") { origin statement { key speaker { key } } } } } } }`;
  const cost = async (n: number) => {
    s.counter.reset();
    const res = await gql(page, { n });
    expect(res.errors).toBeUndefined();
    expect(res.data.statements.edges).toHaveLength(n);
    return s.counter.count;
  };
  const small = await cost(3);
  const large = await cost(30);
  expect(large).toBe(small);
  expect(small).toBeLessThanOrEqual(12);

  // a backward page costs what a forward one does
  const backward = async (n: number) => {
    s.counter.reset();
    const res = await gql(page.replace('statements(first: $n)', 'statements(last: $n)'), { n });
    expect(res.errors).toBeUndefined();
    expect(res.data.statements.edges).toHaveLength(n);
    return s.counter.count;
  };
  expect(await backward(3)).toBe(small);
  expect(await backward(30)).toBe(small);
});

test('claims and topics are listed with their counts', async () => {
  const res = await gql(`{ claim(key: "${CLAIM}") { affirmCount denyCount statements(stance: DENIES) { totalCount } topics { key } }
    topics(first: 5) { edges { node { key statementCount claimCount } } } }`);
  expect(res.data.claim.affirmCount).toBe(2 + 15);
  expect(res.data.claim.denyCount).toBe(2 + 15);
  expect(res.data.claim.statements.totalCount).toBe(17);
  expect(res.data.topics.edges[0].node).toEqual({ key: 'military-cooperation', statementCount: 34, claimCount: 1 });
});

test('a list count is kept until the next write, and is right after it', async () => {
  const count = `{ statements(filter: { by: "country:es" }, first: 1) { totalCount } }`;
  const counts = () => s.counter.recent.filter((q) => q.startsWith('SELECT count(*)::int AS count FROM')).length;
  s.counter.reset();
  const first = (await gql(count)).data.statements.totalCount;
  const second = (await gql(count)).data.statements.totalCount;
  expect(second).toBe(first);
  expect(counts()).toBe(1);

  // an unchanged re-write changes nothing, so the count stays cached
  const again = await gql(UPSERT, { s: [statements[1]] }, auth);
  expect(again.data.upsertStatements.unchanged).toBe(1);
  expect((await gql(count)).data.statements.totalCount).toBe(first);
  expect(counts()).toBe(1);

  // a new statement by Spain: the next count is taken afresh and includes it
  const added = { ...statements[1], key: 'stmt:albares-counted', text: 'Counted after the cache was filled.' };
  expect((await gql(UPSERT, { s: [added] }, auth)).data.upsertStatements.created).toBe(1);
  expect((await gql(count)).data.statements.totalCount).toBe(first + 1);
  expect(counts()).toBe(2);
});
