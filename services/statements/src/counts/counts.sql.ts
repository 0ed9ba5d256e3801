import { Params } from '@newsgraph/kit';
import { DataSource } from 'typeorm';
import { RollupInterval } from '../rollup/actors-directory';
import { KeyCheck } from '../statement/statement.sql';
import type { BucketInterval } from '@newsgraph/kit';

export interface CountRow {
  bucket: string;
  /** the stance or speaker key of a part; null for "no stance" / "other speakers"; undefined without split */
  part?: string | null;
  n: number;
  /** split STANCE: one row per bucket with the bucket's own count (a statement may count in two parts) */
  total?: boolean;
}

const BUCKET: Record<BucketInterval, string> = {
  DAY: 'm.said_on',
  WEEK: `date_trunc('week', m.said_on)::date`,
  MONTH: `date_trunc('month', m.said_on)::date`,
};

/**
 * The counts of statementCounts as ONE SQL query. The matching statements (`m`) are read the way a
 * list reads them: with "by", one index range per roll-up interval on the (speaker | onBehalfOf,
 * said_at) indexes, which carry the day and the topics (so with a topic they are index-only); else
 * the filter's own indexes (topic, text, the day index for a period). Only the key, the day and the
 * speaker leave them, and the grouping happens in the database: what crosses the wire is one row
 * per bucket and part, whatever the number of statements.
 */
export async function countRows(
  db: DataSource,
  where: string[],
  params: Params,
  by: readonly RollupInterval[] | null,
  interval: BucketInterval,
  split: 'STANCE' | 'ACTOR' | null,
  claimKey: string | null,
  actors: number,
  /** keys the filter names, checked in the same query (filterClauses' keyChecks) */
  checks: readonly KeyCheck[] = [],
): Promise<{ rows: CountRow[]; known: boolean[] }> {
  // "by" an actor nothing rolls up to: no statement can match (the key checks still run)
  if (by && by.length === 0 && checks.length === 0) return { rows: [], known: [] };
  if (by && by.length === 0) by = [{ actor: '', from: '9999-12-31', to: '9999-12-31' }];
  let matching: string;
  if (by) {
    const iv = `SELECT * FROM unnest(${params.add(by.map((i) => i.actor))}::text[], ${params.add(by.map((i) => i.from))}::date[],
      ${params.add(by.map((i) => i.to))}::date[]) AS r(actor, f, t)`;
    const side = (column: string) =>
      `SELECT s.key, s.said_on, s.speaker_key FROM iv JOIN statement s ON ${[
        `s.${column} = iv.actor`,
        '(iv.f IS NULL OR s.said_on >= iv.f)',
        '(iv.t IS NULL OR s.said_on < iv.t)',
        ...where,
      ].join(' AND ')}`;
    matching = `iv AS (${iv}), m AS (${side('speaker_key')} UNION ${side('on_behalf_of_key')})`;
  } else {
    matching = `m AS (SELECT s.key, s.said_on, s.speaker_key FROM statement s ${where.length ? `WHERE ${where.join(' AND ')}` : ''})`;
  }
  const bucket = BUCKET[interval];
  const ctes = [matching];
  let select: string;
  if (split === 'STANCE') {
    const claim = claimKey === null ? '' : ` AND st.claim_key = ${params.add(claimKey)}`;
    // per bucket: the distinct statements per stance (null: none), and the bucket's own total
    select = `SELECT ${bucket}::text AS bucket, st.stance AS part, count(DISTINCT m.key)::int AS n, GROUPING(st.stance) = 1 AS total
        FROM m LEFT JOIN stance st ON st.statement_key = m.key${claim}
       GROUP BY GROUPING SETS ((${bucket}, st.stance), (${bucket}))`;
  } else if (split === 'ACTOR') {
    // the most active speakers over the whole range keep a part of their own; the rest share one
    ctes.push(
      `g AS (SELECT ${bucket} AS bucket, m.speaker_key AS part, count(*)::int AS n FROM m GROUP BY 1, 2)`,
      `top AS (SELECT part FROM g GROUP BY part ORDER BY sum(n) DESC, part LIMIT ${params.add(actors)})`,
    );
    select = `SELECT g.bucket::text AS bucket, t.part, sum(g.n)::int AS n FROM g LEFT JOIN top t ON t.part = g.part GROUP BY 1, 2`;
  } else {
    select = `SELECT ${bucket}::text AS bucket, count(*)::int AS n FROM m GROUP BY 1`;
  }
  if (checks.length === 0) return { rows: await db.query<CountRow[]>(`WITH ${ctes.join(', ')} ${select}`, params.values), known: [] };
  // the keys the filter names are checked in the same query: one row of checks, joined to the counts
  // one row per count (bucket null when nothing matched), each carrying the checks as known_<k>
  const rows = await db.query<(Omit<CountRow, 'bucket'> & { bucket: string | null } & Record<`known_${number}`, boolean>)[]>(
    `WITH ${ctes.join(', ')}, result AS (${select}),
     checks AS (SELECT ${checks.map((c, k) => `${c.sql} AS known_${k}`).join(', ')})
     SELECT r.*, checks.* FROM checks LEFT JOIN result r ON true`,
    params.values,
  );
  return { rows: rows.filter((r): r is typeof r & CountRow => r.bucket !== null), known: checks.map((_, k) => rows[0]?.[`known_${k}`] === true) };
}
