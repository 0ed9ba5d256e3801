import { ArgsType, ClassType, Directive, Field, Int, ObjectType } from 'type-graphql';
import { badInput } from './errors';

/** Page sizes: `first` defaults to 20 and may not exceed 100. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@Directive('@shareable')
@ObjectType({ description: 'Where a page of a connection stands (Relay cursor connections).' })
export class PageInfo {
  @Field({ description: 'True when more items follow this page (with `last`: when a `before` cursor was given).' })
  hasNextPage: boolean;

  @Field({ description: 'True when items precede this page (with `first`: when an `after` cursor was given).' })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of the page.' })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item; pass it as `after` for the next page.' })
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  totalCount: number | Promise<number>;
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

/**
 * Declares `<Name>Edge` and `<Name>Connection` object types for a node type.
 * type-graphql needs concrete classes per node type, so this is a class factory.
 */
export function connectionTypes<T extends object>(name: string, node: ClassType<T>, description: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a page, with its cursor.` })
  class EdgeType {
    @Field({ description: 'Opaque position of this item; pass it as `after` (or `before`) to page from it.' })
    cursor: string;

    @Field(() => node, { description: `The ${name} itself.` })
    node: T;
  }

  @ObjectType(`${name}Connection`, { description })
  class ConnectionType {
    @Field(() => Int, { description: 'How many items match, across all pages.' })
    totalCount: number;

    @Field(() => [EdgeType], { description: 'The items of this page, each with its cursor, in the list order.' })
    edges: EdgeType[];

    @Field(() => PageInfo, { description: 'Whether more pages follow, and the cursors to fetch them.' })
    pageInfo: PageInfo;
  }
  return { Edge: EdgeType, Connection: ConnectionType };
}

/** Checks `first`: 1..100, default 20. */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badInput('first', `must be an integer from 0 to ${MAX_PAGE_SIZE}, got ${first}`);
  }
  return first;
}

/** Cursors are opaque to clients: base64url of a small JSON array (the sort position). */
export function encodeCursor(position: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** What one position of a cursor holds: any string, an ISO instant (a timestamp column), or an integer. */
export type CursorPart = 'string' | 'instant' | 'number';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

function fits(value: unknown, part: CursorPart): boolean {
  // positions go into SQL as parameters: a NUL or a number beyond an int column would fail there
  if (part === 'number') return typeof value === 'number' && Number.isSafeInteger(value) && Math.abs(value) <= 2 ** 31 - 1;
  if (typeof value !== 'string' || value.length > 1000 || value.includes('\u0000')) return false;
  return part === 'string' || (ISO_INSTANT.test(value) && Number.isFinite(Date.parse(value)));
}

/**
 * Decodes a cursor and checks each position against what the list sorts by, so a cursor from
 * another list, a hand-made or a forged one gets a clear BAD_USER_INPUT instead of a wrong page or
 * a database error.
 */
export function decodeCursor(cursor: string | null | undefined, shape: readonly CursorPart[], argument = 'after'): (string | number)[] | null {
  if (cursor === null || cursor === undefined) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== shape.length || parsed.some((v, i) => !fits(v, shape[i]))) {
    throw badInput(argument, `"${cursor.slice(0, 80)}" is not a cursor of this list`);
  }
  return parsed as (string | number)[];
}

/**
 * Relay's paging arguments, shared by every connection: `first`/`after` page forward, `last`/`before`
 * backward; `after` and `before` may be given together to page inside a range.
 */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size from the start (or from `after`), 0 to 100; default 20. Not with `last`.' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item already seen (`pageInfo.endCursor`): the page starts after it.' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: 'Page size from the end (or from `before`), 0 to 100, paging backward. Not with `first`.' })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of an item (`pageInfo.startCursor`): the page ends before it.' })
  before?: string | null;
}

/** A checked page request. Rows are read in `backward` order (the list reversed) and put back by toPage. */
export interface PageRequest {
  size: number;
  backward: boolean;
  after: string | null;
  before: string | null;
}

/** Checks Relay paging arguments: `first` or `last` (not both), each 0..100; default `first: 20`. */
export function pageRequest(args: { first?: number | null; after?: string | null; last?: number | null; before?: string | null }): PageRequest {
  const hasFirst = args.first !== null && args.first !== undefined;
  const hasLast = args.last !== null && args.last !== undefined;
  if (hasFirst && hasLast) throw badInput('last', 'give `first` or `last`, not both');
  if (hasLast && (!Number.isInteger(args.last) || args.last! < 0 || args.last! > MAX_PAGE_SIZE)) {
    throw badInput('last', `must be an integer from 0 to ${MAX_PAGE_SIZE}, got ${args.last}`);
  }
  return {
    size: hasLast ? args.last! : pageSize(args.first),
    backward: hasLast,
    after: args.after ?? null,
    before: args.before ?? null,
  };
}

/** One sort column of a keyset-paged list. */
export interface SortColumn {
  /** the SQL expression, e.g. `s.said_at` */
  sql: string;
  desc?: boolean;
  /** a cast for the cursor's value, e.g. `timestamptz` */
  cast?: string;
}

/**
 * The keyset predicate "strictly after (or before) this position in the list's order". Columns all
 * sorted one way become a row comparison, which PostgreSQL serves from a matching index; mixed
 * directions expand to `a < x OR (a = x AND b > y) ...`.
 */
export function keysetPredicate(
  columns: readonly SortColumn[],
  position: readonly unknown[],
  side: 'after' | 'before',
  add: (value: unknown) => string,
): string {
  const values = columns.map((c, i) => (c.cast ? `${add(position[i])}::${c.cast}` : add(position[i])));
  const greater = (c: SortColumn) => (side === 'after') !== (c.desc ?? false);
  if (columns.every((c) => (c.desc ?? false) === (columns[0].desc ?? false))) {
    return `(${columns.map((c) => c.sql).join(', ')}) ${greater(columns[0]) ? '>' : '<'} (${values.join(', ')})`;
  }
  const terms = columns.map((c, i) =>
    [...columns.slice(0, i).map((p, j) => `${p.sql} = ${values[j]}`), `${c.sql} ${greater(c) ? '>' : '<'} ${values[i]}`].join(' AND '),
  );
  return `(${terms.map((t) => `(${t})`).join(' OR ')})`;
}

/** ORDER BY for the list's order, or its reverse when reading a backward page. */
export function keysetOrder(columns: readonly SortColumn[], backward: boolean): string {
  return columns.map((c) => `${c.sql} ${(c.desc ?? false) !== backward ? 'DESC' : 'ASC'}`).join(', ');
}

/**
 * Builds a connection from rows fetched with `LIMIT size + 1` in the request's reading order (the
 * extra row only tells whether another page follows in that direction); a backward page is put
 * back in list order. `totalCount` may be a function: it then runs only if the client selects
 * `totalCount` (counting every match of a filter costs more than reading a page of it), at most once.
 */
export function toPage<R, T>(
  rows: R[],
  request: PageRequest,
  totalCount: number | (() => Promise<number>),
  cursorOf: (row: R) => string,
  nodeOf: (row: R) => T,
): ConnectionShape<T> {
  const page = rows.slice(0, request.size);
  if (request.backward) page.reverse();
  const edges = page.map((r) => ({ cursor: cursorOf(r), node: nodeOf(r) }));
  const more = rows.length > request.size;
  let counted: Promise<number> | undefined;
  return {
    get totalCount(): number | Promise<number> {
      if (typeof totalCount === 'number') return totalCount;
      counted ??= totalCount();
      return counted;
    },
    edges,
    pageInfo: {
      // beyond a cursor lies at least the item it names (Relay's spec allows this answer for a
      // side the page was not read toward)
      hasNextPage: request.before !== null || (!request.backward && more),
      hasPreviousPage: request.after !== null || (request.backward && more),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** toPage for a forward-only list read with `first`/`after`. */
export function toConnection<R, T>(
  rows: R[],
  first: number,
  totalCount: number | (() => Promise<number>),
  hadCursor: boolean,
  cursorOf: (row: R) => string,
  nodeOf: (row: R) => T,
): ConnectionShape<T> {
  return toPage(rows, { size: first, backward: false, after: hadCursor ? '' : null, before: null }, totalCount, cursorOf, nodeOf);
}
