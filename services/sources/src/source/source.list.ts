import { checkSearch, badInput, ConnectionShape, decodeCursor, encodeCursor, PageRequest, pageRequest, toPage, containsPattern, Params } from '@newsgraph/kit';
import { foldText, parseInstantBound, parseSaidAt } from '@newsgraph/news-package';
import { DataSource } from 'typeorm';
import { SOURCE_COLUMNS, SourceKind, SourceModel, SourceRow, toSourceModel } from './source.types';
import { LANGUAGE_PATTERN } from './source.validate';

/** Filters of a source list, checked and normalised. */
export interface SourceFilter {
  outletKey?: string;
  kind?: SourceKind;
  /** inclusive lower bound, UTC ISO instant */
  publishedFrom?: string;
  /** exclusive upper bound, UTC ISO instant */
  publishedUntil?: string;
  language?: string;
  /** folded search text */
  search?: string;
}

/** A position in the sort (published_at desc nulls last, key). */
export interface SourcePosition {
  publishedAt: string | null;
  key: string;
}

/** Which page: its size and direction, and the positions it starts after and ends before. */
export interface SourcePage {
  request: PageRequest;
  after: SourcePosition | null;
  before: SourcePosition | null;
}

export interface SourceListArgs {
  kind?: SourceKind | null;
  publishedAfter?: string | null;
  publishedBefore?: string | null;
  language?: string | null;
  search?: string | null;
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** Checks list arguments; every malformed one is a BAD_USER_INPUT error naming it. */
export function parseSourceListArgs(args: SourceListArgs): { filter: SourceFilter; page: SourcePage } {
  const filter: SourceFilter = {};
  if (args.kind) filter.kind = args.kind;
  if (args.publishedAfter != null) {
    const bound = parseInstantBound(args.publishedAfter, 'start');
    if (!bound) throw badInput('publishedAfter', `"${args.publishedAfter}" is neither a date YYYY[-MM[-DD]] nor an ISO-8601 instant with offset`);
    filter.publishedFrom = bound;
  }
  if (args.publishedBefore != null) {
    // a date bound includes that whole period: "before 2026-03" covers March
    const bound = parseInstantBound(args.publishedBefore, 'end');
    if (!bound) throw badInput('publishedBefore', `"${args.publishedBefore}" is neither a date YYYY[-MM[-DD]] nor an ISO-8601 instant with offset`);
    filter.publishedUntil = bound;
  }
  if (args.language != null) {
    if (!LANGUAGE_PATTERN.test(args.language.toLowerCase())) throw badInput('language', `"${args.language}" is not a language tag such as en or pt-BR`);
    filter.language = args.language.toLowerCase();
  }
  if (args.search != null && checkSearch('search', args.search).trim() !== '') filter.search = foldText(args.search.trim());
  const request = pageRequest(args);
  return {
    filter,
    page: { request, after: decodeSourceCursor(request.after, 'after'), before: decodeSourceCursor(request.before, 'before') },
  };
}

export function sourceCursor(s: SourceModel): string {
  return encodeCursor([s.publishedInstant ? s.publishedInstant.toISOString() : '', s.key]);
}

function decodeSourceCursor(cursor: string | null | undefined, argument: 'after' | 'before'): SourcePosition | null {
  const position = decodeCursor(cursor, ['string', 'string'], argument);
  if (!position) return null;
  const [publishedAt, key] = position as string[];
  if (publishedAt !== '' && parseSaidAt(publishedAt)?.precision !== 'INSTANT') {
    throw badInput(argument, `"${cursor}" is not a cursor of this list`);
  }
  return { publishedAt: publishedAt === '' ? null : publishedAt, key };
}

/** Predicates of a filter on `source s` (the cursor is separate: counts ignore it). */
function filterPredicates(filter: SourceFilter, params: Params): string[] {
  const where: string[] = [];
  if (filter.outletKey !== undefined) where.push(`s.outlet_key = ${params.add(filter.outletKey)}`);
  if (filter.kind) where.push(`s.kind = ${params.add(filter.kind)}`);
  if (filter.publishedFrom) where.push(`s.published_at >= ${params.add(filter.publishedFrom)}::timestamptz`);
  if (filter.publishedUntil) where.push(`s.published_at < ${params.add(filter.publishedUntil)}::timestamptz`);
  if (filter.language) {
    // "en" also finds "en-GB": a tag matches itself and its regional variants
    const p = params.add(filter.language);
    where.push(`(lower(s.language) = ${p} OR lower(s.language) LIKE ${p} || '-%')`);
  }
  if (filter.search) where.push(`s.title_folded LIKE ${params.add(containsPattern(filter.search))}`);
  return where;
}

/** Keyset condition "comes after the cursor" in the order published_at DESC NULLS LAST, key. */
function afterPredicate(after: SourcePosition | null, params: Params): string | null {
  if (!after) return null;
  const k = params.add(after.key);
  if (after.publishedAt === null) return `(s.published_at IS NULL AND s.key > ${k})`;
  const p = `${params.add(after.publishedAt)}::timestamptz`;
  return `(s.published_at < ${p} OR (s.published_at = ${p} AND s.key > ${k}) OR s.published_at IS NULL)`;
}

/** Keyset condition "comes before the cursor" in the same order (undated sources come last). */
function beforePredicate(before: SourcePosition | null, params: Params): string | null {
  if (!before) return null;
  const k = params.add(before.key);
  if (before.publishedAt === null) return `(s.published_at IS NOT NULL OR s.key < ${k})`;
  const p = `${params.add(before.publishedAt)}::timestamptz`;
  return `(s.published_at > ${p} OR (s.published_at = ${p} AND s.key < ${k}))`;
}

/** Both bounds of a page. */
function pagePredicates(page: SourcePage, params: Params): (string | null)[] {
  return [afterPredicate(page.after, params), beforePredicate(page.before, params)];
}

const ORDER = 's.published_at DESC NULLS LAST, s.key';
/** The reading order of a backward page: the list's order reversed. */
const REVERSED = 's.published_at ASC NULLS FIRST, s.key DESC';
const orderOf = (page: SourcePage) => (page.request.backward ? REVERSED : ORDER);

function where(predicates: (string | null)[]): string {
  const kept = predicates.filter((p): p is string => p !== null);
  return kept.length ? kept.join(' AND ') : 'true';
}

/** One page of sources and the total count of the filter: two queries. */
export async function listSources(db: DataSource, filter: SourceFilter, page: SourcePage): Promise<ConnectionShape<SourceModel>> {
  const params = new Params();
  const predicates = filterPredicates(filter, params);
  const countParams = params.values.slice();
  const rowsSql = `SELECT ${SOURCE_COLUMNS} FROM source s WHERE ${where([...predicates, ...pagePredicates(page, params)])}
    ORDER BY ${orderOf(page)} LIMIT ${page.request.size + 1}`;
  const [rows, counted] = await Promise.all([
    db.query(rowsSql, params.values),
    db.query(`SELECT count(*)::int AS n FROM source s WHERE ${where(predicates)}`, countParams),
  ]);
  const models = rows.map(toSourceModel);
  return toPage(models, page.request, counted[0].n, sourceCursor, (s) => s);
}

/**
 * The same page for several outlets at once (`Outlet.sources` under a list of outlets): one
 * lateral query for the pages and one grouped count, whatever the number of outlets.
 */
export async function listSourcesOfOutlets(
  db: DataSource,
  outletKeys: readonly string[],
  filter: Omit<SourceFilter, 'outletKey'>,
  page: SourcePage,
): Promise<Map<string, ConnectionShape<SourceModel>>> {
  const params = new Params();
  const outlets = params.add(outletKeys);
  const predicates = filterPredicates(filter, params);
  const countParams = params.values.slice();
  const rowsSql = `SELECT o.outlet_key AS page_of, ${SOURCE_COLUMNS}
    FROM unnest(${outlets}::text[]) AS o(outlet_key)
    CROSS JOIN LATERAL (
      SELECT * FROM source s
       WHERE ${where(['s.outlet_key = o.outlet_key', ...predicates, ...pagePredicates(page, params)])}
       ORDER BY ${orderOf(page)} LIMIT ${page.request.size + 1}
    ) s
    ORDER BY o.outlet_key, ${orderOf(page)}`;
  const countSql = `SELECT s.outlet_key, count(*)::int AS n FROM source s
    WHERE ${where([`s.outlet_key = ANY(${outlets}::text[])`, ...predicates])} GROUP BY s.outlet_key`;
  const [rows, counts] = await Promise.all([
    db.query<Array<SourceRow & { page_of: string }>>(rowsSql, params.values),
    db.query<Array<{ outlet_key: string; n: number }>>(countSql, countParams),
  ]);
  const pages = new Map<string, SourceModel[]>();
  for (const row of rows) {
    const list = pages.get(row.page_of) ?? [];
    list.push(toSourceModel(row));
    pages.set(row.page_of, list);
  }
  const totals = new Map<string, number>(counts.map((c) => [c.outlet_key, c.n]));
  const result = new Map<string, ConnectionShape<SourceModel>>();
  for (const key of outletKeys) {
    result.set(
      key,
      toPage(pages.get(key) ?? [], page.request, totals.get(key) ?? 0, sourceCursor, (s) => s),
    );
  }
  return result;
}
