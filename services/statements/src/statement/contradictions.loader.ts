import { Params } from '@newsgraph/kit';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import type { RollupResult } from '../rollup/actors-directory';
import { byRowTest } from './statement.sql';
import { StatementModel } from './statement.types';

/** `Statement.contradictions(first:)`: 20 when not given, at most 100 (like a connection's page). */
export const DEFAULT_CONTRADICTIONS = 20;
export const MAX_CONTRADICTIONS = 100;

export interface ContradictionRow {
  other: string;
  origin: 'EXPLICIT' | 'DERIVED';
  /** claims on which the two take opposite stances */
  claimKeys: string[];
  statement: StatementModel;
}

/** What one statement's contradictions page holds, and how many there are in all. */
export interface ContradictionPage {
  items: ContradictionRow[];
  total: number;
}

/**
 * Contradictions of a page of statements, one SQL query per (by, first): candidate pairs are
 * explicit relations in both directions plus opposite stances on a shared claim; PostgreSQL folds
 * them into one pair per (subject, other) (EXPLICIT when any relation links them, with the claims
 * on which they oppose), keeps those BY the actor (roll-up intervals, per row), numbers them
 * oldest first and returns at most `first` per subject with the count of all. So the answer is
 * bounded by page size x `first` whatever the data: a claim with 300 AFFIRMS and 300 DENIES
 * statements costs the database a join, not the process 90,000 rows.
 */
export function contradictionLoader(
  db: DataSource,
  rollup: DataLoader<string, RollupResult>,
  statementByKey: DataLoader<string, StatementModel | null>,
  by: string | null,
  first: number,
): DataLoader<string, ContradictionPage> {
  return new DataLoader<string, ContradictionPage>(async (keys) => {
    const params = new Params();
    const page = params.add(keys);
    // the resolver has loaded the roll-up already (to refuse an unknown actor): no extra round trip
    const byTest = by === null ? 'true' : byRowTest('s', (await rollup.load(by)).intervals, params);
    const limit = params.add(first);
    const rows = await db.query<{ subject: string; other: string; explicit: boolean; claims: string[]; n: string | number; total: number }[]>(
      `WITH page AS (SELECT unnest(${page}::text[]) AS key),
       candidate AS (
         SELECT p.key AS subject, r.target_key AS other, true AS explicit, NULL::text AS claim
           FROM page p JOIN relation r ON r.statement_key = p.key AND r.type = 'CONTRADICTS'
         UNION ALL
         SELECT p.key, r.statement_key, true, NULL
           FROM page p JOIN relation r ON r.target_key = p.key AND r.type = 'CONTRADICTS'
         UNION ALL
         SELECT p.key, b.statement_key, false, a.claim_key
           FROM page p JOIN stance a ON a.statement_key = p.key
           JOIN stance b ON b.claim_key = a.claim_key AND b.stance <> a.stance
       ),
       pair AS (
         SELECT subject, other, bool_or(explicit) AS explicit,
                coalesce(array_agg(DISTINCT claim ORDER BY claim) FILTER (WHERE claim IS NOT NULL), '{}') AS claims
           FROM candidate WHERE other <> subject GROUP BY subject, other
       ),
       ranked AS (
         SELECT pair.*, row_number() OVER w AS n, count(*) OVER (PARTITION BY pair.subject) AS total
           FROM pair JOIN statement s ON s.key = pair.other
          WHERE ${byTest}
         WINDOW w AS (PARTITION BY pair.subject ORDER BY s.said_at, s.key)
       )
       SELECT subject, other, explicit, claims, n, total::int AS total FROM ranked
        WHERE n <= ${limit} OR n = 1
        ORDER BY subject, n`,
      params.values,
    );
    const others = [...new Set(rows.filter((r) => Number(r.n) <= first).map((r) => r.other))];
    const statements = new Map<string, StatementModel>();
    for (const s of await statementByKey.loadMany(others)) if (s && !(s instanceof Error)) statements.set(s.key, s);
    const pages = new Map<string, ContradictionPage>();
    for (const r of rows) {
      let entry = pages.get(r.subject);
      if (!entry) pages.set(r.subject, (entry = { items: [], total: r.total }));
      const statement = statements.get(r.other);
      if (Number(r.n) > first || !statement) continue;
      entry.items.push({ other: r.other, origin: r.explicit ? 'EXPLICIT' : 'DERIVED', claimKeys: r.claims, statement });
    }
    return keys.map((k) => pages.get(k) ?? { items: [], total: 0 });
  });
}
