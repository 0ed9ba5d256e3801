import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { generate } from '@newsgraph/tools';
import { dataOf, startTestStack, TestStack } from '../harness';

/**
 * Positions on a generated corpus (tools/src/generate: countries, governments, ministries, people
 * whose memberships begin and end), through the gateway, with the real roll-up. The fields are
 * checked against each other and against the statement lists, which answer "by" another way
 * (the list walks the roll-up's indexes, positions test each row), so a wrong rule shows as a
 * disagreement.
 */
const prefix = `g${randomBytes(4).toString('hex')}_`;
let stack: TestStack;

const server = () => process.env.DATABASE_URL!;

beforeAll(async () => {
  await generate.generateCorpus({ databaseUrl: server(), prefix, statements: 3000, replace: true });
  stack = await startTestStack({ databasePrefix: prefix });
}, 240_000);

afterAll(async () => {
  await stack?.teardown();
  const admin = new Client({ connectionString: server() });
  await admin.connect();
  try {
    for (const s of ['actors', 'statements', 'sources']) await admin.query(`DROP DATABASE IF EXISTS "${prefix}${s}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
});

async function all(query: string, variables: Record<string, unknown>, pick: (data: any) => any): Promise<any[]> {
  const nodes: any[] = [];
  let after: string | null = null;
  for (;;) {
    const page: any = pick(dataOf(await stack.query(query, { ...variables, after })));
    nodes.push(...page.edges.map((e: any) => e.node));
    if (!page.pageInfo.hasNextPage) return nodes;
    after = page.pageInfo.endCursor;
  }
}

/** The most contested claim and a top-level actor on each side of it. */
async function busiest(): Promise<{ claim: string; actors: string[] }> {
  const { contestedClaims } = dataOf(await stack.query(`{ contestedClaims(first: 1) { claim { key } statementCount affirmedBy { key } deniedBy { key } } }`));
  expect(contestedClaims).toHaveLength(1);
  const [c] = contestedClaims;
  expect(c.statementCount).toBeGreaterThan(10);
  return { claim: c.claim.key, actors: [c.affirmedBy[0].key, c.deniedBy[0].key] };
}

const POSITIONS = `query($c: String!, $by: String, $after: String) { claim(key: $c) { positions(by: $by, first: 100, after: $after) {
  edges { node { stance topLevelActors { key } statement { key saidOn speaker { key } onBehalfOf { key } } } } pageInfo { hasNextPage endCursor } } } }`;
const LIST = `query($c: String!, $by: String!, $after: String) { statements(filter: { claim: $c, by: $by }, first: 100, after: $after) {
  edges { node { key } } pageInfo { hasNextPage endCursor } } }`;

test('Claim.positions(by:) holds the same statements as statements(filter: { by, claim }), oldest first', async () => {
  const { claim, actors } = await busiest();
  for (const by of actors) {
    const positions = await all(POSITIONS, { c: claim, by }, (d) => d.claim.positions);
    const listed = await all(LIST, { c: claim, by }, (d) => d.statements);
    expect(positions.length).toBeGreaterThan(0);
    expect(positions.map((p) => p.statement.key)).toEqual(listed.map((s) => s.key).reverse());
    // each one is attributed to the actor, with a path that is a chain from the speaker to it
    const { statementsByKeys } = dataOf(
      await stack.query(
        `query($k: [String!]!, $to: String!) { statementsByKeys(keys: $k) { key attribution(to: $to) { on steps { actor { key } relation } } } }`,
        {
          k: positions.slice(0, 50).map((p) => p.statement.key),
          to: by,
        },
      ),
    );
    statementsByKeys.forEach((s: any, n: number) => {
      const p = positions[n];
      expect(s.attribution.on).toBe(p.statement.saidOn);
      const steps = s.attribution.steps;
      expect(steps[0]).toEqual({ actor: { key: p.statement.speaker.key }, relation: null });
      expect(steps[steps.length - 1].actor.key).toBe(by);
      if (steps[1]?.relation === 'SPOKE_ON_BEHALF_OF') expect(steps[1].actor.key).toBe(p.statement.onBehalfOf.key);
    });
  }
});

test('a statement not by an actor has no attribution to it', async () => {
  const { claim, actors } = await busiest();
  const everyone = await all(POSITIONS, { c: claim, by: null }, (d) => d.claim.positions);
  const byFirst = new Set((await all(LIST, { c: claim, by: actors[0] }, (d) => d.statements)).map((s) => s.key));
  const outside = everyone.filter((p) => !byFirst.has(p.statement.key)).slice(0, 30);
  expect(outside.length).toBeGreaterThan(0);
  const { statementsByKeys } = dataOf(
    await stack.query(`query($k: [String!]!, $to: String!) { statementsByKeys(keys: $k) { attribution(to: $to) { on } } }`, {
      k: outside.map((p) => p.statement.key),
      to: actors[0],
    }),
  );
  expect(statementsByKeys.every((s: any) => s.attribution === null)).toBe(true);
});

/** Turns in a timeline, per actor: [before, after, actor]. */
function turns(positions: any[], actorsOf: (p: any) => string[]): string[][] {
  const last = new Map<string, any>();
  const out: string[][] = [];
  for (const p of positions) {
    for (const a of actorsOf(p)) {
      const before = last.get(a);
      if (before && before.stance !== p.stance) out.push([before.statement.key, p.statement.key, a]);
      last.set(a, p);
    }
  }
  return out;
}

test('changes of position are the turns of the timelines: per actor, and per top-level actor on a claim', async () => {
  const { claim, actors } = await busiest();
  const CHANGES = `query($c: String!, $a: String!, $after: String) { actor(key: $a) { positionChanges(claim: $c, first: 100, after: $after) {
    edges { node { actor { key } before { statement { key } } after { statement { key } } } } pageInfo { hasNextPage endCursor } } } }`;
  for (const a of actors) {
    const timeline = await all(POSITIONS, { c: claim, by: a }, (d) => d.claim.positions);
    const changes = await all(CHANGES, { c: claim, a }, (d) => d.actor.positionChanges);
    expect(changes.map((c) => [c.before.statement.key, c.after.statement.key, c.actor.key])).toEqual(turns(timeline, () => [a]));
  }
  const everyone = await all(POSITIONS, { c: claim, by: null }, (d) => d.claim.positions);
  const perTop = await all(
    `query($c: String!, $after: String) { claim(key: $c) { positionChanges(first: 100, after: $after) {
      edges { node { actor { key } before { statement { key } } after { statement { key } } } } pageInfo { hasNextPage endCursor } } } }`,
    { c: claim },
    (d) => d.claim.positionChanges,
  );
  const expected = turns(everyone, (p) => p.topLevelActors.map((t: any) => t.key));
  expect(expected.length).toBeGreaterThan(0);
  expect(perTop.map((c) => [c.before.statement.key, c.after.statement.key, c.actor.key])).toEqual(expected);
});

test('statementCounts agree with the lists’ totalCount, bucket by bucket', async () => {
  const { actors } = await busiest();
  const by = actors[0];
  const { statementCounts } = dataOf(
    await stack.query(
      `query($by: String!) { statementCounts(filter: { by: $by, saidAfter: "2025", saidBefore: "2026" }, interval: MONTH, split: STANCE) {
      total buckets { start end count parts { stance count } } } }`,
      { by },
    ),
  );
  expect(statementCounts.buckets).toHaveLength(12);
  const total = dataOf(
    await stack.query(`query($by: String!) { statements(filter: { by: $by, saidAfter: "2025", saidBefore: "2026" }) { totalCount } }`, { by }),
  );
  expect(statementCounts.total).toBe(total.statements.totalCount);
  expect(statementCounts.total).toBeGreaterThan(0);
  for (const b of statementCounts.buckets.filter((x: any) => x.count > 0).slice(0, 3)) {
    const month = dataOf(
      await stack.query(
        `query($by: String!, $a: String!, $b: String!) {
        all: statements(filter: { by: $by, saidAfter: $a, saidBefore: $b }) { totalCount } }`,
        { by, a: b.start, b: b.end },
      ),
    );
    expect(b.count).toBe(month.all.totalCount);
  }
});
