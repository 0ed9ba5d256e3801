import { effectiveTopics } from './rules';

describe('topics: a statement is about its own topics and those of the claims it takes a stance on', () => {
  test('unites, deduplicates and sorts', () => {
    expect(effectiveTopics(['base-use'], [['military-cooperation', 'base-use'], ['iran']])).toEqual(['base-use', 'iran', 'military-cooperation']);
  });
  test('no claims: own topics only', () => {
    expect(effectiveTopics(['diplomacy'], [])).toEqual(['diplomacy']);
  });
  test('no own topics: the claims’ topics', () => {
    expect(effectiveTopics([], [['base-use']])).toEqual(['base-use']);
  });
});
