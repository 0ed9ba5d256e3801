import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dataOf, loadSeed, startTestStack, TestStack } from '../harness';

/** Positions over time on the seed, through the gateway (issue 15). */
const AGREED = 'claim:spain-agreed-to-cooperate-with-us-military-against-iran';
const DENIAL = 'stmt:albares-denies-change-2026-03-04';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
  await loadSeed(stack);
}, 180_000);

afterAll(async () => {
  await stack?.teardown();
});

const timeline = (conn: any) => conn.edges.map((e: any) => [e.node.statement.key, e.node.stance]);

describe('positions on the seed, through the gateway', () => {
  test('Claim.positions: every stance on the claim, oldest first; with `by`, only the actor’s (roll-up at each date)', async () => {
    const { claim } = dataOf(
      await stack.query(
        `query($c: String!) { claim(key: $c) {
        all: positions { totalCount edges { node { stance statement { key saidAt speaker { name } } claim { key } topLevelActors { key name } } } }
        spain: positions(by: "country:es") { totalCount edges { node { stance statement { key } } } }
        us: positions(by: "country:us") { edges { node { stance statement { key } } } }
        albares: positions(by: "person:jose-manuel-albares") { edges { node { statement { key } } } }
      } }`,
        { c: AGREED },
      ),
    );
    // same day: ordered by key; the government's statement of the 5th comes last
    expect(timeline(claim.all)).toEqual([
      [DENIAL, 'DENIES'],
      ['stmt:leavitt-spain-agrees-2026-03-04', 'AFFIRMS'],
      ['stmt:white-house-agreement-exists-2026-03-04', 'AFFIRMS'],
      ['stmt:spanish-officials-territory-not-available-2026-03-05', 'DENIES'],
    ]);
    expect(claim.all.totalCount).toBe(4);
    const first = claim.all.edges[0].node;
    expect(first.statement).toEqual({ key: DENIAL, saidAt: '2026-03-04', speaker: { name: 'José Manuel Albares' } });
    expect(first.claim).toEqual({ key: AGREED });
    // Albares -> ministry -> government -> Spain (the walk stops at Spain, a country)
    expect(first.topLevelActors).toEqual([{ key: 'country:es', name: 'Spain' }]);
    expect(claim.all.edges[1].node.topLevelActors).toEqual([{ key: 'country:us', name: 'United States' }]);

    expect(timeline(claim.spain)).toEqual([
      [DENIAL, 'DENIES'],
      ['stmt:spanish-officials-territory-not-available-2026-03-05', 'DENIES'],
    ]);
    expect(claim.spain.totalCount).toBe(2);
    expect(timeline(claim.us)).toEqual([
      ['stmt:leavitt-spain-agrees-2026-03-04', 'AFFIRMS'],
      ['stmt:white-house-agreement-exists-2026-03-04', 'AFFIRMS'],
    ]);
    expect(claim.albares.edges.map((e: any) => e.node.statement.key)).toEqual([DENIAL]);
  });

  test('Actor.positions agrees with Claim.positions(by:), and pages with cursors', async () => {
    const { actor } = dataOf(
      await stack.query(
        `query($c: String!) { actor(key: "country:es") {
        positions(claim: $c) { totalCount edges { node { stance statement { key } } } }
        page1: positions(claim: $c, first: 1) { totalCount edges { cursor node { statement { key } } } pageInfo { hasNextPage endCursor } }
      } }`,
        { c: AGREED },
      ),
    );
    expect(timeline(actor.positions)).toEqual([
      [DENIAL, 'DENIES'],
      ['stmt:spanish-officials-territory-not-available-2026-03-05', 'DENIES'],
    ]);
    expect(actor.page1.totalCount).toBe(2);
    expect(actor.page1.pageInfo.hasNextPage).toBe(true);
    const next = dataOf(
      await stack.query(
        `query($c: String!, $a: String) { actor(key: "country:es") {
        positions(claim: $c, first: 1, after: $a) { edges { node { statement { key } } } pageInfo { hasNextPage hasPreviousPage } }
      } }`,
        { c: AGREED, a: actor.page1.pageInfo.endCursor },
      ),
    ).actor.positions;
    expect(next.edges.map((e: any) => e.node.statement.key)).toEqual(['stmt:spanish-officials-territory-not-available-2026-03-05']);
    expect(next.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
  });

  test('positionChanges: nobody on the seed turns; Spain and the US each hold one side', async () => {
    const data = dataOf(
      await stack.query(
        `query($c: String!) {
        claim(key: $c) { positionChanges { totalCount edges { node { from to } } } }
        es: actor(key: "country:es") { positionChanges { totalCount } }
        us: actor(key: "country:us") { positionChanges(claim: $c) { totalCount edges { node { from } } } }
      }`,
        { c: AGREED },
      ),
    );
    expect(data.claim.positionChanges).toEqual({ totalCount: 0, edges: [] });
    expect(data.es.positionChanges.totalCount).toBe(0);
    expect(data.us.positionChanges).toEqual({ totalCount: 0, edges: [] });
  });

  test('contestedClaims: the cooperation claim, affirmed by the US and denied by Spain', async () => {
    const { contestedClaims, march, later } = dataOf(
      await stack.query(`{
        contestedClaims { claim { key text } statementCount affirmCount denyCount lastSaidAt affirmedBy { key name } deniedBy { key name } }
        march: contestedClaims(saidAfter: "2026-03", saidBefore: "2026-04", first: 5) { claim { key } }
        later: contestedClaims(saidAfter: "2026-03-05") { claim { key } }
      }`),
    );
    // the bases claim is only denied: not contested
    expect(contestedClaims).toEqual([
      {
        claim: { key: AGREED, text: 'Spain has agreed to cooperate with the US military operation against Iran' },
        statementCount: 4,
        affirmCount: 2,
        denyCount: 2,
        lastSaidAt: '2026-03-05',
        affirmedBy: [{ key: 'country:us', name: 'United States' }],
        deniedBy: [{ key: 'country:es', name: 'Spain' }],
      },
    ]);
    expect(march).toEqual([{ claim: { key: AGREED } }]);
    // from the 5th on only the government's denial is left: one side, not contested
    expect(later).toEqual([]);
  });

  test('Statement.attribution: why Albares’ denial is by Spain, step by step', async () => {
    const { statement, leavitt, iran } = dataOf(
      await stack.query(
        `query($s: String!) {
        statement(key: $s) {
          spain: attribution(to: "country:es") { on steps { actor { key name } relation role from to } }
          government: attribution(to: "org:es-government") { steps { actor { key } relation } }
          himself: attribution(to: "person:jose-manuel-albares") { steps { actor { key } relation } }
          us: attribution(to: "country:us") { on }
        }
        leavitt: statement(key: "stmt:leavitt-spain-agrees-2026-03-04") { attribution(to: "country:us") { steps { actor { key } relation role from } } }
        iran: statement(key: "stmt:iran-thanks-spain-2026-03-04") { attribution(to: "country:ir") { steps { actor { key } relation } } }
      }`,
        { s: DENIAL },
      ),
    );
    expect(statement.spain).toEqual({
      on: '2026-03-04',
      steps: [
        { actor: { key: 'person:jose-manuel-albares', name: 'José Manuel Albares' }, relation: null, role: null, from: null, to: null },
        {
          actor: { key: 'org:es-ministry-foreign-affairs', name: 'Ministry of Foreign Affairs, European Union and Cooperation' },
          relation: 'MEMBER_OF',
          role: 'Minister of Foreign Affairs',
          from: '2021-07-12',
          to: null,
        },
        { actor: { key: 'org:es-government', name: 'Government of Spain' }, relation: 'PART_OF', role: null, from: null, to: null },
        { actor: { key: 'country:es', name: 'Spain' }, relation: 'PART_OF', role: null, from: null, to: null },
      ],
    });
    // the speaker's own path is preferred to the shorter one through onBehalfOf
    expect(statement.government.steps).toEqual([
      { actor: { key: 'person:jose-manuel-albares' }, relation: null },
      { actor: { key: 'org:es-ministry-foreign-affairs' }, relation: 'MEMBER_OF' },
      { actor: { key: 'org:es-government' }, relation: 'PART_OF' },
    ]);
    expect(statement.himself.steps).toEqual([{ actor: { key: 'person:jose-manuel-albares' }, relation: null }]);
    expect(statement.us).toBeNull();
    expect(leavitt.attribution.steps).toEqual([
      { actor: { key: 'person:karoline-leavitt' }, relation: null, role: null, from: null },
      { actor: { key: 'org:white-house' }, relation: 'MEMBER_OF', role: 'White House Press Secretary', from: '2025-01-20' },
      { actor: { key: 'org:us-government' }, relation: 'PART_OF', role: null, from: null },
      { actor: { key: 'country:us' }, relation: 'PART_OF', role: null, from: null },
    ]);
    expect(iran.attribution.steps).toEqual([
      { actor: { key: 'org:ir-government' }, relation: null },
      { actor: { key: 'country:ir' }, relation: 'PART_OF' },
    ]);
  });

  test('statementCounts: per day, week and month, split by stance and by speaker', async () => {
    const data = dataOf(
      await stack.query(`{
        spain: statementCounts(filter: { by: "country:es" }, interval: DAY, split: STANCE) {
          interval split total buckets { start end count parts { stance actor { key } count } }
        }
        all: statementCounts(split: ACTOR, actors: 2) { total buckets { start count parts { actor { key name } count } } }
        weeks: statementCounts(filter: { saidAfter: "2026-03-01", saidBefore: "2026-04-01" }, interval: WEEK) { total buckets { start end count parts { count } } }
        month: statementCounts(filter: { topic: "base-use" }, interval: MONTH) { total buckets { start end count } }
        claim: statementCounts(filter: { claim: "${AGREED}" }, split: STANCE) { buckets { start count parts { stance count } } }
      }`),
    );
    const stanceParts = (affirms: number, denies: number, none: number) => [
      { stance: 'AFFIRMS', actor: null, count: affirms },
      { stance: 'DENIES', actor: null, count: denies },
      { stance: null, actor: null, count: none },
    ];
    expect(data.spain).toEqual({
      interval: 'DAY',
      split: 'STANCE',
      total: 3,
      buckets: [
        { start: '2026-03-04', end: '2026-03-05', count: 2, parts: stanceParts(0, 2, 0) },
        // the government's statement denies both claims: one statement, one denial
        { start: '2026-03-05', end: '2026-03-06', count: 1, parts: stanceParts(0, 1, 0) },
      ],
    });
    expect(data.all.total).toBe(6);
    expect(data.all.buckets).toEqual([
      {
        start: '2026-03-04',
        count: 5,
        parts: [
          { actor: { key: 'person:jose-manuel-albares', name: 'José Manuel Albares' }, count: 2 },
          { actor: { key: 'org:es-government', name: 'Government of Spain' }, count: 0 },
          { actor: null, count: 3 },
        ],
      },
      {
        start: '2026-03-05',
        count: 1,
        parts: [
          { actor: { key: 'person:jose-manuel-albares', name: 'José Manuel Albares' }, count: 0 },
          { actor: { key: 'org:es-government', name: 'Government of Spain' }, count: 1 },
          { actor: null, count: 0 },
        ],
      },
    ]);
    // 2026-03-01 is a Sunday: its week starts on Monday 23 February; empty weeks are there too
    expect(data.weeks.total).toBe(6);
    expect(data.weeks.buckets.map((b: any) => [b.start, b.end, b.count, b.parts])).toEqual([
      ['2026-02-23', '2026-03-02', 0, []],
      ['2026-03-02', '2026-03-09', 6, []],
      ['2026-03-09', '2026-03-16', 0, []],
      ['2026-03-16', '2026-03-23', 0, []],
      ['2026-03-23', '2026-03-30', 0, []],
      ['2026-03-30', '2026-04-06', 0, []],
    ]);
    // about base use: Albares twice, the government, the White House's statement (via its claim... and own topic)
    expect(data.month).toEqual({ total: 4, buckets: [{ start: '2026-03-01', end: '2026-04-01', count: 4 }] });
    expect(data.claim.buckets).toEqual([
      {
        start: '2026-03-04',
        count: 3,
        parts: [
          { stance: 'AFFIRMS', count: 2 },
          { stance: 'DENIES', count: 1 },
          { stance: null, count: 0 },
        ],
      },
      {
        start: '2026-03-05',
        count: 1,
        parts: [
          { stance: 'AFFIRMS', count: 0 },
          { stance: 'DENIES', count: 1 },
          { stance: null, count: 0 },
        ],
      },
    ]);
  });
});

describe('attribution through onBehalfOf, and after a late membership', () => {
  // runs last: it adds a spokeswoman (invented for the test) and one statement of hers to the seed
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'positions-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function ingest(name: string, pkg: unknown): Promise<void> {
    const file = path.join(dir, name);
    await writeFile(file, JSON.stringify(pkg));
    const res = await stack.ingest([file]);
    if (res.code !== 0) throw new Error(`ingest failed:\n${res.stdout}\n${res.stderr}`);
  }

  const ATTRIBUTION = `{ statement(key: "stmt:ibarra-no-new-authorisation-2026-03-06") {
    attribution(to: "country:es") { on steps { actor { key } relation role from } } } }`;

  test('a speaker with no role that day is attributed through the actor she spoke for; a membership added later takes over', async () => {
    await ingest('spokeswoman.json', {
      format: 'newsgraph.package/v1',
      actors: [{ key: 'person:marta-ibarra', kind: 'PERSON', name: 'Marta Ibarra' }],
      statements: [
        {
          key: 'stmt:ibarra-no-new-authorisation-2026-03-06',
          speaker: 'person:marta-ibarra',
          onBehalfOf: 'org:es-government',
          text: 'The government has not authorised any new use of the bases at Rota or Morón',
          saidAt: '2026-03-06',
          topics: ['base-use'],
          attestations: [{ source: 'src:novinite-2026-03-05-spain-denies' }],
        },
      ],
    });
    expect(dataOf(await stack.query(ATTRIBUTION)).statement.attribution).toEqual({
      on: '2026-03-06',
      steps: [
        { actor: { key: 'person:marta-ibarra' }, relation: null, role: null, from: null },
        { actor: { key: 'org:es-government' }, relation: 'SPOKE_ON_BEHALF_OF', role: null, from: null },
        { actor: { key: 'country:es' }, relation: 'PART_OF', role: null, from: null },
      ],
    });
    // her appointment arrives afterwards (CONTRACT.md: order-free): her own path now explains it
    await ingest('appointment.json', {
      format: 'newsgraph.package/v1',
      actors: [
        {
          key: 'person:marta-ibarra',
          kind: 'PERSON',
          name: 'Marta Ibarra',
          memberships: [{ organization: 'org:es-ministry-foreign-affairs', role: 'Spokeswoman', from: '2026-03' }],
        },
      ],
    });
    expect(dataOf(await stack.query(ATTRIBUTION)).statement.attribution.steps).toEqual([
      { actor: { key: 'person:marta-ibarra' }, relation: null, role: null, from: null },
      { actor: { key: 'org:es-ministry-foreign-affairs' }, relation: 'MEMBER_OF', role: 'Spokeswoman', from: '2026-03' },
      { actor: { key: 'org:es-government' }, relation: 'PART_OF', role: null, from: null },
      { actor: { key: 'country:es' }, relation: 'PART_OF', role: null, from: null },
    ]);
  });
});
