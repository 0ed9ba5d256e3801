import { RollupEdge, RollupGraph, ancestorsOn, rollupIntervals, RollupInterval } from './rollup.rules';

/** Anything that runs SQL: a DataSource, an EntityManager or a QueryRunner. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<any>;
}

export interface RollupResult {
  exists: boolean;
  intervals: RollupInterval[];
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
        SELECT a.key AS child, a.part_of AS parent, NULL::date AS from_day, NULL::date AS to_day FROM actor a WHERE a.part_of = r.key
        UNION ALL
        SELECT m.actor_key, m.organization_key, m.from_day, m.to_day_exclusive FROM membership m WHERE m.organization_key = r.key
      ) e`
    : `LATERAL (
        SELECT a.key AS child, a.part_of AS parent, NULL::date AS from_day, NULL::date AS to_day FROM actor a WHERE a.key = r.key AND a.part_of IS NOT NULL
        UNION ALL
        SELECT m.actor_key, m.organization_key, m.from_day, m.to_day_exclusive FROM membership m WHERE m.actor_key = r.key
      ) e`;
}

/**
 * The closure of the start actors in one direction, plus the edges inside it. `UNION` (not
 * `UNION ALL`) in the recursion drops actors already reached, which both stops cycles and keeps
 * the walk linear in the size of the closure; chains of any depth are followed.
 * Rows with a null parent list the actors of the closure (so that actors without edges exist).
 */
function closureSql(direction: 'down' | 'up'): string {
  const far = direction === 'down' ? 'child' : 'parent';
  return `WITH RECURSIVE reach(key) AS (
      SELECT key FROM actor WHERE key = ANY($1::text[])
      UNION
      SELECT e.${far} FROM reach r CROSS JOIN ${edgesAt(direction)}
    )
    SELECT r.key AS child, NULL::text AS parent, NULL::text AS from_day, NULL::text AS to_day FROM reach r
    UNION ALL
    SELECT e.child, e.parent, e.from_day::text, e.to_day::text FROM reach r CROSS JOIN ${edgesAt(direction)}`;
}

async function loadGraph(db: Queryable, start: readonly string[], direction: 'down' | 'up'): Promise<RollupGraph> {
  const rows: Array<{ child: string; parent: string | null; from_day: string | null; to_day: string | null }> =
    start.length ? await db.query(closureSql(direction), [[...new Set(start)]]) : [];
  const actors = new Set<string>();
  const edges: RollupEdge[] = [];
  for (const r of rows) {
    if (r.parent === null) actors.add(r.child);
    else edges.push({ child: r.child, parent: r.parent, from: r.from_day, to: r.to_day });
  }
  return new RollupGraph(edges, actors);
}

/**
 * The roll-up of CONTRACT.md §3, answered from the database. One SQL query per call fetches the
 * relevant part of the graph; the rule itself lives in rollup.rules.ts, shared by both directions.
 */
export class RollupService {
  constructor(private readonly db: Queryable) {}

  /** For each target: does it exist, and which actors roll up to it on which days. */
  async rollup(targets: readonly string[]): Promise<Map<string, RollupResult>> {
    const graph = await loadGraph(this.db, targets, 'down');
    const out = new Map<string, RollupResult>();
    for (const t of targets) {
      out.set(t, graph.actors.has(t) ? { exists: true, intervals: rollupIntervals(graph, t) } : { exists: false, intervals: [] });
    }
    return out;
  }

  /** For each item: the actors it rolls up to on that day, itself first; [] for an unknown actor. */
  async ancestors(items: readonly AncestorsItem[]): Promise<string[][]> {
    const graph = await loadGraph(this.db, items.map((i) => i.actor), 'up');
    return items.map((i) => ancestorsOn(graph, i.actor, i.on));
  }
}
