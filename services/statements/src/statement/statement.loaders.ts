import { groupedLoader, keyedLoader } from '@newsgraph/kit';
import { LIST_BOUNDS } from '@newsgraph/news-package';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import type { RollupResult } from '../rollup/actors-directory';
import { contradictionLoader, ContradictionPage } from './contradictions.loader';
import { STATEMENT_COLUMNS, StatementRow, toStatementModel } from './statement.sql';
import { Attestation, RelationType, Stance, StanceKind, StatementModel, StatementRelation } from './statement.types';

interface StanceRow {
  statement_key: string;
  claim_key: string;
  stance: StanceKind;
}

interface RelationRow {
  statement_key: string;
  type: RelationType;
  target_key: string;
}

interface AttestationRow {
  statement_key: string;
  source_key: string;
  quoted_text: string | null;
}

export type StatementLoaders = ReturnType<typeof createStatementLoaders>;

/**
 * The statement loaders of one request: statements by key and what hangs off each (stances,
 * relations, attestations, contradictions), each a fixed number of queries per page, not per row.
 * `rollup` is the request's roll-up loader (contradictions `by` an actor test rows against it).
 */
export function createStatementLoaders(db: DataSource, rollup: DataLoader<string, RollupResult>) {
  const statementByKey = keyedLoader<string, StatementModel>(
    async (keys) => (await db.query<StatementRow[]>(`SELECT ${STATEMENT_COLUMNS} FROM statement s WHERE s.key = ANY($1)`, [keys])).map(toStatementModel),
    (s) => s.key,
  );

  const stancesByStatement = groupedLoader<string, Stance & { statementKey: string }>(
    async (keys) =>
      (
        await db.query<StanceRow[]>('SELECT statement_key, claim_key, stance FROM stance WHERE statement_key = ANY($1) AND ordinal < $2 ORDER BY ordinal', [
          keys,
          LIST_BOUNDS.stances,
        ])
      ).map((r) => ({ statementKey: r.statement_key, claimKey: r.claim_key, stance: r.stance })),
    (s) => s.statementKey,
  );

  const relationsByStatement = groupedLoader<string, StatementRelation & { statementKey: string }>(
    async (keys) =>
      (
        await db.query<RelationRow[]>('SELECT statement_key, type, target_key FROM relation WHERE statement_key = ANY($1) AND ordinal < $2 ORDER BY ordinal', [
          keys,
          LIST_BOUNDS.relations,
        ])
      ).map((r) => ({ statementKey: r.statement_key, type: r.type, targetKey: r.target_key })),
    (r) => r.statementKey,
  );

  const attestationsByStatement = groupedLoader<string, Attestation & { statementKey: string }>(
    async (keys) =>
      (
        await db.query<AttestationRow[]>(
          // the lists' bounds (LIST_BOUNDS): rows written before the database kept them are not read past them
          'SELECT statement_key, source_key, quoted_text FROM attestation WHERE statement_key = ANY($1) AND ordinal < $2 ORDER BY ordinal',
          [keys, LIST_BOUNDS.attestations],
        )
      ).map((r) => ({ statementKey: r.statement_key, sourceKey: r.source_key, quotedText: r.quoted_text })),
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

  return { statementByKey, stancesByStatement, relationsByStatement, attestationsByStatement, contradictions };
}
