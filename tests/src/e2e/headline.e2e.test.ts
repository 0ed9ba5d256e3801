import { ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { postGraphQL } from '@newsgraph/kit/testing';
import { SAME_FROM_THE_ROOT, SPAIN_ON_BASE_USE } from '../contract';
import { dataOf, loadSeed, REPO_ROOT, startTestStack, TestStack } from '../harness';

const NOVINITE = 'https://www.novinite.com/articles/spain-denies-us-claims-of-military-cooperation-against-iran';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
  await loadSeed(stack);
}, 180_000);

afterAll(async () => {
  await stack?.teardown();
});

describe('the headline queries through the gateway', () => {
  test('SpainOnBaseUse: statements by Spain about base use, with the US statements contradicting them', async () => {
    const { actor } = dataOf(await stack.query(SPAIN_ON_BASE_USE));
    expect(actor.key).toBe('country:es');
    expect(actor.name).toBe('Spain');
    const { statements } = actor;
    // Albares twice (via his ministry membership -> government -> Spain) and the Spanish government.
    expect(statements.totalCount).toBe(3);
    expect(statements.pageInfo.hasNextPage).toBe(false);
    expect(statements.pageInfo.endCursor).toBe(statements.edges[2].cursor);
    expect(statements.edges.map((e: any) => e.node.key)).toEqual([
      'stmt:spanish-officials-territory-not-available-2026-03-05',
      'stmt:albares-territory-not-used-2026-03-04',
      'stmt:albares-denies-change-2026-03-04',
    ]);

    const denial = statements.edges[2].node;
    expect(denial.text).toMatch(/^I categorically deny any change/);
    expect(denial.saidAt).toBe('2026-03-04');
    expect(denial.speaker).toEqual({ key: 'person:jose-manuel-albares', name: 'José Manuel Albares' });
    const novinite = denial.attestations.find((a: any) => a.source.url === NOVINITE);
    expect(novinite.source.title).toBe('Spain Denies US Claims of Military Cooperation Against Iran, Stands Firm on Base Restrictions');
    expect(novinite.source.outlet).toEqual({ name: 'Novinite' });
    expect(novinite.quotedText).toMatch(/categorically deny/);

    // Leavitt's claim is linked by an explicit CONTRADICTS relation and also opposes by stance:
    // reported once, as EXPLICIT. The White House's own claim only opposes by stance.
    expect(denial.contradictions.map((c: any) => [c.origin, c.statement.key])).toEqual([
      ['EXPLICIT', 'stmt:leavitt-spain-agrees-2026-03-04'],
      ['DERIVED', 'stmt:white-house-agreement-exists-2026-03-04'],
    ]);
    const leavitt = denial.contradictions[0].statement;
    expect(leavitt.speaker).toEqual({ key: 'person:karoline-leavitt', name: 'Karoline Leavitt' });
    expect(leavitt.text).toBe('Spain agrees to cooperate with the US military in their war against Iran');
    expect(leavitt.attestations.map((a: any) => a.source.url)).toContain(NOVINITE);

    // Denying a claim nobody affirms contradicts nothing.
    expect(statements.edges[1].node.contradictions).toEqual([]);
    expect(statements.edges[0].node.contradictions.map((c: any) => [c.origin, c.statement.key])).toEqual([
      ['DERIVED', 'stmt:leavitt-spain-agrees-2026-03-04'],
      ['DERIVED', 'stmt:white-house-agreement-exists-2026-03-04'],
    ]);
  });

  test('SameFromTheRoot agrees with SpainOnBaseUse', async () => {
    const nested = dataOf(await stack.query(SPAIN_ON_BASE_USE)).actor.statements;
    const root = dataOf(await stack.query(SAME_FROM_THE_ROOT)).statements;
    expect(root.totalCount).toBe(nested.totalCount);
    expect(root.edges.map((e: any) => e.node.key)).toEqual(nested.edges.map((e: any) => e.node.key));
    expect(root.edges.map((e: any) => e.node.contradictions)).toEqual(
      nested.edges.map((e: any) => e.node.contradictions.map((c: any) => ({ origin: c.origin, statement: { key: c.statement.key } }))),
    );
  });

  test('contradictions by the US do not include Spain’s own statements, and by Spain they flip sides', async () => {
    const { statement } = dataOf(
      await stack.query(`{ statement(key: "stmt:leavitt-spain-agrees-2026-03-04") {
        us: contradictions(by: "country:us") { statement { key } }
        es: contradictions(by: "country:es") { origin statement { key } }
      } }`),
    );
    expect(statement.us).toEqual([]);
    expect(statement.es).toEqual([
      { origin: 'EXPLICIT', statement: { key: 'stmt:albares-denies-change-2026-03-04' } },
      { origin: 'DERIVED', statement: { key: 'stmt:spanish-officials-territory-not-available-2026-03-05' } },
    ]);
  });

  test('actors(search:) ignores case and accents', async () => {
    for (const search of ['España', 'espana', 'ESPAÑA']) {
      const { actors } = dataOf(await stack.query(`query($s: String){ actors(search: $s) { edges { node { key } } } }`, { s: search }));
      expect(actors.edges.map((e: any) => e.node.key)).toContain('country:es');
    }
  });

  test('filter.text is a full-text search', async () => {
    const { statements } = dataOf(await stack.query(`{ statements(filter: { text: "bases" }) { totalCount edges { node { key } } } }`));
    expect(statements.edges.map((e: any) => e.node.key)).toContain('stmt:albares-denies-change-2026-03-04');
    const none = dataOf(await stack.query(`{ statements(filter: { text: "bases", by: "country:us" }) { totalCount } }`));
    expect(none.statements.totalCount).toBe(0);
  });

  test('saidAfter, saidBefore, claim and speaker narrow the list', async () => {
    const q = `query($f: StatementFilter){ statements(filter: $f) { edges { node { key } } } }`;
    const keys = async (f: object) => dataOf(await stack.query(q, { f })).statements.edges.map((e: any) => e.node.key);
    expect(await keys({ by: 'country:es', saidAfter: '2026-03-05' })).toEqual(['stmt:spanish-officials-territory-not-available-2026-03-05']);
    expect(await keys({ by: 'country:es', saidBefore: '2026-03-05', topic: 'base-use' })).toEqual([
      'stmt:albares-territory-not-used-2026-03-04',
      'stmt:albares-denies-change-2026-03-04',
    ]);
    expect(await keys({ claim: 'claim:spain-agreed-to-cooperate-with-us-military-against-iran', stance: 'AFFIRMS' })).toEqual([
      'stmt:white-house-agreement-exists-2026-03-04',
      'stmt:leavitt-spain-agrees-2026-03-04',
    ]);
    expect(await keys({ speaker: 'person:karoline-leavitt' })).toEqual(['stmt:leavitt-spain-agrees-2026-03-04']);
  });

  test('pages follow cursors without gaps or repeats', async () => {
    const q = `query($after: String){ statements(first: 2, after: $after) { totalCount edges { cursor node { key } } pageInfo { hasNextPage endCursor } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let i = 0; i < 10; i += 1) {
      const page: any = dataOf(await stack.query(q, { after })).statements;
      total = page.totalCount;
      seen.push(...page.edges.map((e: any) => e.node.key));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
  });

  test('bad arguments get clear errors', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['{ actor(key: "country:nowhere") { key } }', 'NOT_FOUND', /country:nowhere/],
      ['{ statements(filter: { by: "country:nowhere" }) { totalCount } }', 'NOT_FOUND', /country:nowhere/],
      ['{ statements(filter: { saidAfter: "March 2026" }) { totalCount } }', 'BAD_USER_INPUT', /saidAfter/],
      ['{ statements(first: 1000) { totalCount } }', 'BAD_USER_INPUT', /first/],
      ['{ statements(after: "not-a-cursor") { totalCount } }', 'BAD_USER_INPUT', /after/],
      ['{ statements(filter: { topic: "no-such-topic" }) { totalCount } }', 'NOT_FOUND', /no-such-topic/],
    ];
    for (const [query, code, message] of cases) {
      const res = await stack.query(query);
      expect(res.errors?.[0]?.extensions?.code).toBe(code);
      expect(res.errors?.[0]?.message).toMatch(message);
    }
  });
});

describe('both query planners give the same answers', () => {
  // The stack's gateway uses the Rust planner where it loads; a second gateway on the same
  // subgraphs runs the runtime's JavaScript planner, the fallback elsewhere.
  let js: { url: string; child: ChildProcess };

  beforeAll(async () => {
    const child = fork(path.join(REPO_ROOT, 'gateway/dist/main.js'), [], {
      env: {
        ...process.env,
        GATEWAY_PORT: '0',
        ACTORS_URL: stack.urls.actors,
        STATEMENTS_URL: stack.urls.statements,
        SOURCES_URL: stack.urls.sources,
        NEWSGRAPH_SUBGRAPH_SECRET: stack.subgraphSecret,
        NEWSGRAPH_QUERY_PLANNER: 'js',
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      child.once('message', (m: any) => (m?.type === 'ready' ? resolve(m.url) : reject(new Error(JSON.stringify(m)))));
      child.once('exit', (code) => reject(new Error(`the JS-planner gateway exited with ${code}`)));
    });
    js = { url, child };
  });

  afterAll(() => {
    js?.child.kill('SIGTERM');
  });

  test('the Rust planner is the one in use here (Linux glibc)', () => {
    const gatewayLines = stack.logs.filter((l) => l.startsWith('[gateway]')).join('\n');
    expect(gatewayLines).toMatch(/rust query planner/i);
  });

  test.each([
    ['SpainOnBaseUse', SPAIN_ON_BASE_USE, undefined],
    ['SameFromTheRoot', SAME_FROM_THE_ROOT, undefined],
    ['a variable of the wrong type', 'query($k: String!){ actor(key: $k){ id } }', { k: 123 }],
    [
      'an entity fetch across all three subgraphs',
      `{ statements(first: 5) { edges { node { key speaker { name } attestations { source { outlet { name } } } } } } }`,
      undefined,
    ],
    [
      'node(id:) and nodes(ids:) for types of all three subgraphs, unknown ids included',
      `query($ids: [ID!]!) { node(id: "Actor:country:es") { id ... on Actor { name } }
        nodes(ids: $ids) { __typename id ... on Outlet { name } ... on Source { title outlet { id } } ... on Statement { text speaker { id name } } } }`,
      {
        ids: [
          'Outlet:outlet:novinite',
          'Source:src:novinite-2026-03-05-spain-denies',
          'Statement:stmt:albares-denies-change-2026-03-04',
          'Actor:nobody',
          'Source:none',
        ],
      },
    ],
    [
      'a backward page',
      '{ actor(key: "country:es") { statements(last: 2) { edges { cursor node { id } } pageInfo { hasPreviousPage hasNextPage startCursor } } } }',
      undefined,
    ],
  ])('%s', async (_name, query, variables) => {
    const rust = await stack.query(query, variables);
    const other = await postGraphQL(js.url, query, variables);
    expect(rust.status).toBe(other.status);
    // error ids are random per error; everything else must match
    const comparable = (r: typeof rust) => JSON.parse(JSON.stringify({ data: r.data, errors: r.errors }).replace(/"errorId":"[^"]+"/g, '"errorId":"*"'));
    expect(comparable(rust)).toEqual(comparable(other));
    expect(JSON.stringify(rust.data ?? rust.errors).length).toBeGreaterThan(40);
  });
});

test('identical queries in flight together reach the subgraph once (NEWSGRAPH_DEDUPE_INFLIGHT, on by default)', async () => {
  const metricsUrl = `${new URL(stack.urls.statements).origin}/metrics`;
  const served = async () =>
    (await (await fetch(metricsUrl)).text())
      .split('\n')
      .filter((l) => l.startsWith('newsgraph_graphql_requests_total'))
      .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
  const before = await served();
  const query = '{ statements(first: 5) { edges { node { key } } } }';
  const answers = await Promise.all(Array.from({ length: 20 }, () => stack.query(query)));
  for (const a of answers) expect(a.data.statements.edges).toHaveLength(5);
  const reached = (await served()) - before;
  expect(reached).toBeGreaterThanOrEqual(1);
  expect(reached).toBeLessThan(20);
});
