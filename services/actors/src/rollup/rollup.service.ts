import type { Queryable, RollupResult } from '@newsgraph/kit';
import { PathStep, pathOn, TopLevelInterval, topLevelDays } from './paths.rules';
import { RollupEdge, RollupGraph, ancestorsOn, rollupIntervals } from './rollup.rules';

/** The corridor's wire type (the kit's rollup-contract.ts): what `rollup` answers, per target. */
export type { RollupResult };

export interface PathItem {
  actor: string;
  to: string;
  /** a day, `YYYY-MM-DD` */
  on: string;
}

export interface PathResult {
  targetExists: boolean;
  /** null: `actor` does not roll up to `to` on that day */
  steps: PathStep[] | null;
}

export interface AncestorsItem {
  actor: string;
  /** a day, `YYYY-MM-DD` */
  on: string;
}

/**
 * The edges touching actor `r.key` on one side, as rows (child, parent, from_day, to_day):
 * `partOf` (unbounded) and memberships (the days held). Written as a LATERAL subquery so that
 * each branch is an index lookup (actor.part_of / actor.key, membership.organization_key /
 * membership.actor_key) per reached actor, never a scan of the whole graph.
 */
function edgesAt(direction: 'down' | 'up'): string {
  return direction === 'down'
    ? `LATERAL (
        SELECT a.key AS child, a.part_of AS parent, NULL::date AS from_day, NULL::date AS to_day, false AS is_membership,
               NULL::text AS role, NULL::text AS from_text, NULL::text AS to_text FROM actor a WHERE a.part_of = r.key
        UNION ALL
        SELECT m.actor_key, m.organization_key, m.from_day, m.to_day_exclusive, true, m.role, m.from_text, m.to_text
          FROM membership m WHERE m.organization_key = r.key
      ) e`
    : `LATERAL (
        SELECT a.key AS child, a.part_of AS parent, NULL::date AS from_day, NULL::date AS to_day, false AS is_membership,
               NULL::text AS role, NULL::text AS from_text, NULL::text AS to_text FROM actor a WHERE a.key = r.key AND a.part_of IS NOT NULL
        UNION ALL
        SELECT m.actor_key, m.organization_key, m.from_day, m.to_day_exclusive, true, m.role, m.from_text, m.to_text
          FROM membership m WHERE m.actor_key = r.key
      ) e`;
}

/**
 * The closure of the start actors in one direction, plus the edges inside it. `UNION` (not
 * `UNION ALL`) in the recursion drops actors already reached, which both stops cycles and keeps
 * the walk linear in the size of the closure; chains of any depth are followed.
 * Rows with a null parent list the actors of the closure (so that actors without edges exist), with
 * whether each is top-level (no `partOf`, not a person: see paths.rules.ts).
 */
function closureSql(direction: 'down' | 'up'): string {
  const far = direction === 'down' ? 'child' : 'parent';
  // the start as a join, not `key = ANY($1)`: with a thousand keys that became a sequential scan
  // comparing every actor with every key (1.3 s for 1,249 keys over 3,682 actors)
  return `WITH RECURSIVE reach(key) AS (
      SELECT a.key FROM unnest($1::text[]) AS s(key) JOIN actor a ON a.key = s.key
      UNION
      SELECT e.${far} FROM reach r CROSS JOIN ${edgesAt(direction)}
    )
    SELECT r.key AS child, NULL::text AS parent, NULL::text AS from_day, NULL::text AS to_day, false AS is_membership,
           NULL::text AS role, NULL::text AS from_text, NULL::text AS to_text,
           (a.part_of IS NULL AND a.kind <> 'PERSON') AS top_level
      FROM reach r JOIN actor a ON a.key = r.key
    UNION ALL
    SELECT e.child, e.parent, e.from_day::text, e.to_day::text, e.is_membership, e.role, e.from_text, e.to_text, false
      FROM reach r CROSS JOIN ${edgesAt(direction)}`;
}

interface ClosureRow {
  child: string;
  parent: string | null;
  from_day: string | null;
  to_day: string | null;
  is_membership: boolean;
  role: string | null;
  from_text: string | null;
  to_text: string | null;
  top_level: boolean;
}

async function loadGraph(db: Queryable, start: readonly string[], direction: 'down' | 'up'): Promise<{ graph: RollupGraph; topLevel: Set<string> }> {
  const rows: ClosureRow[] = start.length ? await db.query<ClosureRow>(closureSql(direction), [[...new Set(start)]]) : [];
  const actors = new Set<string>();
  const topLevel = new Set<string>();
  const edges: RollupEdge[] = [];
  for (const r of rows) {
    if (r.parent === null) {
      actors.add(r.child);
      if (r.top_level) topLevel.add(r.child);
    } else {
      edges.push({
        child: r.child,
        parent: r.parent,
        from: r.from_day,
        to: r.to_day,
        ...(r.is_membership ? { membership: { role: r.role, fromText: r.from_text, toText: r.to_text } } : {}),
      });
    }
  }
  return { graph: new RollupGraph(edges, actors), topLevel };
}

/**
 * The roll-up of CONTRACT.md §3, answered from the database. One SQL query per call fetches the
 * relevant part of the graph; the rule itself lives in rollup.rules.ts, shared by both directions.
 */
export class RollupService {
  constructor(private readonly db: Queryable) {}

  /** For each target: does it exist, and which actors roll up to it on which days. */
  async rollup(targets: readonly string[]): Promise<Map<string, RollupResult>> {
    const { graph } = await loadGraph(this.db, targets, 'down');
    const out = new Map<string, RollupResult>();
    for (const t of targets) {
      out.set(t, graph.actors.has(t) ? { exists: true, intervals: rollupIntervals(graph, t) } : { exists: false, intervals: [] });
    }
    return out;
  }

  /** For each item: the actors it rolls up to on that day, itself first; [] for an unknown actor. */
  async ancestors(items: readonly AncestorsItem[]): Promise<string[][]> {
    const { graph } = await loadGraph(
      this.db,
      items.map((i) => i.actor),
      'up',
    );
    return items.map((i) => ancestorsOn(graph, i.actor, i.on));
  }

  /**
   * For each item: the roll-up path from `actor` to `to` on day `on` (paths.rules.ts), and
   * whether `to` exists at all (so an unknown target can be told from "not by it").
   */
  async paths(items: readonly PathItem[]): Promise<PathResult[]> {
    const { graph } = await loadGraph(
      this.db,
      items.map((i) => i.actor),
      'up',
    );
    const unknownTargets = items.filter((i) => !graph.actors.has(i.to)).map((i) => i.to);
    // a target outside every actor's upward closure may still exist: it is just not reached
    const existing = new Set<string>(
      unknownTargets.length
        ? (await this.db.query<{ key: string }>('SELECT key FROM actor WHERE key = ANY($1::text[])', [[...new Set(unknownTargets)]])).map((r) => r.key)
        : [],
    );
    return items.map((i) => ({
      targetExists: graph.actors.has(i.to) || existing.has(i.to),
      steps: pathOn(graph, i.actor, i.to, i.on),
    }));
  }

  /** For each actor: its top-level actors and the days it rolls up to each (paths.rules.ts). */
  async topLevel(actors: readonly string[]): Promise<Map<string, TopLevelInterval[]>> {
    const { graph, topLevel } = await loadGraph(this.db, actors, 'up');
    return new Map(actors.map((a) => [a, topLevelDays(graph, a, (x) => topLevel.has(x))]));
  }
}
