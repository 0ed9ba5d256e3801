import { bucketStart } from '@newsgraph/kit';
import { startSubgraphForTest, SubgraphForTest } from '@newsgraph/kit/testing';
import { createStatementsDataSource } from '../data-source';
import { createFixedActorsDirectory } from '../rollup/fixed-directory';
import { createStatementsSubgraph } from '../subgraph';
import {
  CLAIMS,
  dayOf,
  generateStatements,
  GeneratedStatement,
  inTimeOrder,
  instantOf,
  isBy,
  referenceChanges,
  ROLLUPS,
  stanceOn,
  TOP_LEVEL,
  topLevelOfStatement,
} from './generated-world';

/**
 * Positions, changes, contested claims and counts on a generated world, against a reference model
 * (generated-world.ts), through the statements subgraph alone (the roll-up from a fixed
 * directory; the real one is tested end to end). Also: how many SQL queries each costs.
 */
const directory = createFixedActorsDirectory(ROLLUPS, { topLevel: TOP_LEVEL });
const statements = generateStatements(240);
let subgraph: SubgraphForTest;
const gql = async (query: string, variables?: Record<string, unknown>) => {
  const res = await subgraph.read(query, variables);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data as any;
};

beforeAll(async () => {
  subgraph = await startSubgraphForTest({
    label: 'positions',
    createDataSource: createStatementsDataSource,
    createServer: (deps) => createStatementsSubgraph({ ...deps, directory, countCache: false }),
  });
  const claims = CLAIMS.map((key) => ({ key, text: `The proposition ${key}`, topics: ['negotiations'] }));
  const res = await subgraph.write(`mutation($c: [ClaimInput!], $s: [StatementInput!]) { upsertStatements(claims: $c, statements: $s) { created } }`, {
    c: claims,
    s: statements,
  });
  expect(res.errors).toBeUndefined();
}, 60_000);

afterAll(async () => {
  await subgraph?.close();
});

/** Follows a connection page by page (`first` small, to cross many cursors). */
async function everyEdge(fetchPage: (after: string | null) => Promise<any>): Promise<any[]> {
  const nodes: any[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await fetchPage(after);
    nodes.push(...page.edges.map((e: any) => e.node));
    if (!page.pageInfo.hasNextPage) return nodes;
    after = page.pageInfo.endCursor;
  }
}

const onActor = (key: string, selection: string) =>
  `query($after: String) { _entities(representations: [{ __typename: "Actor", key: "${key}" }]) { ... on Actor { ${selection} } } }`;

test('the generated world has turns to find', () => {
  expect(referenceChanges(statements, CLAIMS, (s) => topLevelOfStatement(s)).length).toBeGreaterThan(10);
});

test('Claim.positions, with and without `by`, page by page, equal the reference timeline', async () => {
  for (const claim of CLAIMS) {
    for (const by of [null, 'country:a', 'country:b', 'person:ben']) {
      const got = await everyEdge(async (after) => {
        const data = await gql(
          `query($c: String!, $by: String, $after: String) { claim(key: $c) { positions(by: $by, first: 7, after: $after) {
             totalCount edges { node { stance statement { key } } } pageInfo { hasNextPage endCursor } } } }`,
          { c: claim, by, after },
        );
        return data.claim.positions;
      });
      const expected = inTimeOrder(statements.filter((s) => stanceOn(s, claim) && (by === null || isBy(s, by))));
      expect(got.map((p) => [p.statement.key, p.stance])).toEqual(expected.map((s) => [s.key, stanceOn(s, claim)]));
    }
  }
});

test('Actor.positionChanges equal the reference, per claim and across claims, page by page', async () => {
  for (const actor of ['country:a', 'country:b', 'person:ben', 'org:gov-a']) {
    const got = await everyEdge(async (after) => {
      const data = await gql(
        onActor(
          actor,
          `positionChanges(first: 3, after: $after) { edges { node { from to claim { key } actor { key }
          before { stance statement { key } } after { stance statement { key } } } } pageInfo { hasNextPage endCursor } }`,
        ),
        { after },
      );
      return data._entities[0].positionChanges;
    });
    const expected = referenceChanges(statements, CLAIMS, (s) => (isBy(s, actor) ? [actor] : []));
    expect(got.map((c) => [c.before.statement.key, c.after.statement.key, c.claim.key, c.actor.key, c.from, c.to])).toEqual(expected);
    for (const c of got) expect([c.before.stance, c.after.stance]).toEqual([c.from, c.to]);
  }
  const one = await gql(
    onActor('country:a', `positionChanges(claim: "${CLAIMS[1]}", first: 100, after: $after) { totalCount edges { node { claim { key } } } }`),
  );
  const expected = referenceChanges(statements, [CLAIMS[1]], (s) => (isBy(s, 'country:a') ? ['country:a'] : []));
  expect(one._entities[0].positionChanges.totalCount).toBe(expected.length);
});

test('Claim.positionChanges are the turns of each top-level actor, and top-level actors are as defined', async () => {
  for (const claim of CLAIMS) {
    const got = await everyEdge(async (after) => {
      const data = await gql(
        `query($c: String!, $after: String) { claim(key: $c) { positionChanges(first: 4, after: $after) { totalCount
           edges { node { from to actor { key } before { statement { key } } after { statement { key } topLevelActors { key } } } }
           pageInfo { hasNextPage endCursor } } } }`,
        { c: claim, after },
      );
      return data.claim.positionChanges;
    });
    const expected = referenceChanges(statements, [claim], topLevelOfStatement);
    expect(got.map((c) => [c.before.statement.key, c.after.statement.key, claim, c.actor.key, c.from, c.to])).toEqual(expected);
    for (const c of got) {
      const s = statements.find((x) => x.key === c.after.statement.key)!;
      expect(c.after.topLevelActors.map((a: any) => a.key)).toEqual(topLevelOfStatement(s));
    }
  }
});

test('contestedClaims rank the claims both affirmed and denied in a period, with the top-level actors on each side', async () => {
  for (const [after, before] of [
    [null, null],
    ['2026-01-10', '2026-01-20'],
    ['2026-02', '2026-03'],
    ['2026-01-05', '2026-01-06'],
  ]) {
    const data = await gql(
      `query($a: String, $b: String) { contestedClaims(saidAfter: $a, saidBefore: $b, first: 10) {
         claim { key } statementCount affirmCount denyCount lastSaidAt affirmedBy { key } deniedBy { key } } }`,
      { a: after, b: before },
    );
    const inPeriod = statements.filter(
      (s) => (after === null || dayOf(s) >= after.padEnd(10, '-01')) && (before === null || dayOf(s) < before.padEnd(10, '-01')),
    );
    const expected = CLAIMS.map((claim) => {
      const on = inTimeOrder(inPeriod.filter((s) => stanceOn(s, claim)));
      const side = (stance: string) => {
        const counts = new Map<string, number>();
        for (const s of on.filter((x) => stanceOn(x, claim) === stance)) for (const a of topLevelOfStatement(s)) counts.set(a, (counts.get(a) ?? 0) + 1);
        return [...counts].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map(([key]) => ({ key }));
      };
      const latest = on[on.length - 1];
      return {
        claim: { key: claim },
        statementCount: on.length,
        affirmCount: on.filter((s) => stanceOn(s, claim) === 'AFFIRMS').length,
        denyCount: on.filter((s) => stanceOn(s, claim) === 'DENIES').length,
        lastSaidAt: latest?.saidAt,
        affirmedBy: side('AFFIRMS'),
        deniedBy: side('DENIES'),
        order: latest ? instantOf(latest) : '',
      };
    })
      .filter((c) => c.affirmCount > 0 && c.denyCount > 0)
      .sort((x, y) => y.statementCount - x.statementCount || (x.order > y.order ? -1 : x.order < y.order ? 1 : x.claim.key < y.claim.key ? -1 : 1))
      .map(({ order, ...c }) => c);
    expect(data.contestedClaims).toEqual(expected);
  }
});

test('statementCounts equal the reference, and each costs one SQL query', async () => {
  const buckets = (list: GeneratedStatement[], interval: 'DAY' | 'WEEK' | 'MONTH') => {
    const m = new Map<string, GeneratedStatement[]>();
    for (const s of list) {
      const b = bucketStart(dayOf(s), interval);
      m.set(b, [...(m.get(b) ?? []), s]);
    }
    return m;
  };
  for (const interval of ['DAY', 'WEEK', 'MONTH'] as const) {
    for (const by of [null, 'country:a', 'person:ben']) {
      subgraph.counter.reset();
      const data = await gql(
        `query($f: StatementFilter, $i: CountInterval!) {
           stance: statementCounts(filter: $f, interval: $i, split: STANCE) { total buckets { start count parts { stance count } } } }`,
        { f: by ? { by } : null, i: interval },
      );
      expect(subgraph.counter.count).toBe(1);
      const matching = statements.filter((s) => by === null || isBy(s, by));
      const ref = buckets(matching, interval);
      const got = data.stance.buckets.filter((b: any) => b.count > 0);
      expect(data.stance.total).toBe(matching.length);
      expect(got.map((b: any) => b.start)).toEqual([...ref.keys()].sort());
      for (const b of got) {
        const list = ref.get(b.start)!;
        expect(b.count).toBe(list.length);
        expect(b.parts).toEqual([
          { stance: 'AFFIRMS', count: list.filter((s) => s.stances.some((x) => x.stance === 'AFFIRMS')).length },
          { stance: 'DENIES', count: list.filter((s) => s.stances.some((x) => x.stance === 'DENIES')).length },
          { stance: null, count: list.filter((s) => s.stances.length === 0).length },
        ]);
      }
    }
  }
  // a filter naming a topic and a claim: their existence is checked inside the same one query
  subgraph.counter.reset();
  const named = await gql(`{ statementCounts(filter: { topic: "talks", claim: "${CLAIMS[0]}" }, interval: MONTH, split: STANCE) { total } }`);
  expect(subgraph.counter.count).toBe(1);
  expect(named.statementCounts.total).toBe(statements.filter((s) => s.topics.includes('talks') && stanceOn(s, CLAIMS[0])).length);
  subgraph.counter.reset();
  const unknown = await subgraph.read(`{ statementCounts(filter: { topic: "no-such-topic" }) { total } }`);
  expect(unknown.errors?.map((e: any) => [e.extensions.code, e.message])).toEqual([['NOT_FOUND', 'No topic with key "no-such-topic"']]);
  expect(subgraph.counter.count).toBe(1);

  // by speaker: the three most active have their own parts, everyone else shares one
  subgraph.counter.reset();
  const data = await gql(`{ statementCounts(interval: WEEK, split: ACTOR, actors: 3, filter: { saidAfter: "2026-01-05", saidBefore: "2026-02-02" }) {
    total buckets { start end count parts { actor { key } count } } } }`);
  expect(subgraph.counter.count).toBe(1);
  const inRange = statements.filter((s) => dayOf(s) >= '2026-01-05' && dayOf(s) < '2026-02-02');
  const bySpeaker = new Map<string, number>();
  for (const s of inRange) bySpeaker.set(s.speaker, (bySpeaker.get(s.speaker) ?? 0) + 1);
  const top = [...bySpeaker]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 3)
    .map(([k]) => k);
  const weeks = data.statementCounts.buckets;
  expect(weeks.map((w: any) => [w.start, w.end])).toEqual([
    ['2026-01-05', '2026-01-12'],
    ['2026-01-12', '2026-01-19'],
    ['2026-01-19', '2026-01-26'],
    ['2026-01-26', '2026-02-02'],
  ]);
  for (const w of weeks) {
    const list = inRange.filter((s) => dayOf(s) >= w.start && dayOf(s) < w.end);
    expect(w.count).toBe(list.length);
    expect(w.parts).toEqual([
      ...top.map((key) => ({ actor: { key }, count: list.filter((s) => s.speaker === key).length })),
      { actor: null, count: list.filter((s) => !top.includes(s.speaker)).length },
    ]);
  }
});

test('a page of N positions with their statements, claims and top-level actors costs the same for any N', async () => {
  const page = `query($n: Int) { claim(key: "${CLAIMS[0]}") { positions(first: $n) { edges { node { stance claim { key text }
    topLevelActors { key } statement { key stances { stance claim { key } } attestations { source { key } } attribution(to: "country:a") { steps { actor { key } } } } } } } } }`;
  const cost = async (n: number) => {
    subgraph.counter.reset();
    directory.calls = 0;
    const data = await gql(page, { n });
    expect(data.claim.positions.edges).toHaveLength(n);
    return [subgraph.counter.count, directory.calls];
  };
  const small = await cost(3);
  const large = await cost(40);
  expect(large).toEqual(small);
  // the claim, the page, stances, attestations, claims; one top-level and one path request
  expect(small[0]).toBeLessThanOrEqual(6);
  expect(small[1]).toBe(2);
});
