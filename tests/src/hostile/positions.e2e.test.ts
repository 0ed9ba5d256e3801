import { loadSeed, startTestStack, TestStack } from '../harness';

/**
 * Hostile and mistaken arguments to the positions fields (issue 15), through the gateway on the
 * seed: each gets a clear error with a code, the argument it is about, and the path of the field,
 * and the rest of the answer survives.
 */
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

/** [query, code, path, message] */
const CASES: [string, string, (string | number)[], RegExp][] = [
  // unknown keys: NOT_FOUND, as everywhere else
  [`{ claim(key: "${AGREED}") { positions(by: "country:atlantis") { totalCount } } }`, 'NOT_FOUND', ['claim', 'positions'], /actor.*country:atlantis/],
  [
    `{ actor(key: "country:es") { positions(claim: "claim:nothing-like-it") { totalCount } } }`,
    'NOT_FOUND',
    ['actor', 'positions'],
    /claim.*claim:nothing-like-it/,
  ],
  [`{ actor(key: "country:es") { positionChanges(claim: "claim:nothing-like-it") { totalCount } } }`, 'NOT_FOUND', ['actor', 'positionChanges'], /claim/],
  [`{ statement(key: "${DENIAL}") { attribution(to: "country:atlantis") { on } } }`, 'NOT_FOUND', ['statement', 'attribution'], /actor.*country:atlantis/],
  [`{ statement(key: "${DENIAL}") { attribution(to: "") { on } } }`, 'NOT_FOUND', ['statement', 'attribution'], /actor/],
  [`{ contestedClaims(topic: "no-such-topic") { statementCount } }`, 'NOT_FOUND', ['contestedClaims'], /topic.*no-such-topic/],
  [`{ statementCounts(filter: { by: "country:atlantis" }) { total } }`, 'NOT_FOUND', ['statementCounts'], /actor.*country:atlantis/],
  [`{ statementCounts(filter: { claim: "claim:nothing-like-it" }, split: STANCE) { total } }`, 'NOT_FOUND', ['statementCounts'], /claim/],
  // bounds
  [`{ claim(key: "${AGREED}") { positions(first: 101) { totalCount } } }`, 'BAD_USER_INPUT', ['claim', 'positions'], /"first".*0 to 100/],
  [`{ claim(key: "${AGREED}") { positionChanges(first: -1) { totalCount } } }`, 'BAD_USER_INPUT', ['claim', 'positionChanges'], /"first"/],
  [`{ contestedClaims(first: 1000) { statementCount } }`, 'BAD_USER_INPUT', ['contestedClaims'], /"first"/],
  [`{ statementCounts(split: ACTOR, actors: 51) { total } }`, 'BAD_USER_INPUT', ['statementCounts'], /"actors".*1 to 50/],
  [`{ statementCounts(split: STANCE, actors: 5) { total } }`, 'BAD_USER_INPUT', ['statementCounts'], /"actors".*split: ACTOR/],
  // cursors: made up, or from another list
  [`{ claim(key: "${AGREED}") { positions(after: "not-a-cursor") { totalCount } } }`, 'BAD_USER_INPUT', ['claim', 'positions'], /"after".*not a cursor/],
  [
    `{ claim(key: "${AGREED}") { positionChanges(after: "WyIyMDI2LTAzLTA0VDAwOjAwOjAwLjAwMFoiLCJzdG10OmEiXQ") { totalCount } } }`,
    'BAD_USER_INPUT',
    ['claim', 'positionChanges'],
    /"after"/,
  ],
  // dates and ranges
  [`{ contestedClaims(saidAfter: "yesterday") { statementCount } }`, 'BAD_USER_INPUT', ['contestedClaims'], /"saidAfter".*yesterday/],
  [`{ contestedClaims(saidBefore: "2026-02-30") { statementCount } }`, 'BAD_USER_INPUT', ['contestedClaims'], /"saidBefore"/],
  [`{ statementCounts(filter: { saidAfter: "2026-13" }) { total } }`, 'BAD_USER_INPUT', ['statementCounts'], /"filter.saidAfter"/],
  [
    `{ statementCounts(filter: { saidAfter: "1990", saidBefore: "2026" }, interval: DAY) { total } }`,
    'BAD_USER_INPUT',
    ['statementCounts'],
    /"interval".*1000 buckets/,
  ],
];

describe('mistaken arguments to the positions fields', () => {
  test.each(CASES)('%s -> %s', async (query, code, path, message) => {
    const res = await stack.query(query);
    expect(res.errors).toHaveLength(1);
    const [error] = res.errors!;
    expect(error.extensions?.code).toBe(code);
    expect(error.path).toEqual(path);
    expect(error.message).toMatch(message);
  });

  test('an interval that is not one of DAY, WEEK, MONTH is refused before anything runs, naming the value', async () => {
    const literal = await stack.query(`{ statementCounts(interval: HOUR) { total } }`);
    expect(literal.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(literal.errors?.[0]?.message).toMatch(/HOUR/);
    const variable = await stack.query(`query($i: CountInterval!) { statementCounts(interval: $i) { total } }`, { i: 'FORTNIGHT' });
    expect(variable.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(variable.errors?.[0]?.message).toMatch(/\$i.*FORTNIGHT/);
  });

  test('one bad field does not sink its neighbours', async () => {
    const res = await stack.query(`{
      ok: claim(key: "${AGREED}") { positions { totalCount } }
      bad: statement(key: "${DENIAL}") { key attribution(to: "country:atlantis") { on } }
    }`);
    expect(res.data?.ok).toEqual({ positions: { totalCount: 4 } });
    expect(res.data?.bad).toEqual({ key: DENIAL, attribution: null });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
  });

  test('an empty or reversed period is an empty answer, not an error', async () => {
    const res = await stack.query(`{
      contestedClaims(saidAfter: "2026-03-06", saidBefore: "2026-03-01") { statementCount }
      statementCounts(filter: { saidAfter: "2026-03-06", saidBefore: "2026-03-01" }) { total buckets { start } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ contestedClaims: [], statementCounts: { total: 0, buckets: [] } });
  });

  test('a chart of the whole open archive split among 50 speakers is over the cost limit; bounded to a year it runs', async () => {
    const parts = 'buckets { start count parts { actor { key name } count } }';
    const wide = await stack.query(`{ statementCounts(split: ACTOR, actors: 50) { ${parts} } }`);
    expect(wide.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const year = await stack.query(`{ statementCounts(filter: { saidAfter: "2026", saidBefore: "2027" }, split: ACTOR, actors: 50) { ${parts} } }`);
    expect(year.errors).toBeUndefined();
    expect((year.data as any).statementCounts.buckets).toHaveLength(365);
  });
});
