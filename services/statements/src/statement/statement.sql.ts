import {
  badInput,
  boundDay,
  checkSearch,
  decodeCursor,
  encodeCursor,
  globalId,
  keysetOrder,
  keysetPredicate,
  notFound,
  PageRequest,
  previousDay,
  SortColumn,
  Params,
} from '@newsgraph/kit';
import { nextDay, parseInstantBound, parsePartialDate } from '@newsgraph/news-package';
import { DataSource } from 'typeorm';
import { RollupInterval, RollupResult } from '../rollup/actors-directory';
import { CountCache, WRITE_VERSION_SQL } from './count-cache';
import { StatementExtraction, StatementFilter, StatementForm, StatementModel } from './statement.types';

export const STATEMENT_COLUMNS = `s.key, s.seq, s.speaker_key, s.on_behalf_of_key, s.text, s.language, s.form,
  s.said_at, s.said_on, s.said_at_text, s.venue, s.topics, s.all_topics, s.extraction`;

/**
 * The columns each field of Statement reads from its row, beyond `key` and `said_at`, which every
 * list reads (a cursor is made of them). A field missing here (one added later) makes a list read
 * every column. Keep it in step with the resolvers: a field that starts reading another column of
 * its statement must say so here. `relations` and `contradictions` are missing on purpose: they
 * look statements up by key, often ones on the same page, which only whole rows can serve (a
 * page's whole rows are primed into the request's statementByKey loader).
 */
const FIELD_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  __typename: [],
  id: [],
  key: [],
  stances: [],
  attestations: [],
  contradictionCount: [],
  text: ['text'],
  language: ['language'],
  form: ['form'],
  venue: ['venue'],
  extraction: ['extraction'],
  saidAt: ['said_at_text'],
  saidOn: ['said_on'],
  speaker: ['speaker_key'],
  onBehalfOf: ['on_behalf_of_key'],
  topics: ['all_topics'],
  ownTopics: ['topics'],
  attribution: ['speaker_key', 'on_behalf_of_key', 'said_on'],
};

/**
 * The select list for rows of which only `fields` of Statement will be resolved, or null when that
 * is every column (STATEMENT_COLUMNS). The deep page (key, saidAt, speaker) then reads 4 columns of
 * 14: no text, topic arrays or extraction to parse and convert per row. Rows read so are partial
 * models: only the fields' own columns are set.
 */
export function statementColumnsFor(fields: ReadonlySet<string>): string | null {
  const columns = new Set(['key', 'said_at']);
  for (const field of fields) {
    const needs = FIELD_COLUMNS[field];
    if (!needs) return null;
    for (const c of needs) columns.add(c);
  }
  return columns.size === EVERY_FIELD_COLUMN ? null : [...columns].map((c) => `s.${c}`).join(', ');
}

/** How many columns the fields read in all, `key` and `said_at` included (all but `seq`). */
const EVERY_FIELD_COLUMN = new Set(['key', 'said_at', ...Object.values(FIELD_COLUMNS).flat()]).size;

/** A row of STATEMENT_COLUMNS as node-postgres returns it. */
export interface StatementRow {
  key: string;
  /** bigint: a string from node-postgres */
  seq: string | number;
  speaker_key: string;
  on_behalf_of_key: string | null;
  text: string;
  language: string | null;
  form: StatementForm | null;
  said_at: Date | string;
  /** a date: a string or a Date, depending on the type parser */
  said_on: string | Date;
  said_at_text: string;
  venue: string | null;
  topics: string[];
  all_topics: string[];
  extraction: StatementExtraction | null;
}

export function toStatementModel(row: StatementRow): StatementModel {
  return {
    id: globalId('Statement', row.key),
    key: row.key,
    seq: String(row.seq),
    speakerKey: row.speaker_key,
    onBehalfOfKey: row.on_behalf_of_key,
    text: row.text,
    language: row.language,
    form: row.form,
    saidAt: row.said_at_text,
    // absent from a partial row (statementColumnsFor)
    saidOn: typeof row.said_on === 'string' || row.said_on === undefined ? row.said_on : new Date(row.said_on).toISOString().slice(0, 10),
    venue: row.venue,
    topics: row.topics,
    allTopics: row.all_topics,
    extraction: row.extraction ?? null,
    saidAtInstant: new Date(row.said_at).toISOString(),
  };
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

/** A date or instant bound as an SQL predicate on said_on (dates) or said_at (instants). */
export function saidBound(alias: string, value: string, edge: 'start' | 'end', argument: string, params: Params): string {
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

/**
 * A period as extra conditions on said_at, which the (said_at) and (speaker | onBehalfOf, said_at)
 * indexes can range over, where the date bounds of saidBound test said_on, which they only carry.
 * Implied by the bounds, never narrower: a statement said on local day D happened between
 * D - 18 h and D + 1 day + 18 h (offsets reach 18 h), so within [D - 1 day, D + 2 days) in UTC.
 * Malformed bounds add nothing (saidBound refuses them with its own error).
 */
export function saidAtWindow(alias: string, saidAfter: string | null | undefined, saidBefore: string | null | undefined, params: Params): string[] {
  const out: string[] = [];
  const first = boundDay(saidAfter, 'start');
  const last = boundDay(saidBefore, 'end');
  // at the ends of the calendar the window would leave the dates PostgreSQL takes: no window there
  if (first !== null && first > '0001-01-02') out.push(`${alias}.said_at >= ${params.add(`${previousDay(first)}T00:00:00Z`)}::timestamptz`);
  if (last !== null && last < '9999-12-29') out.push(`${alias}.said_at < ${params.add(`${nextDay(nextDay(last))}T00:00:00Z`)}::timestamptz`);
  return out;
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
  /**
   * Where the checks that a named topic or claim exists go: given, each is pushed here as an SQL
   * boolean (on `params`) for the caller to evaluate inside its own query (statementCounts keeps
   * to one SQL query per request); absent, each is a query of its own, run here.
   */
  keyChecks?: KeyCheck[];
}

/** A key a filter names, and the SQL that is true when it exists. */
export interface KeyCheck {
  kind: 'topic' | 'claim';
  key: string;
  sql: string;
}

const TOPIC_KNOWN = (p: string) =>
  `(EXISTS (SELECT 1 FROM statement WHERE all_topics @> ARRAY[${p}]::text[]) OR EXISTS (SELECT 1 FROM claim WHERE topics @> ARRAY[${p}]::text[]))`;
const CLAIM_KNOWN = (p: string) => `EXISTS (SELECT 1 FROM claim WHERE key = ${p})`;

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
    if (options.keyChecks) {
      options.keyChecks.push({ kind: 'topic', key: filter.topic, sql: TOPIC_KNOWN(params.add(filter.topic)) });
    } else {
      const [{ known }] = await deps.db.query(`SELECT ${TOPIC_KNOWN('$1')} AS known`, [filter.topic]);
      if (!known) throw notFound('topic', filter.topic);
    }
  }
  if (filter.topic != null) {
    where.push(`${alias}.all_topics @> ARRAY[${params.add(filter.topic)}]::text[]`);
  }
  if (filter.claim != null) {
    if (options.keyChecks) {
      options.keyChecks.push({ kind: 'claim', key: filter.claim, sql: CLAIM_KNOWN(params.add(filter.claim)) });
    } else {
      const [{ known }] = await deps.db.query(`SELECT ${CLAIM_KNOWN('$1')} AS known`, [filter.claim]);
      if (!known) throw notFound('claim', filter.claim);
    }
    const stance = filter.stance != null ? ` AND st.stance = ${params.add(filter.stance)}` : '';
    where.push(`EXISTS (SELECT 1 FROM stance st WHERE st.statement_key = ${alias}.key AND st.claim_key = ${params.add(filter.claim)}${stance})`);
  } else if (filter.stance != null) {
    throw badInput('filter.stance', 'needs `claim`: a stance is always toward a claim');
  }
  if (filter.text != null) {
    if (checkSearch('filter.text', filter.text, true).trim() === '') throw badInput('filter.text', 'must not be empty');
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
  return encodeCursor([model.saidAtInstant, model.key]);
}

/** Newest first: the order of every statement list, and the cursor's position in it. */
const STATEMENT_ORDER: SortColumn[] = [
  { sql: 's.said_at', desc: true, cast: 'timestamptz' },
  { sql: 's.key', desc: true },
];

/**
 * Newest first; a cursor is the (said_at, key) position of an item. `after` keeps what follows it,
 * `before` what precedes it; a backward page (`last`) is read oldest first and put back by toPage.
 *
 * Without "by", one ordered scan with the filters. With "by" (`by` holds the roll-up intervals of
 * each actor the list must be by), the first actor's intervals drive the query: for each
 * (actor, days) interval, that actor's own statements in those days are read in page order from the
 * (speaker | onBehalfOf, said_at) indexes, at most one page of them, and the pages are merged. The
 * page so costs intervals x page size, however large the archive; a scan of the whole archive
 * tested against the intervals, or the list of every statement by X, would grow with it.
 */
export async function statementPage(
  db: DataSource,
  where: string[],
  params: Params,
  page: PageRequest,
  by: readonly (readonly RollupInterval[])[] = [],
  /** where counts are kept until the next write; none: every count runs */
  counts?: CountCache,
  /** the select list (statementColumnsFor); default every column */
  select: string = STATEMENT_COLUMNS,
): Promise<{ rows: StatementModel[]; totalCount: () => Promise<number> }> {
  const after = decodeCursor(page.after, ['instant', 'string'], 'after');
  const before = decodeCursor(page.before, ['instant', 'string'], 'before');
  const [driving, ...others] = by;
  // a second "by" (Actor.statements with filter.by) tests the rows the first one walks
  const filters = [...where, ...others.map((intervals) => byRowTest('s', intervals, params))];
  const order = keysetOrder(STATEMENT_ORDER, page.backward);
  // the merged pages of the walk are ordered by the same columns of the subquery `h`
  const outerOrder = keysetOrder(
    STATEMENT_ORDER.map((c) => ({ ...c, sql: c.sql.replace(/^s\./, 'h.') })),
    page.backward,
  );
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
               ORDER BY ${order} LIMIT ${limit}) x`
          : `SELECT s.key FROM iv JOIN statement s ON ${conditions.join(' AND ')}`;
      };
      return `WITH iv AS (${iv}) ${side('speaker_key')} UNION ${side('on_behalf_of_key')}`;
    };
  }
  const countParams = [...params.values];
  const pageFilters = [...filters];
  const add = (v: unknown) => params.add(v);
  if (after) pageFilters.push(keysetPredicate(STATEMENT_ORDER, after, 'after', add));
  if (before) pageFilters.push(keysetPredicate(STATEMENT_ORDER, before, 'before', add));
  const limit = params.add(page.size + 1);
  // with a count cache, the page brings the write version its count is checked against: a cached
  // count then costs no query of its own
  const columns = counts ? `${select}, ${WRITE_VERSION_SQL} AS write_version` : select;
  const pageSql = walk
    ? `SELECT ${columns} FROM statement s
        WHERE s.key IN (SELECT h.key FROM (${walk(pageFilters, limit)}) h ORDER BY ${outerOrder} LIMIT ${limit})
        ORDER BY ${order}`
    : `SELECT ${columns} FROM statement s ${pageFilters.length ? `WHERE ${pageFilters.join(' AND ')}` : ''}
        ORDER BY ${order} LIMIT ${limit}`;
  const rows = await db.query<(StatementRow & { write_version?: string })[]>(pageSql, params.values);
  // counted only when asked for (see toPage)
  const totalCount = async () => {
    // a page shorter than asked with no cursor holds every match: no need to count
    if (!after && !before && rows.length <= page.size) return rows.length;
    const countSql = walk
      ? `SELECT count(*)::int AS count FROM (${walk(filters, null)}) m`
      : `SELECT count(*)::int AS count FROM statement s ${filters.length ? `WHERE ${filters.join(' AND ')}` : ''}`;
    if (counts) return counts.count(db, countSql, countParams, rows[0]?.write_version);
    const [{ count }] = await db.query<{ count: number }[]>(countSql, countParams);
    return count;
  };
  return { rows: rows.map(toStatementModel), totalCount };
}
