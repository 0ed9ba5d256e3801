import { contains, clip, DayInterval, mergeIntervals, sameIntervals } from './intervals';
import { RollupEdge, RollupGraph } from './rollup.rules';

/**
 * One step of a roll-up path: how `child` rolls up into `parent` on the day asked. A membership
 * carries its role and its dates as given; `partOf` carries neither.
 */
export interface PathStep {
  child: string;
  parent: string;
  relation: 'PART_OF' | 'MEMBER_OF';
  role: string | null;
  from: string | null;
  to: string | null;
}

/**
 * Why `actor` rolls up to `target` on `day`: the shortest chain of edges in force that day, each
 * step child -> parent. `[]` when the actor is the target; null when it does not roll up to it
 * (or is unknown). Breadth-first over the parents in the graph's fixed order, so of several
 * equally short paths the same one is always chosen (the first by parent key, then start day).
 */
export function pathOn(graph: RollupGraph, actor: string, target: string, day: string): PathStep[] | null {
  if (!graph.actors.has(actor) || !graph.actors.has(target)) return null;
  if (actor === target) return [];
  const via = new Map<string, RollupEdge>();
  const order = [actor];
  const seen = new Set(order);
  for (let k = 0; k < order.length; k++) {
    for (const e of graph.parentsOf(order[k])) {
      if (seen.has(e.parent) || !contains(e, day)) continue;
      seen.add(e.parent);
      via.set(e.parent, e);
      if (e.parent === target) return unwind(via, actor, target);
      order.push(e.parent);
    }
  }
  return null;
}

function unwind(via: Map<string, RollupEdge>, actor: string, target: string): PathStep[] {
  const steps: PathStep[] = [];
  for (let at = target; at !== actor;) {
    const e = via.get(at)!;
    steps.push({
      child: e.child,
      parent: e.parent,
      relation: e.membership ? 'MEMBER_OF' : 'PART_OF',
      role: e.membership?.role ?? null,
      from: e.membership?.fromText ?? null,
      to: e.membership?.toText ?? null,
    });
    at = e.child;
  }
  return steps.reverse();
}

export interface TopLevelInterval extends DayInterval {
  /** the top-level actor */
  actor: string;
}

/**
 * The top-level actors `start` rolls up to, with the days on which it does. An actor is top-level
 * when it has no `partOf` and is not a person (a country, an international organisation, a party,
 * a company: the roots of the structural tree). The walk upwards stops at each top-level actor
 * it reaches, so a country's own memberships (in an alliance, say) do not make the alliance a
 * top-level actor of the country's ministers. A top-level actor is its own only top-level actor.
 *
 * Days are the least fixed point of days(start) = always, days(P) = union over edges A -> P of
 * (days(A) ∩ the edge's days), not propagated past a top-level actor; like rollupDays, sets only
 * grow within finitely many bounds, so cycles terminate.
 */
export function topLevelDays(graph: RollupGraph, start: string, isTopLevel: (actor: string) => boolean): TopLevelInterval[] {
  if (!graph.actors.has(start)) return [];
  const days = new Map<string, DayInterval[]>([[start, [{ from: null, to: null }]]]);
  const queue = [start];
  const queued = new Set(queue);
  for (let head = 0; head < queue.length; head++) {
    const child = queue[head];
    queued.delete(child);
    if (isTopLevel(child)) continue;
    const childDays = days.get(child)!;
    for (const e of graph.parentsOf(child)) {
      const gained = clip(childDays, e);
      if (!gained.length) continue;
      const before = days.get(e.parent) ?? [];
      const after = mergeIntervals([...before, ...gained]);
      if (sameIntervals(before, after)) continue;
      days.set(e.parent, after);
      if (!queued.has(e.parent)) {
        queued.add(e.parent);
        queue.push(e.parent);
      }
    }
  }
  const out: TopLevelInterval[] = [];
  for (const actor of [...days.keys()].filter(isTopLevel).sort()) {
    for (const i of days.get(actor)!) out.push({ actor, from: i.from, to: i.to });
  }
  return out;
}
