import 'reflect-metadata';
import { GraphQLError } from 'graphql';
import { globalId, parseGlobalId } from './node';
import { keysetOrder, keysetPredicate, pageRequest, toPage } from './pagination';

describe('Relay paging arguments', () => {
  test('first or last, each 0..100; forward with 20 by default', () => {
    expect(pageRequest({})).toEqual({ size: 20, backward: false, after: null, before: null });
    expect(pageRequest({ last: 3, before: 'c' })).toEqual({ size: 3, backward: true, after: null, before: 'c' });
    expect(pageRequest({ first: 2, after: 'a', before: 'b' })).toEqual({ size: 2, backward: false, after: 'a', before: 'b' });
    expect(() => pageRequest({ first: 1, last: 1 })).toThrow(/"last": give `first` or `last`, not both/);
    expect(() => pageRequest({ last: 101 })).toThrow(/"last": must be an integer from 0 to 100/);
    expect(() => pageRequest({ last: -1 })).toThrow(GraphQLError);
  });
});

describe('pages in both directions', () => {
  const cursor = (n: number) => `c${n}`;
  test('a backward page was read in reverse and comes back in list order', () => {
    // the list is 1..5; `last: 2` reads 5, 4, 3 (one extra to tell that more precede)
    const page = toPage([5, 4, 3], { size: 2, backward: true, after: null, before: null }, 5, cursor, (n) => n);
    expect(page.edges.map((e) => e.node)).toEqual([4, 5]);
    expect(page.pageInfo).toEqual({ hasPreviousPage: true, hasNextPage: false, startCursor: 'c4', endCursor: 'c5' });
  });
  test('the first items of the list, paged backward: nothing precedes them; the cursor item follows', () => {
    const page = toPage([2, 1], { size: 2, backward: true, after: null, before: 'c3' }, 5, cursor, (n) => n);
    expect(page.edges.map((e) => e.node)).toEqual([1, 2]);
    expect(page.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
  });
  test('a range bounded by both cursors has items beyond it on both sides', () => {
    const page = toPage([2, 3], { size: 5, backward: false, after: 'c1', before: 'c4' }, 5, cursor, (n) => n);
    expect(page.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
  });
  test('forward pages keep their meaning', () => {
    const page = toPage([1, 2, 3], { size: 2, backward: false, after: null, before: null }, 5, cursor, (n) => n);
    expect(page.pageInfo).toEqual({ hasPreviousPage: false, hasNextPage: true, startCursor: 'c1', endCursor: 'c2' });
  });
  test('an empty page has no cursors', () => {
    const page = toPage([], { size: 0, backward: true, after: null, before: null }, 0, cursor, (n: number) => n);
    expect(page.pageInfo).toEqual({ hasPreviousPage: false, hasNextPage: false, startCursor: null, endCursor: null });
  });
});

describe('keyset predicates', () => {
  const params: unknown[] = [];
  const add = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  beforeEach(() => params.splice(0));

  test('one direction: a row comparison, flipped for before', () => {
    const cols = [
      { sql: 's.said_at', desc: true, cast: 'timestamptz' },
      { sql: 's.key', desc: true },
    ];
    expect(keysetPredicate(cols, ['2026-03-04', 'k'], 'after', add)).toBe('(s.said_at, s.key) < ($1::timestamptz, $2)');
    expect(keysetPredicate(cols, ['2026-03-04', 'k'], 'before', add)).toBe('(s.said_at, s.key) > ($3::timestamptz, $4)');
    expect(params).toEqual(['2026-03-04', 'k', '2026-03-04', 'k']);
    expect(keysetOrder(cols, false)).toBe('s.said_at DESC, s.key DESC');
    expect(keysetOrder(cols, true)).toBe('s.said_at ASC, s.key ASC');
  });
  test('mixed directions expand column by column', () => {
    const cols = [{ sql: 'n', desc: true }, { sql: 'k' }];
    expect(keysetPredicate(cols, [3, 'x'], 'after', add)).toBe('((n < $1) OR (n = $1 AND k > $2))');
    expect(keysetOrder(cols, true)).toBe('n ASC, k DESC');
  });
});

describe('global ids', () => {
  test('the type names the id; keys keep their colons', () => {
    expect(globalId('Actor', 'country:es')).toBe('Actor:country:es');
    expect(parseGlobalId('Claim:claim:spain-agreed')).toEqual({ type: 'Claim', key: 'claim:spain-agreed' });
  });
  test('an id that is not <Type>:<key> names the argument', () => {
    for (const bad of ['country:es', 'Actor:', ':x', 'Membership:x', '']) {
      expect(() => parseGlobalId(bad, 'ids[2]')).toThrow(/Invalid argument "ids\[2\]": .* is not a newsgraph id/);
    }
  });
});
