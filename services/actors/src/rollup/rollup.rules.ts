import { ALWAYS, clip, contains, DayInterval, mergeIntervals, sameIntervals } from './intervals';

/**
 * One way an actor rolls up into another: `partOf` (always, from: null, to: null) or a
 * membership (the days it was held). `child` rolls up to `parent` on every day of `[from, to)`.
 */
export interface RollupEdge {
  child: string;
  parent: string;
  from: string | null;
  to: string | null;
  /** set for a membership edge: its role and its dates as given (what a roll-up path shows) */
  membership?: { role: string | null; fromText: string | null; toText: string | null };
}

/** The part of the actor graph a roll-up question needs, indexed both ways. */
export class RollupGraph {
  private readonly down = new Map<string, RollupEdge[]>();
  private readonly up = new Map<string, RollupEdge[]>();

  constructor(
    edges: Iterable<RollupEdge>,
    /** actors known to exist (an actor with no edges still rolls up to itself) */
    readonly actors: ReadonlySet<string>,
  ) {
    for (const e of edges) {
      push(this.down, e.parent, e);
      push(this.up, e.child, e);
    }
    // deterministic traversal order, whatever order the database returned
    for (const list of this.up.values()) list.sort((a, b) => cmp(a.parent, b.parent) || cmp(a.from ?? '', b.from ?? ''));
  }

  childrenOf(parent: string): readonly RollupEdge[] {
    return this.down.get(parent) ?? [];
  }

  parentsOf(child: string): readonly RollupEdge[] {
    return this.up.get(child) ?? [];
  }
}

function push(map: Map<string, RollupEdge[]>, key: string, e: RollupEdge): void {
  const list = map.get(key);
  if (list) list.push(e);
  else map.set(key, [e]);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * CONTRACT.md §3 read upwards: every actor `actor` rolls up to on `day`, itself first, then in
 * breadth-first order (nearest first). Unknown actor: empty list. Cycles of memberships are
 * harmless: each actor is visited once.
 */
export function ancestorsOn(graph: RollupGraph, actor: string, day: string): string[] {
  if (!graph.actors.has(actor)) return [];
  const seen = new Set([actor]);
  const order = [actor];
  for (let k = 0; k < order.length; k++) {
    for (const e of graph.parentsOf(order[k])) {
      if (!seen.has(e.parent) && contains(e, day)) {
        seen.add(e.parent);
        order.push(e.parent);
      }
    }
  }
  return order;
}

/**
 * CONTRACT.md §3 read downwards: for every actor, the days on which it rolls up to `target`.
 *
 * The days of an actor are the least fixed point of
 *   days(target) = always
 *   days(A)      = union over A's edges e to P of (e's days ∩ days(P))
 * computed with a worklist: when an actor's set grows, its children are revisited. Sets only
 * grow and their bounds come from the finite set of edge bounds, so this terminates on any
 * graph, cycles included, and needs no depth limit.
 */
export function rollupDays(graph: RollupGraph, target: string): Map<string, DayInterval[]> {
  const days = new Map<string, DayInterval[]>();
  if (!graph.actors.has(target)) return days;
  days.set(target, [ALWAYS]);
  const queue = [target];
  const queued = new Set(queue);
  // a growing array read with a moving head: shift() would make long worklists quadratic
  for (let head = 0; head < queue.length; head++) {
    const parent = queue[head];
    queued.delete(parent);
    const parentDays = days.get(parent)!;
    for (const e of graph.childrenOf(parent)) {
      const gained = clip(parentDays, e);
      if (!gained.length) continue;
      const before = days.get(e.child) ?? [];
      const after = mergeIntervals([...before, ...gained]);
      if (sameIntervals(before, after)) continue;
      days.set(e.child, after);
      if (!queued.has(e.child)) {
        queued.add(e.child);
        queue.push(e.child);
      }
    }
  }
  return days;
}

/** One entry of a roll-up; the same shape the `/internal/rollup` corridor carries (checked in rollup.service.ts). */
export interface RollupInterval extends DayInterval {
  actor: string;
}

/** `rollupDays` flattened: one entry per merged range, by actor key then start. */
export function rollupIntervals(graph: RollupGraph, target: string): RollupInterval[] {
  const out: RollupInterval[] = [];
  const days = rollupDays(graph, target);
  for (const actor of [...days.keys()].sort(cmp)) {
    for (const i of days.get(actor)!) out.push({ actor, from: i.from, to: i.to });
  }
  return out;
}
