import { Caller, groupedLoader, keyedLoader } from '@newsgraph/kit';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { ClaimModel, toClaimModel } from './claim/claim.types';
import type { StatementFeed } from './feed/feed.hub';
import { Topic } from './topic/topic.types';
import { ActorsDirectory, PathResult, RollupInterval, RollupResult } from './rollup/actors-directory';
import { mergeContradictions, ContradictionCandidate, MergedContradiction } from './statement/rules';
import { rollsUpOn, STATEMENT_COLUMNS, toStatementModel } from './statement/statement.sql';
import { Attestation, Stance, StatementModel, StatementRelation } from './statement/statement.types';
import { CountCache } from './statement/count-cache';

export interface ContradictionRow extends MergedContradiction {
  statement: StatementModel;
}

/** Everything a resolver may need; the loaders are new for every request. */
export interface StatementsContext {
  caller: Caller;
  db: DataSource;
  directory: ActorsDirectory;
  /** the live feed of this process (subscriptions) */
  feed: StatementFeed;
  loaders: ReturnType<typeof createLoaders>;
  /** list counts of this process, kept until the next write (optional: tests may leave it out) */
  counts?: CountCache;
}

export function createLoaders(db: DataSource, directory: ActorsDirectory) {
  const rollup = new DataLoader<string, RollupResult>(async (keys) => {
    const found = await directory.rollup(keys);
    return keys.map((k) => found.get(k) ?? { exists: false, intervals: [] });
  });

  const statementByKey = keyedLoader<string, StatementModel>(
    async (keys) => (await db.query(`SELECT ${STATEMENT_COLUMNS} FROM statement s WHERE s.key = ANY($1)`, [keys])).map(toStatementModel),
    (s) => s.key,
  );

  const claimByKey = keyedLoader<string, ClaimModel>(
    async (keys) => (await db.query('SELECT key, text, topics FROM claim WHERE key = ANY($1)', [keys])).map(toClaimModel),
    (c) => c.key,
  );

  const stancesByStatement = groupedLoader<string, Stance & { statementKey: string }>(
    async (keys) =>
      (await db.query('SELECT statement_key, claim_key, stance FROM stance WHERE statement_key = ANY($1) ORDER BY ordinal', [keys])).map(
        (r: any) => ({ statementKey: r.statement_key, claimKey: r.claim_key, stance: r.stance }),
      ),
    (s) => s.statementKey,
  );

  const relationsByStatement = groupedLoader<string, StatementRelation & { statementKey: string }>(
    async (keys) =>
      (await db.query('SELECT statement_key, type, target_key FROM relation WHERE statement_key = ANY($1) ORDER BY ordinal', [keys])).map(
        (r: any) => ({ statementKey: r.statement_key, type: r.type, targetKey: r.target_key }),
      ),
    (r) => r.statementKey,
  );

  const attestationsByStatement = groupedLoader<string, Attestation & { statementKey: string }>(
    async (keys) =>
      (
        await db.query(
          'SELECT statement_key, source_key, quoted_text FROM attestation WHERE statement_key = ANY($1) ORDER BY ordinal',
          [keys],
        )
      ).map((r: any) => ({ statementKey: r.statement_key, sourceKey: r.source_key, quotedText: r.quoted_text })),
    (a) => a.statementKey,
  );

  /**
   * Contradictions of a page of statements: one SQL query finds the candidate pairs (explicit
   * relations in both directions plus opposite stances on a shared claim) with just what "by"
   * needs; "by" is then applied in memory against the roll-up intervals (a hash lookup per
   * candidate, where SQL would first have to list every statement by the actor), and only the
   * statements kept are read in full, through the statement loader. One loader per `by` argument.
   */
  const contradictionLoaders = new Map<string, DataLoader<string, ContradictionRow[]>>();
  function contradictions(by: string | null): DataLoader<string, ContradictionRow[]> {
    const memo = by ?? '';
    let loader = contradictionLoaders.get(memo);
    if (loader) return loader;
    loader = new DataLoader<string, ContradictionRow[]>(async (keys) => {
      // the resolver has loaded the roll-up already (to refuse an unknown actor): no extra round trip
      const intervals = by === null ? null : (await rollup.load(by)).intervals;
      const isBy = intervals ? rollsUpOn(intervals) : null;
      // SQL keeps only candidates spoken by (or for) one of the roll-up's actors; the days are checked below
      const actors = intervals ? [...new Set(intervals.map((i) => i.actor))] : null;
      const rows: any[] = await db.query(
        `WITH page AS (SELECT unnest($1::text[]) AS key),
         candidate AS (
           SELECT p.key AS subject, r.target_key AS other, 'EXPLICIT' AS origin, NULL::text AS claim
             FROM page p JOIN relation r ON r.statement_key = p.key AND r.type = 'CONTRADICTS'
           UNION ALL
           SELECT p.key, r.statement_key, 'EXPLICIT', NULL
             FROM page p JOIN relation r ON r.target_key = p.key AND r.type = 'CONTRADICTS'
           UNION ALL
           SELECT p.key, b.statement_key, 'DERIVED', a.claim_key
             FROM page p JOIN stance a ON a.statement_key = p.key
             JOIN stance b ON b.claim_key = a.claim_key AND b.stance <> a.stance
         )
         SELECT c.subject, c.other, c.origin, c.claim, s.speaker_key, s.on_behalf_of_key, s.said_on::text AS said_on
           FROM candidate c JOIN statement s ON s.key = c.other
          WHERE c.other <> c.subject
            ${actors ? 'AND (s.speaker_key = ANY($2::text[]) OR s.on_behalf_of_key = ANY($2::text[]))' : ''}
          ORDER BY c.subject, s.said_at, s.key, c.origin DESC, c.claim`,
        actors ? [keys, actors] : [keys],
      );
      const kept = isBy ? rows.filter((r) => isBy(r.speaker_key, r.said_on) || (r.on_behalf_of_key !== null && isBy(r.on_behalf_of_key, r.said_on))) : rows;
      const merged = mergeContradictions(kept as ContradictionCandidate[]);
      const others = [...new Set(kept.map((r) => r.other as string))];
      const statements = new Map<string, StatementModel>();
      for (const s of await statementByKey.loadMany(others)) if (s && !(s instanceof Error)) statements.set(s.key, s);
      return keys.map((k) =>
        (merged.get(k) ?? []).filter((m) => statements.has(m.other)).map((m) => ({ ...m, statement: statements.get(m.other)! })),
      );
    });
    contradictionLoaders.set(memo, loader);
    return loader;
  }

  const topicByKey = keyedLoader<string, Topic>(
    async (keys) =>
      (
        await db.query(
          `SELECT k.key,
                  (SELECT count(*)::int FROM statement WHERE all_topics @> ARRAY[k.key]) AS statement_count,
                  (SELECT count(*)::int FROM claim WHERE topics @> ARRAY[k.key]) AS claim_count
             FROM unnest($1::text[]) AS k(key)`,
          [keys],
        )
      ).map((r: any) => ({ key: r.key, statementCount: r.statement_count, claimCount: r.claim_count })),
    (t) => t.key,
  );

  const stanceCounts = new DataLoader<string, { AFFIRMS: number; DENIES: number }>(async (keys) => {
    const rows: any[] = await db.query(
      'SELECT claim_key, stance, count(*)::int AS n FROM stance WHERE claim_key = ANY($1) GROUP BY claim_key, stance',
      [keys],
    );
    return keys.map((k) => {
      const counts = { AFFIRMS: 0, DENIES: 0 };
      for (const r of rows) if (r.claim_key === k) counts[r.stance as 'AFFIRMS' | 'DENIES'] = r.n;
      return counts;
    });
  });

  /** Per actor: its top-level actors and when (position/top-level.ts); one request to actors per batch. */
  const topLevel = new DataLoader<string, RollupInterval[]>(
    async (keys) => {
      const found = await directory.topLevel(keys);
      return keys.map((k) => found.get(k) ?? []);
    },
    { maxBatchSize: 10_000 },
  );

  /** Roll-up paths, keyed `actor␟target␟day` (attribution/); one request to actors per batch. */
  const path = new DataLoader<string, PathResult>(
    async (ids) =>
      directory.paths(
        ids.map((id) => {
          const [actor, to, on] = id.split('\u001f');
          return { actor, to, on };
        }),
      ),
    { maxBatchSize: 10_000 },
  );

  return {
    topLevel,
    path,
    stanceCounts,
    topicByKey,
    rollup,
    statementByKey,
    claimByKey,
    stancesByStatement,
    relationsByStatement,
    attestationsByStatement,
    contradictions,
  };
}
