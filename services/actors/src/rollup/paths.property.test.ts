import fc from 'fast-check';
import { pathOn, topLevelDays } from './paths.rules';
import { contains } from './intervals';
import { RollupEdge, RollupGraph } from './rollup.rules';

/**
 * Paths and top-level actors against reference models read from the definitions, day by day:
 * - a path is a chain of edges in force that day from the actor to the target, as short as any
 *   (breadth-first search from scratch gives the shortest length), or null exactly when the
 *   actor does not roll up to the target that day;
 * - the top-level actors of A on day d are the top-level actors reachable from A that day over
 *   edges in force, without passing through another top-level actor (A itself when top-level).
 */
const ACTORS = ['a', 'b', 'c', 'd', 'e', 'f'];
const DAYS = Array.from({ length: 8 }, (_, i) => `2020-01-0${i + 1}`);
const BOUNDS = [null, ...DAYS, '2020-01-09'];

const edgeArb = fc
  .record({
    child: fc.constantFrom(...ACTORS),
    parent: fc.constantFrom(...ACTORS),
    structural: fc.boolean(),
    from: fc.constantFrom(...BOUNDS),
    to: fc.constantFrom(...BOUNDS),
  })
  .filter((e) => e.child !== e.parent)
  .map(({ child, parent, structural, from, to }): RollupEdge =>
    structural
      ? { child, parent, from: null, to: null }
      : { child, parent, from, to, membership: { role: `role ${child}-${parent}`, fromText: from, toText: to } },
  );

/** Distances over the edges in force on `day`, from `actor`, optionally not passing through `stop` actors. */
function distances(edges: RollupEdge[], actor: string, day: string, stop: (a: string) => boolean = () => false): Map<string, number> {
  const dist = new Map([[actor, 0]]);
  const queue = [actor];
  for (let k = 0; k < queue.length; k++) {
    const here = queue[k];
    // a top-level actor ends the walk on its way (the start too, when it is top-level)
    if (stop(here)) continue;
    for (const e of edges) {
      if (e.child === here && contains(e, day) && !dist.has(e.parent)) {
        dist.set(e.parent, dist.get(here)! + 1);
        queue.push(e.parent);
      }
    }
  }
  return dist;
}

test('pathOn finds a shortest chain of edges in force, and only when the actor rolls up', () => {
  fc.assert(
    fc.property(fc.array(edgeArb, { maxLength: 14 }), (edges) => {
      const graph = new RollupGraph(edges, new Set(ACTORS));
      for (const actor of ACTORS) {
        for (const day of DAYS) {
          const dist = distances(edges, actor, day);
          for (const target of ACTORS) {
            const path = pathOn(graph, actor, target, day);
            if (!dist.has(target)) {
              expect(path).toBeNull();
              continue;
            }
            expect(path).not.toBeNull();
            expect(path!.length).toBe(dist.get(target));
            // a chain: starts at the actor, each step leaves where the last one arrived, ends at the target
            let at = actor;
            for (const step of path!) {
              expect(step.child).toBe(at);
              const edge = edges.find(
                (e) => e.child === step.child && e.parent === step.parent && contains(e, day) && (step.relation === 'MEMBER_OF') === !!e.membership,
              );
              expect(edge).toBeDefined();
              if (step.relation === 'MEMBER_OF') expect(step.role).toBe(`role ${step.child}-${step.parent}`);
              at = step.parent;
            }
            expect(at).toBe(target);
          }
        }
      }
    }),
    { numRuns: 50 },
  );
});

test('topLevelDays holds on exactly the days the reference reaches each top-level actor', () => {
  fc.assert(
    fc.property(fc.array(edgeArb, { maxLength: 14 }), fc.subarray(ACTORS), (edges, tops) => {
      const graph = new RollupGraph(edges, new Set(ACTORS));
      const isTop = (a: string) => tops.includes(a);
      for (const actor of ACTORS) {
        const intervals = topLevelDays(graph, actor, isTop);
        for (const day of DAYS) {
          const reached = [...distances(edges, actor, day, isTop).keys()].filter(isTop).sort();
          const byIntervals = [...new Set(intervals.filter((i) => contains(i, day)).map((i) => i.actor))].sort();
          expect(byIntervals).toEqual(reached);
        }
      }
    }),
    { numRuns: 150 },
  );
});

test('a path prefers the first parent by key among equally short ones, every time', () => {
  const edges: RollupEdge[] = [
    { child: 'p', parent: 'org:b', from: null, to: null, membership: { role: 'B', fromText: null, toText: null } },
    { child: 'p', parent: 'org:a', from: null, to: null, membership: { role: 'A', fromText: null, toText: null } },
    { child: 'org:a', parent: 'x', from: null, to: null },
    { child: 'org:b', parent: 'x', from: null, to: null },
  ];
  const graph = new RollupGraph(edges, new Set(['p', 'org:a', 'org:b', 'x']));
  expect(pathOn(graph, 'p', 'x', '2020-01-01')!.map((s) => s.parent)).toEqual(['org:a', 'x']);
  expect(pathOn(graph, 'p', 'p', '2020-01-01')).toEqual([]);
  expect(pathOn(graph, 'p', 'nobody', '2020-01-01')).toBeNull();
});
