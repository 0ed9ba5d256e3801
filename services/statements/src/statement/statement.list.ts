import { notFound, PageArgs, pageRequest, Params, selectedFields, toPage } from '@newsgraph/kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { StatementsContext } from '../context';
import type { RollupInterval } from '../rollup/actors-directory';
import { filterClauses, statementColumnsFor, statementCursor, statementPage } from './statement.sql';
import type { StatementFilter } from './statement.types';

/** The most keys one lookup by keys takes (statementsByKeys, claimsByKeys). */
export const MAX_KEYS = 500;

export interface ListOptions {
  /** more WHERE clauses, on the same parameters */
  extra?: (params: Params) => Promise<string[]>;
  /** the list is of statements by this actor (Actor.statements) */
  byActor?: string;
  /** the connection field being resolved: the page then reads only the columns its nodes' fields need */
  info?: GraphQLResolveInfo;
}

/** Lists statements matching a filter plus extra clauses (used by Query.statements, Actor.statements…). */
export async function listStatements(ctx: StatementsContext, filter: StatementFilter | null | undefined, pageArgs: PageArgs, options: ListOptions = {}) {
  const { extra, byActor, info } = options;
  const page = pageRequest(pageArgs);
  const params = new Params();
  const deps = { db: ctx.db, rollup: (k: string) => ctx.loaders.rollup.load(k) };
  const by: RollupInterval[][] = [];
  if (byActor !== undefined) {
    const found = await ctx.loaders.rollup.load(byActor);
    if (!found.exists) throw notFound('actor', byActor);
    by.push(found.intervals);
  }
  const where = [...(await filterClauses(filter, params, deps, 's', { byIntervals: by })), ...(extra ? await extra(params) : [])];
  const select = info ? statementColumnsFor(selectedFields(info, ['edges', 'node'])) : null;
  const { rows, totalCount } = await statementPage(ctx.db, where, params, page, by, ctx.counts, select ?? undefined);
  // only whole rows may serve other lookups of the request
  if (select === null) for (const row of rows) ctx.loaders.statementByKey.prime(row.key, row);
  return toPage(rows, page, totalCount, statementCursor, (r) => r);
}
