import { badInput, decodeCursor, encodeCursor, notFound } from '@newsgraph/kit';
import { parseInstantBound, parsePartialDate } from '@newsgraph/news-package';
import { DataSource } from 'typeorm';
import { RollupInterval, RollupResult } from '../rollup/actors-directory';
import { CountCache } from './count-cache';
import { StatementFilter, StatementModel } from './statement.types';

/** Collects positional parameters while a query is assembled. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export const STATEMENT_COLUMNS = `s.key, s.seq, s.speaker_key, s.on_behalf_of_key, s.text, s.language, s.form,
  s.said_at, s.said_on, s.said_at_text, s.venue, s.topics, s.all_topics, s.extraction`;

export function toStatementModel(row: any): StatementModel {
  return {
    id: row.key,
    key: row.key,
    seq: String(row.seq),
    speakerKey: row.speaker_key,
    onBehalfOfKey: row.on_behalf_of_key,
    text: row.text,
    language: row.language,
    form: row.form,
    saidAt: row.said_at_text,
    saidOn: typeof row.said_on === 'string' ? row.said_on : new Date(row.said_on).toISOString().slice(0, 10),
    venue: row.venue,
    topics: row.topics,
    allTopics: row.all_topics,
    extraction: row.extraction ?? null,
    // kept for cursors: the instant the list is ordered by
    ...({ saidAtInstant: new Date(row.said_at).toISOString() } as object),
  } as StatementModel;
}

/**
 * "By X" as a test of each row against the intervals: for a handful of rows already narrowed
 * otherwise (new events on the live feed, one page walked for another actor), where listing every
 * statement by X first would cost more than the rows themselves.
 */
export function byRowTest(alias: string, intervals: readonly RollupInterval[], params: Params): string {
  if (intervals.length === 0) return 'false';
  return `EXISTS (SELECT 1 FROM unnest(${params.add(intervals.map((i) => i.actor))}::text[], ${params.add(intervals.map((i) => i.from))}::date[],
      ${params.add(intervals.map((i) => i.to))}::date[]) AS r(actor, f, t)
    WHERE (r.actor = ${alias}.speaker_key OR r.actor = ${alias}.on_behalf_of_key)
      AND (r.f IS NULL OR ${alias}.said_on >= r.f) AND (r.t IS NULL OR ${alias}.said_on < r.t))`;
}

/**
 * "By X" in memory: whether an actor rolls up to X on a day (YYYY-MM-DD), from the same intervals
 * as byRowTest. Intervals are half-open [from, to); null is unbounded.
 */
export function rollsUpOn(intervals: readonly RollupInterval[]): (actor: string, day: string) => boolean {
  const byActor = new Map<string, RollupInterval[]>();
  for (const i of intervals) {
    const list = byActor.get(i.actor);
    if (list) list.push(i);
    else byActor.set(i.actor, [i]);
  }
  return (actor, day) =>
    byActor.get(actor)?.some((i) => (i.from === null || day >= i.from) && (i.to === null || day < i.to)) ?? false;
}

/** A date or instant bound as an SQL predicate on said_on (dates) or said_at (instants). */
function saidBound(alias: string, value: string, edge: 'start' | 'end', argument: string, params: Params): string {
  const range = parsePartialDate(value);
  if (range) {
    return edge === 'start' ? `${alias}.said_on >= ${params.add(range.start)}` : `${alias}.said_on < ${params.add(range.start)}`;
  }
  const instant = parseInstantBound(value, edge);
  if (!instant) {
    throw badInput(argument, `"${value}" is not a date (YYYY, YYYY-MM, YYYY-MM-DD) or an ISO instant with offset`);
  }
  return edge === 'start' ? `${alias}.said_at >= ${params.add(instant)}` : `${alias}.said_at < ${params.add(instant)}`;
}

export interface FilterDeps {
  db: DataSource;
  rollup: (key: string) => Promise<RollupResult>;
}

export interface FilterOptions {
  /**
   * Accept a topic nothing is about yet. The live feed does: a dashboard may watch a topic before
   * its first statement arrives, whereas a list query for it is most likely a typo.
   */
  allowUnknownTopic?: boolean;
  /**
   * Where "by" goes: given, the roll-up intervals of `filter.by` are pushed here for statementPage
   * to drive the query with; absent, "by" becomes a per-row WHERE test (byRowTest), for queries
   * whose rows are already few (the live feed's new events).
   */
  byIntervals?: RollupInterval[][];
}

/** WHERE clauses for a StatementFilter; checks that every key it names exists. */
export async function filterClauses(
  filter: StatementFilter | null | undefined,
  params: Params,
  deps: FilterDeps,
  alias = 's',
  options: FilterOptions = {},
): Promise<string[]> {
  const where: string[] = [];
  if (!filter) return where;
  if (filter.by != null) {
    const found = await deps.rollup(filter.by);
    if (!found.exists) throw notFound('actor', filter.by);
    if (options.byIntervals) options.byIntervals.push(found.intervals);
    else where.push(byRowTest(alias, found.intervals, params));
  }
  if (filter.speaker != null) {
    const found = await deps.rollup(filter.speaker);
    if (!found.exists) throw notFound('actor', filter.speaker);
    where.push(`${alias}.speaker_key = ${params.add(filter.speaker)}`);
  }
  if (filter.topic != null && !options.allowUnknownTopic) {
    const [{ known }] = await deps.db.query(
      `SELECT EXISTS (SELECT 1 FROM statement WHERE all_topics @> ARRAY[$1]::text[])
           OR EXISTS (SELECT 1 FROM claim WHERE topics @> ARRAY[$1]::text[]) AS known`,
      [filter.topic],
    );
    if (!known) throw notFound('topic', filter.topic);
  }
  if (filter.topic != null) {
    where.push(`${alias}.all_topics @> ARRAY[${params.add(filter.topic)}]::text[]`);
  }
  if (filter.claim != null) {
    const [{ known }] = await deps.db.query('SELECT EXISTS (SELECT 1 FROM claim WHERE key = $1) AS known', [filter.claim]);
    if (!known) throw notFound('claim', filter.claim);
    const stance = filter.stance != null ? ` AND st.stance = ${params.add(filter.stance)}` : '';
    where.push(`EXISTS (SELECT 1 FROM stance st WHERE st.statement_key = ${alias}.key AND st.claim_key = ${params.add(filter.claim)}${stance})`);
  } else if (filter.stance != null) {
    throw badInput('filter.stance', 'needs `claim`: a stance is always toward a claim');
  }
  if (filter.text != null) {
    if (filter.text.trim() === '') throw badInput('filter.text', 'must not be empty');
    const q = params.add(filter.text);
    where.push(`${alias}.search @@ (websearch_to_tsquery('english', ${q}) || websearch_to_tsquery('simple', ${q}))`);
  }
  if (filter.saidAfter != null) where.push(saidBound(alias, filter.saidAfter, 'start', 'filter.saidAfter', params));
  if (filter.saidBefore != null) where.push(saidBound(alias, filter.saidBefore, 'end', 'filter.saidBefore', params));
  if (filter.form != null) where.push(`${alias}.form = ${params.add(filter.form)}`);
  if (filter.language != null) where.push(`${alias}.language = ${params.add(filter.language)}`);
  return where;
}

export function statementCursor(model: StatementModel): string {
  return encodeCursor([(model as any).saidAtInstant, model.key]);
}

/**
 * Newest first; the cursor is the (said_at, key) position of the last item seen.
 *
 * Without "by", one ordered scan with the filters. With "by" (`by` holds the roll-up intervals of
 * each actor the list must be by), the first actor's intervals drive the query: for each
 * (actor, days) interval, that actor's own statements in those days are read newest first from the
 * (speaker | onBehalfOf, said_at) indexes, at most one page of them, and the pages are merged. The
 * page so costs intervals x page size, however large the archive; a scan of the whole archive
 * tested against the intervals, or the list of every statement by X, would grow with it.
 */
export async function statementPage(
  db: DataSource,
  where: string[],
  params: Params,
  first: number,
  after: string | null | undefined,
  by: readonly (readonly RollupInterval[])[] = [],
  /** where counts are kept until the next write; none: every count runs */
  counts?: CountCache,
): Promise<{ rows: StatementModel[]; totalCount: () => Promise<number> }> {
  const cursor = decodeCursor(after, ['string', 'string']);
  const [driving, ...others] = by;
  // a second "by" (Actor.statements with filter.by) tests the rows the first one walks
  const filters = [...where, ...others.map((intervals) => byRowTest('s', intervals, params))];
  let walk: ((extra: string[], limit: string | null) => string) | undefined;
  if (driving) {
    if (driving.length === 0) return { rows: [], totalCount: async () => 0 };
    const iv = `SELECT * FROM unnest(${params.add(driving.map((i) => i.actor))}::text[], ${params.add(driving.map((i) => i.from))}::date[],
      ${params.add(driving.map((i) => i.to))}::date[]) AS r(actor, f, t)`;
    walk = (extra, limit) => {
      const side = (column: string) => {
        const conditions = [`s.${column} = iv.actor`, '(iv.f IS NULL OR s.said_on >= iv.f)', '(iv.t IS NULL OR s.said_on < iv.t)', ...extra];
        return limit
          ? `SELECT x.key, x.said_at FROM iv CROSS JOIN LATERAL (SELECT s.key, s.said_at FROM statement s WHERE ${conditions.join(' AND ')}
               ORDER BY s.said_at DESC, s.key DESC LIMIT ${limit}) x`
          : `SELECT s.key FROM iv JOIN statement s ON ${conditions.join(' AND ')}`;
      };
      return `WITH iv AS (${iv}) ${side('speaker_key')} UNION ${side('on_behalf_of_key')}`;
    };
  }
  const countParams = [...params.values];
  const pageFilters = [...filters];
  if (cursor) pageFilters.push(`(s.said_at, s.key) < (${params.add(cursor[0])}::timestamptz, ${params.add(cursor[1])})`);
  const limit = params.add(first + 1);
  const pageSql = walk
    ? `SELECT ${STATEMENT_COLUMNS} FROM statement s
        WHERE s.key IN (SELECT h.key FROM (${walk(pageFilters, limit)}) h ORDER BY h.said_at DESC, h.key DESC LIMIT ${limit})
        ORDER BY s.said_at DESC, s.key DESC`
    : `SELECT ${STATEMENT_COLUMNS} FROM statement s ${pageFilters.length ? `WHERE ${pageFilters.join(' AND ')}` : ''}
        ORDER BY s.said_at DESC, s.key DESC LIMIT ${limit}`;
  const rows = await db.query(pageSql, params.values);
  // counted only when asked for (see toConnection)
  const totalCount = async () => {
    // a first page shorter than asked holds every match: no need to count
    if (!cursor && rows.length <= first) return rows.length;
    const countSql = walk
      ? `SELECT count(*)::int AS count FROM (${walk(filters, null)}) m`
      : `SELECT count(*)::int AS count FROM statement s ${filters.length ? `WHERE ${filters.join(' AND ')}` : ''}`;
    if (counts) return counts.count(db, countSql, countParams);
    const [{ count }] = await db.query(countSql, countParams);
    return count as number;
  };
  return { rows: rows.map(toStatementModel), totalCount };
}
