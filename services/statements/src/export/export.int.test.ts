import { startSubgraphForTest, SubgraphForTest } from '@newsgraph/kit/testing';
import { createStatementsDataSource } from '../data-source';
import { createFixedActorsDirectory } from '../rollup/fixed-directory';
import { createStatementsSubgraph } from '../subgraph';

const directory = createFixedActorsDirectory({
  'country:es': [
    { actor: 'country:es', from: null, to: null },
    { actor: 'person:albares', from: '2021-07-12', to: null },
  ],
  'person:albares': [{ actor: 'person:albares', from: null, to: null }],
  'person:leavitt': [{ actor: 'person:leavitt', from: null, to: null }],
});
const CLAIM = 'claim:spain-agreed';
const BASES = 'claim:bases';
const att = [{ source: 'src:article', quotedText: 'quoted' }, { source: 'src:briefing' }];
// 24 statements on two claims, alternating sides, a few linked by relations: pages of 5 cross them all
const statements = Array.from({ length: 24 }, (_, i) => ({
  key: `stmt:e-${String(i).padStart(2, '0')}`,
  speaker: i % 2 ? 'person:albares' : 'person:leavitt',
  text: `Statement ${i}`,
  // some share a day, so the key breaks ties in both orders
  saidAt: i % 3 === 0 ? `2026-02-${String(1 + i).padStart(2, '0')}` : `2026-02-${String(1 + i - (i % 3)).padStart(2, '0')}T1${i % 3}:00:00+01:00`,
  topics: i % 4 === 0 ? ['base-use'] : [],
  stances: [{ claim: CLAIM, stance: i % 2 ? 'DENIES' : 'AFFIRMS' }, ...(i % 5 === 0 ? [{ claim: BASES, stance: i % 2 ? 'AFFIRMS' : 'DENIES' }] : [])],
  relations: i % 7 === 3 ? [{ type: 'CONTRADICTS', statement: `stmt:e-${String(i - 2).padStart(2, '0')}` }] : [],
  attestations: att,
}));

const EXPORT = `query($filter: StatementFilter, $after: String, $first: Int) { statementExport(filter: $filter, after: $after, first: $first) {
  statements { cursor key text saidAt speaker { key } onBehalfOf { key } topics stances { claim claimText stance }
    attestations { quotedText source { key } } contradictions explicitContradictions }
  hasNextPage endCursor } }`;
const LIST = `query($filter: StatementFilter, $after: String) { statements(filter: $filter, first: 100, after: $after) {
  edges { cursor node { key text saidAt speaker { key } onBehalfOf { key } topics { key } stances { stance claim { key text } }
    attestations { quotedText source { key } } contradictionCount contradictions(first: 100) { origin statement { key } } } } } }`;

let s: SubgraphForTest;
const gql = (query: string, variables?: Record<string, unknown>) => s.read(query, variables);

beforeAll(async () => {
  s = await startSubgraphForTest({
    label: 'statements_export',
    createDataSource: createStatementsDataSource,
    createServer: (deps) => createStatementsSubgraph({ ...deps, directory }),
  });
  const res = await s.write(`mutation($c: [ClaimInput!], $s: [StatementInput!]) { upsertStatements(claims: $c, statements: $s) { created } }`, {
    c: [
      { key: CLAIM, text: 'Spain agreed to cooperate', topics: ['military-cooperation'] },
      { key: BASES, text: 'Spain lets the US use its bases', topics: ['base-use'] },
    ],
    s: statements,
  });
  expect(res.errors).toBeUndefined();
});

afterAll(async () => {
  await s?.close();
});

/** Every page of the export, `first` at a time; and the SQL queries each page cost. */
async function walk(filter: object | null, first: number) {
  const rows: any[] = [];
  const queries: number[] = [];
  let after: string | null = null;
  for (;;) {
    s.counter.reset();
    const res = await gql(EXPORT, { filter, after, first });
    expect(res.errors).toBeUndefined();
    queries.push(s.counter.count);
    const page = res.data.statementExport;
    rows.push(...page.statements);
    if (!page.hasNextPage) return { rows, queries };
    expect(page.endCursor).toBe(page.statements.at(-1).cursor);
    after = page.endCursor;
  }
}

test.each([[null], [{ by: 'country:es' }], [{ claim: BASES }], [{ topic: 'base-use' }]])(
  'pages of 5 give the list of statements(filter: %j), same order, cursors and fields, at a fixed number of SQL queries a page',
  async (filter) => {
    const { rows, queries } = await walk(filter, 5);
    const list = await gql(LIST, { filter });
    expect(list.errors).toBeUndefined();
    const expected = list.data.statements.edges.map((e: any) => ({
      cursor: e.cursor,
      key: e.node.key,
      text: e.node.text,
      saidAt: e.node.saidAt,
      speaker: e.node.speaker,
      onBehalfOf: e.node.onBehalfOf,
      topics: e.node.topics.map((t: any) => t.key),
      stances: e.node.stances.map((s: any) => ({ claim: s.claim.key, claimText: s.claim.text, stance: s.stance })),
      attestations: e.node.attestations,
      contradictions: e.node.contradictions.map((c: any) => c.statement.key),
      explicitContradictions: e.node.contradictions.filter((c: any) => c.origin === 'EXPLICIT').map((c: any) => c.statement.key),
    }));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows).toEqual(expected);
    for (const e of list.data.statements.edges) expect(e.node.contradictionCount).toBe(e.node.contradictions.length);
    // the same few queries for every page, whatever it holds, and for a page four times larger
    expect(new Set(queries).size).toBe(1);
    expect((await walk(filter, 20)).queries[0]).toBe(queries[0]);
    expect(queries[0]).toBeLessThanOrEqual(8);
  },
);

test('an export resumed from any cursor gives exactly the rest', async () => {
  const { rows } = await walk(null, 7);
  const cut = 11;
  const rest = await gql(EXPORT, { after: rows[cut - 1].cursor, first: 500 });
  expect(rest.data.statementExport.statements.map((s: any) => s.key)).toEqual(rows.slice(cut).map((s: any) => s.key));
  expect(rest.data.statementExport.hasNextPage).toBe(false);
});

test('first outside 1-500, a forged cursor or an unknown actor is refused, naming the argument', async () => {
  for (const first of [0, 501, -1]) {
    const res = await gql(EXPORT, { first });
    expect(res.errors?.[0]).toMatchObject({ path: ['statementExport'], extensions: { code: 'BAD_USER_INPUT' } });
    expect(res.errors?.[0].message).toMatch(/first/);
  }
  const forged = await gql(EXPORT, { after: 'not-a-cursor' });
  expect(forged.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(forged.errors?.[0].message).toMatch(/after/);
  const unknown = await gql(EXPORT, { filter: { by: 'country:nowhere' } });
  expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
});
