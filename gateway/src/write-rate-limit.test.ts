import { Buckets } from './write-rate-limit';

describe('write buckets', () => {
  test('a full table forgets the client seen least recently, not the first one inserted', () => {
    const buckets = new Buckets({ limit: 2, windowMs: 1_000_000, maxClients: 3 });
    const at = 0;
    for (const k of ['a', 'b', 'c']) buckets.take(k, 2, at);
    // "a" is seen again (and refused: empty), so "b" is now the least recent
    expect(buckets.take('a', 1, at)).toBeGreaterThan(0);
    buckets.take('d', 1, at);
    // "a" kept its empty bucket; "b" was forgotten and so starts full again
    expect(buckets.take('a', 1, at)).toBeGreaterThan(0);
    expect(buckets.take('b', 2, at)).toBeUndefined();
  });

  test('refills at limit per window', () => {
    const buckets = new Buckets({ limit: 10, windowMs: 10_000, maxClients: 10 });
    expect(buckets.take('a', 10, 0)).toBeUndefined();
    expect(buckets.take('a', 1, 0)).toBe(1);
    expect(buckets.take('a', 5, 5_000)).toBeUndefined();
  });
});
