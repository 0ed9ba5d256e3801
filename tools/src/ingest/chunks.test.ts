import { NewsPackage } from '@newsgraph/news-package';
import { componentsInDependencyOrder, dependencyChunks } from './chunks';
import { pathInPackage, planWrites, sendSteps, WriteGroup, WriteStep } from './writes';

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

describe('sendSteps', () => {
  const step = (group: WriteGroup, size: number, after: number[] = []): WriteStep => ({
    group,
    after,
    size,
    field: 'upsertStatements',
    query: '',
    variables: {},
    origin: {},
  });

  /** A send whose answers the test releases one by one; records what started while what was in flight. */
  function controlledSend() {
    const started: number[] = [];
    const pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
    const inFlightAtStart: number[][] = [];
    const send = (s: WriteStep) =>
      new Promise<number>((resolve, reject) => {
        inFlightAtStart.push([...pending.keys()]);
        started.push(s.size);
        pending.set(s.size, { resolve: () => resolve(s.size), reject });
      });
    const settle = async (size: number, error?: Error) => {
      const p = pending.get(size)!;
      pending.delete(size);
      if (error) p.reject(error);
      else p.resolve();
      // let the scheduler run what the answer allows
      for (let i = 0; i < 10; i++) await Promise.resolve();
    };
    const tick = async () => {
      for (let i = 0; i < 10; i++) await Promise.resolve();
    };
    return { send, started, settle, tick, inFlightAtStart, pending };
  }

  test('at most width in flight; a step starts once what it names is written, while unrelated ones are still in flight', async () => {
    // 1, 2: sources; 3 names source step 1, 4 names source step 2, 5 names statement step 3
    const steps = [
      step('sources', 1),
      step('sources', 2),
      step('claims+statements', 3, [0]),
      step('claims+statements', 4, [1]),
      step('claims+statements', 5, [2]),
    ];
    const c = controlledSend();
    const run = sendSteps(steps, 2, c.send);
    await c.tick();
    expect(c.started).toEqual([1, 2]);
    await c.settle(1);
    // the first statements chunk goes while the second sources chunk is still being written
    expect(c.started).toEqual([1, 2, 3]);
    expect(c.inFlightAtStart[2]).toEqual([2]);
    await c.settle(3);
    // 4 waits for sources step 2, though a slot is free
    expect(c.started).toEqual([1, 2, 3]);
    await c.settle(2);
    // 5 names 3, written already: it takes the free slot beside 4
    expect(c.started).toEqual([1, 2, 3, 4, 5]);
    expect(c.inFlightAtStart[4]).toEqual([4]);
    await c.settle(5);
    await c.settle(4);
    const outcomes = await run;
    expect(outcomes.map((o) => o?.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect(outcomes.map((o) => (o?.status === 'fulfilled' ? o.value : null))).toEqual([1, 2, 3, 4, 5]);
  });

  test('width 1 sends one at a time, in order', async () => {
    const steps = [step('actors', 1), step('sources', 2), step('claims+statements', 3)];
    const c = controlledSend();
    const run = sendSteps(steps, 1, c.send);
    for (const size of [1, 2, 3]) {
      await c.tick();
      expect(c.started[c.started.length - 1]).toBe(size);
      expect(c.pending.size).toBe(1);
      await c.settle(size);
    }
    expect((await run).every((o) => o?.status === 'fulfilled')).toBe(true);
  });

  test('after a failure nothing more starts; what was in flight finishes', async () => {
    const steps = [step('sources', 1), step('sources', 2), step('claims+statements', 3, [0]), step('claims+statements', 4)];
    const c = controlledSend();
    const run = sendSteps(steps, 2, c.send);
    await c.tick();
    await c.settle(1, new Error('refused'));
    expect(c.started).toEqual([1, 2]);
    await c.settle(2);
    const outcomes = await run;
    expect(c.started).toEqual([1, 2]);
    expect(outcomes.map((o) => o?.status)).toEqual(['rejected', 'fulfilled', undefined, undefined]);
  });
});

test('planWrites: a step waits for the steps that write what it names, across groups', () => {
  const pkg: NewsPackage = {
    format: 'newsgraph.package/v1',
    actors: [{ key: 'person:a', name: 'A' }],
    sources: Array.from({ length: 600 }, (_, i) => ({ key: `src:${i}`, kind: 'ARTICLE' as const, url: `https://x.example/${i}`, title: `T${i}` })),
    statements: Array.from({ length: 1000 }, (_, i) => ({
      key: `stmt:${i}`,
      // the first 500 cite the first sources chunk, the rest the second
      speaker: i === 999 ? 'person:a' : 'person:stored',
      text: `t${i}`,
      saidAt: '2026-03-04',
      attestations: [{ source: `src:${i < 500 ? 0 : 599}` }],
      relations: i === 600 ? [{ type: 'RESPONDS_TO' as const, statement: 'stmt:0' }] : undefined,
    })),
  };
  const steps = planWrites(pkg);
  expect(steps.map((s) => [s.field, s.size, s.after])).toEqual([
    ['upsertActors', 1, []],
    ['upsertSources', 500, []],
    ['upsertSources', 100, []],
    ['upsertStatements', 500, [1]],
    ['upsertStatements', 500, [0, 2, 3]],
  ]);
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
