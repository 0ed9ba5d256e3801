import fc from 'fast-check';
import { ancestorsOn, RollupEdge, RollupGraph, rollupIntervals } from './rollup.rules';

/**
 * The roll-up rule against a reference model written straight from CONTRACT.md section 3:
 * A rolls up to X on day d when A is X, or A's partOf rolls up to X on d, or A held on d a
 * membership in an organisation that rolls up to X on d. Read literally that is reachability from
 * A to X over the edges in force on day d, computed here by plain depth-first search, day by day.
 */
const ACTORS = ['a', 'b', 'c', 'd', 'e', 'f'];
const DAYS = Array.from({ length: 8 }, (_, i) => `2020-01-0${i + 1}`);
const BOUNDS = [null, ...DAYS, '2020-01-09'];

function referenceRollsUp(edges: RollupEdge[], actor: string, target: string, day: string): boolean {
  const seen = new Set<string>();
  const visit = (a: string): boolean => {
    if (a === target) return true;
    if (seen.has(a)) return false;
    seen.add(a);
    return edges.some((e) => e.child === a && (e.from === null || e.from <= day) && (e.to === null || day < e.to) && visit(e.parent));
  };
  return visit(actor);
}

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
    // partOf holds always; a membership holds on its days (possibly none, as the service never stores)
    structural ? { child, parent, from: null, to: null } : { child, parent, from, to },
  );

test('rollupIntervals and ancestorsOn agree with the reference model on every day', () => {
  fc.assert(
    fc.property(fc.array(edgeArb, { maxLength: 14 }), (edges) => {
      const graph = new RollupGraph(edges, new Set(ACTORS));
      for (const target of ACTORS) {
        const intervals = rollupIntervals(graph, target);
        for (const actor of ACTORS) {
          for (const day of DAYS) {
            const expected = referenceRollsUp(edges, actor, target, day);
            const byIntervals = intervals.some((i) => i.actor === actor && (i.from === null || i.from <= day) && (i.to === null || day < i.to));
            const byAncestors = ancestorsOn(graph, actor, day).includes(target);
            if (byIntervals !== expected || byAncestors !== expected) {
              throw new Error(`${actor} -> ${target} on ${day}: reference ${expected}, intervals ${byIntervals}, ancestors ${byAncestors}`);
            }
          }
        }
      }
    }),
    { numRuns: 300 },
  );
});

test('merged intervals of one actor never overlap or touch', () => {
  fc.assert(
    fc.property(fc.array(edgeArb, { maxLength: 14 }), fc.constantFrom(...ACTORS), (edges, target) => {
      const intervals = rollupIntervals(new RollupGraph(edges, new Set(ACTORS)), target);
      for (const actor of ACTORS) {
        const mine = intervals.filter((i) => i.actor === actor);
        for (let k = 1; k < mine.length; k += 1) {
          const prev = mine[k - 1];
          expect(prev.to).not.toBeNull();
          expect(mine[k].from! > prev.to!).toBe(true);
        }
      }
    }),
    { numRuns: 300 },
  );
});
