import { Caller, groupedLoader, keyedLoader, parseGlobalId } from '@newsgraph/kit';
import { LIST_BOUNDS } from '@newsgraph/news-package';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { ClaimModel, toClaimModel } from './claim/claim.types';
import type { StatementFeed } from './feed/feed.hub';
import { Topic } from './topic/topic.types';
import { ActorsDirectory, PathResult, RollupInterval, RollupResult } from './rollup/actors-directory';
import { contradictionLoader, ContradictionPage } from './statement/contradictions.loader';
import { STATEMENT_COLUMNS, toStatementModel } from './statement/statement.sql';
import { Attestation, Stance, StatementModel, StatementRelation } from './statement/statement.types';
import { CountCache } from './statement/count-cache';
import type { NodeOwners } from './node/node-owners';
import type { ExternalReferences } from './statement/external-references';

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
  /** who to ask whether another subgraph's entity exists (`node(id:)`); absent: ids are trusted */
  owners?: NodeOwners;
  /** checks that the speakers and sources a write names exist (optional: tests of this subgraph alone) */
  external?: ExternalReferences;
}

export function createLoaders(db: DataSource, directory: ActorsDirectory, owners?: NodeOwners) {
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
      (await db.query('SELECT statement_key, claim_key, stance FROM stance WHERE statement_key = ANY($1) AND ordinal < $2 ORDER BY ordinal', [keys, LIST_BOUNDS.stances])).map(
        (r: any) => ({ statementKey: r.statement_key, claimKey: r.claim_key, stance: r.stance }),
      ),
    (s) => s.statementKey,
  );

  const relationsByStatement = groupedLoader<string, StatementRelation & { statementKey: string }>(
    async (keys) =>
      (await db.query('SELECT statement_key, type, target_key FROM relation WHERE statement_key = ANY($1) AND ordinal < $2 ORDER BY ordinal', [keys, LIST_BOUNDS.relations])).map(
        (r: any) => ({ statementKey: r.statement_key, type: r.type, targetKey: r.target_key }),
      ),
    (r) => r.statementKey,
  );

  const attestationsByStatement = groupedLoader<string, Attestation & { statementKey: string }>(
    async (keys) =>
      (
        await db.query(
          // the lists' bounds (LIST_BOUNDS): rows written before the database kept them are not read past them
          'SELECT statement_key, source_key, quoted_text FROM attestation WHERE statement_key = ANY($1) AND ordinal < $2 ORDER BY ordinal',
          [keys, LIST_BOUNDS.attestations],
        )
      ).map((r: any) => ({ statementKey: r.statement_key, sourceKey: r.source_key, quotedText: r.quoted_text })),
    (a) => a.statementKey,
  );

  /** One loader per (`by`, `first`) of Statement.contradictions (see contradictions.loader.ts). */
  const contradictionLoaders = new Map<string, DataLoader<string, ContradictionPage>>();
  function contradictions(by: string | null, first: number): DataLoader<string, ContradictionPage> {
    const memo = `${first}:${by ?? ''}`;
    let loader = contradictionLoaders.get(memo);
    if (!loader) contradictionLoaders.set(memo, (loader = contradictionLoader(db, rollup, statementByKey, by, first)));
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

  /** Whether another subgraph has this entity, keyed by global id; one request per owner and batch. */
  const foreignNodeKnown = new DataLoader<string, boolean>(async (ids) => {
    if (!owners) return ids.map(() => true);
    return owners.known(ids.map((id) => parseGlobalId(id)));
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
    foreignNodeKnown,
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
