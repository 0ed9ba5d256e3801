import { NewsPackage } from '@newsgraph/news-package';
import { componentsInDependencyOrder, dependencyChunks } from './chunks';
import { pathInPackage, planWrites, waves, WriteGroup, WriteStep } from './writes';

test('components come after what they point to; cycles stay together', () => {
  // 0 -> 2, 2 -> 3, 3 -> 2 (cycle), 1 alone
  expect(componentsInDependencyOrder([[2], [], [3], [2]])).toEqual([[2, 3], [0], [1]]);
});

test('a long chain does not overflow the stack', () => {
  const n = 200_000;
  const edges = Array.from({ length: n }, (_, i) => (i + 1 < n ? [i + 1] : []));
  const order = componentsInDependencyOrder(edges);
  expect(order[0]).toEqual([n - 1]);
  expect(order[n - 1]).toEqual([0]);
});

test('chunks never point forward and hold at most max items', () => {
  const items = [
    { key: 'a', refs: ['c'] },
    { key: 'b', refs: [] },
    { key: 'c', refs: ['x-not-here'] },
    { key: 'd', refs: ['e'] },
    { key: 'e', refs: ['d'] },
  ];
  const chunks = dependencyChunks(
    items,
    (i) => i.key,
    (i) => i.refs,
    2,
  );
  expect(chunks.map((c) => c.items.map((i) => i.key))).toEqual([['c', 'a'], ['b'], ['d', 'e']]);
  expect(chunks.map((c) => c.indices)).toEqual([[2, 0], [1], [3, 4]]);
  // no chunk refers to an earlier one here ('a' points at 'c' in its own chunk)
  expect(chunks.map((c) => c.needsEarlier)).toEqual([false, false, false]);
  const split = dependencyChunks(
    items,
    (i) => i.key,
    (i) => i.refs,
    1,
  );
  expect(split.map((c) => [c.items[0].key, c.needsEarlier])).toEqual([
    ['c', false],
    ['a', true],
    ['b', false],
    ['d', false],
  ]);
});

test('waves: independent chunks of one group together, at most width; a dependent chunk and a new group start a new wave', () => {
  const step = (group: WriteGroup, needsEarlier: boolean, size: number): WriteStep => ({
    group,
    needsEarlier,
    size,
    field: 'upsertStatements',
    query: '',
    variables: {},
    origin: {},
  });
  const steps = [
    step('actors', false, 1),
    step('sources', false, 2),
    step('sources', false, 3),
    step('sources', false, 4),
    step('claims+statements', false, 5),
    step('claims+statements', true, 6),
    step('claims+statements', false, 7),
  ];
  expect(waves(steps, 2).map((w) => w.map((s) => s.size))).toEqual([[1], [2, 3], [4], [5], [6, 7]]);
  expect(waves(steps, 1).map((w) => w.map((s) => s.size))).toEqual([[1], [2], [3], [4], [5], [6], [7]]);
});

test('planWrites: dependency order, empty lists skipped, chunks of 500', () => {
  const pkg: NewsPackage = {
    format: 'newsgraph.package/v1',
    claims: [{ key: 'claim:c', text: 'C' }],
    statements: Array.from({ length: 1200 }, (_, i) => ({
      key: `stmt:${i}`,
      speaker: 'person:x',
      text: `t${i}`,
      saidAt: '2026-03-04',
      attestations: [{ source: 'src:a' }],
      // the first statement answers the last one: the last must be sent first
      relations: i === 0 ? [{ type: 'RESPONDS_TO' as const, statement: 'stmt:1199' }] : undefined,
      stances: i === 1199 ? [{ claim: 'claim:c', stance: 'AFFIRMS' as const }] : undefined,
    })),
  };
  const steps = planWrites(pkg);
  expect(steps.map((s) => [s.field, s.size])).toEqual([
    ['upsertStatements', 500],
    ['upsertStatements', 500],
    ['upsertStatements', 201],
  ]);
  const first = steps[0].variables as { c: Array<{ key: string }>; s: Array<{ key: string }> };
  expect(first.c.map((c) => c.key)).toEqual(['claim:c']);
  expect(first.s.slice(0, 2).map((s) => s.key)).toEqual(['stmt:1199', 'stmt:0']);
  expect(pathInPackage(steps[0], '/statements/0/stances/0/claim')).toBe('/statements/1199/stances/0/claim');
  expect(pathInPackage(steps[1], '/statements/0/text')).toBe('/statements/498/text');
  expect(pathInPackage(steps[0], '/claims/0/key')).toBe('/claims/0/key');
  expect(pathInPackage(steps[0], '/other')).toBe('/other');
});

describe('chunks bounded by bytes', () => {
  const items = Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, size: i === 4 ? 90 : 30 }));
  const bounds = { items: 100, bytes: 100, sizeOf: (x: unknown) => (x as { size: number }).size };

  test('a chunk closes before its bytes would pass the bound, whatever its item count', () => {
    const chunks = dependencyChunks(
      items,
      (x) => x.key,
      () => [],
      bounds,
    );
    expect(chunks.map((c) => c.indices)).toEqual([[0, 1, 2], [3], [4], [5, 6, 7], [8, 9]]);
    for (const c of chunks) expect(c.items.reduce((n, x) => n + x.size, 0)).toBeLessThanOrEqual(100);
  });

  test('references still point only backwards', () => {
    const chunks = dependencyChunks(
      items,
      (x) => x.key,
      (x) => (x.key === 'k1' ? ['k9'] : []),
      bounds,
    );
    const chunkOf = new Map<number, number>();
    chunks.forEach((c, k) => c.indices.forEach((i) => chunkOf.set(i, k)));
    expect(chunkOf.get(9)!).toBeLessThanOrEqual(chunkOf.get(1)!);
  });
});
