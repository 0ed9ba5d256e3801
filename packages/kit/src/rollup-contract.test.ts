import { parseRollupResponse, RollupContractError } from './rollup-contract';

describe('parseRollupResponse', () => {
  test('reads the answer per target asked; a target left out is unknown', () => {
    const body = {
      results: {
        'country:es': { exists: true, intervals: [{ actor: 'person:a', from: '2021-07-12', to: null }] },
        'org:x': { exists: false, intervals: [] },
      },
    };
    const answer = parseRollupResponse(body, ['country:es', 'org:x', 'org:missing']);
    expect([...answer]).toEqual([
      ['country:es', { exists: true, intervals: [{ actor: 'person:a', from: '2021-07-12', to: null }] }],
      ['org:x', { exists: false, intervals: [] }],
      ['org:missing', { exists: false, intervals: [] }],
    ]);
  });

  test.each([
    [null, 'body'],
    [{ results: [] }, 'body'],
    [{ results: { a: 'yes' } }, 'results["a"]'],
    [{ results: { a: { exists: 'true', intervals: [] } } }, 'results["a"].exists'],
    [{ results: { a: { exists: true } } }, 'results["a"].intervals'],
    [{ results: { a: { exists: true, intervals: [{ from: null, to: null }] } } }, 'results["a"].intervals[0].actor'],
    [{ results: { a: { exists: true, intervals: [{ actor: 'p', from: '2021-7-1', to: null }] } } }, 'results["a"].intervals[0].from'],
    [{ results: { a: { exists: true, intervals: [{ actor: 'p', from: null }] } } }, 'results["a"].intervals[0].to'],
  ])('refuses an answer off contract, naming where: %j', (body, where) => {
    let thrown: unknown;
    try {
      parseRollupResponse(body, ['a']);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(RollupContractError);
    expect((thrown as RollupContractError).where).toBe(where);
    expect((thrown as Error).message).toContain('/internal/rollup answer: ');
  });
});
