import { effectiveTopics, mergeContradictions } from './rules';

describe('topics: a statement is about its own topics and those of the claims it takes a stance on', () => {
  test('unites, deduplicates and sorts', () => {
    expect(effectiveTopics(['base-use'], [['military-cooperation', 'base-use'], ['iran']])).toEqual([
      'base-use',
      'iran',
      'military-cooperation',
    ]);
  });
  test('no claims: own topics only', () => {
    expect(effectiveTopics(['diplomacy'], [])).toEqual(['diplomacy']);
  });
  test('no own topics: the claims’ topics', () => {
    expect(effectiveTopics([], [['base-use']])).toEqual(['base-use']);
  });
});

describe('contradictions: explicit or derived, a pair once', () => {
  test('a relation in either direction is EXPLICIT', () => {
    const merged = mergeContradictions([
      { subject: 'a', other: 'b', origin: 'EXPLICIT' },
      { subject: 'b', other: 'a', origin: 'EXPLICIT' },
    ]);
    expect(merged.get('a')).toEqual([{ other: 'b', origin: 'EXPLICIT', claimKeys: [] }]);
    expect(merged.get('b')).toEqual([{ other: 'a', origin: 'EXPLICIT', claimKeys: [] }]);
  });
  test('opposite stances only: DERIVED, with the claims', () => {
    const merged = mergeContradictions([
      { subject: 'a', other: 'c', origin: 'DERIVED', claim: 'claim:y' },
      { subject: 'a', other: 'c', origin: 'DERIVED', claim: 'claim:x' },
    ]);
    expect(merged.get('a')).toEqual([{ other: 'c', origin: 'DERIVED', claimKeys: ['claim:x', 'claim:y'] }]);
  });
  test('both: reported once, as EXPLICIT, whichever comes first', () => {
    for (const order of [0, 1]) {
      const candidates = [
        { subject: 'a', other: 'b', origin: 'DERIVED' as const, claim: 'claim:x' },
        { subject: 'a', other: 'b', origin: 'EXPLICIT' as const },
      ];
      const merged = mergeContradictions(order ? candidates.reverse() : candidates);
      expect(merged.get('a')).toEqual([{ other: 'b', origin: 'EXPLICIT', claimKeys: ['claim:x'] }]);
    }
  });
  test('a statement never contradicts itself', () => {
    expect(mergeContradictions([{ subject: 'a', other: 'a', origin: 'EXPLICIT' }]).get('a')).toBeUndefined();
  });
  test('keeps the order of first appearance', () => {
    const merged = mergeContradictions([
      { subject: 'a', other: 'z', origin: 'DERIVED', claim: 'c' },
      { subject: 'a', other: 'b', origin: 'EXPLICIT' },
    ]);
    expect(merged.get('a')!.map((m) => m.other)).toEqual(['z', 'b']);
  });
});
