import {
  checkSearch,
  ConnectionShape,
  escapeLike,
  Params,
  Queryable,
  decodeCursor,
  encodeCursor,
  keysetOrder,
  keysetPredicate,
  PageRequest,
  SortColumn,
  toPage,
} from '@newsgraph/kit';
import { foldText } from '@newsgraph/news-package';
import { heldOnSql } from '../membership/membership.types';
import { Actor, ACTOR_COLUMNS, ActorKind, ActorRow, toActor } from './actor.types';

export interface ActorFilter {
  search: string | null;
  kind: ActorKind | null;
  countryCode: string | null;
  memberOf: string | null;
  partOf: string | null;
  /** a day; restricts `memberOf` to memberships held on it */
  at: string | null;
}

/**
 * One page of actors. Without `search` they are sorted by name then key. With it, the name and
 * every alias are matched in folded form (no case, no accents); matches come from the trigram
 * indexes and are ranked exact (0), prefix (1), substring (2), then by name and key. The cursor
 * is the sort position of the last row.
 */
export async function listActors(db: Queryable, filter: ActorFilter, page: PageRequest): Promise<ConnectionShape<Actor>> {
  const needle = filter.search === null ? '' : foldText(checkSearch('search', filter.search)).trim();
  const ranked = needle !== '';
  const shape: ('number' | 'string')[] = ranked ? ['number', 'string', 'string'] : ['string', 'string'];
  const after = decodeCursor(page.after, shape, 'after');
  const before = decodeCursor(page.before, shape, 'before');

  const params = new Params();
  let from = 'actor a';
  let rank = '0';
  if (ranked) {
    const exact = params.add(needle);
    const prefix = params.add(`${escapeLike(needle)}%`);
    const anywhere = params.add(`%${escapeLike(needle)}%`);
    from = `(
        SELECT h.actor_key, min(CASE WHEN h.folded = ${exact} THEN 0 WHEN h.folded LIKE ${prefix} THEN 1 ELSE 2 END) AS rank
          FROM (
            SELECT key AS actor_key, name_folded AS folded FROM actor WHERE name_folded LIKE ${anywhere}
            UNION ALL
            SELECT actor_key, value_folded FROM actor_alias WHERE value_folded LIKE ${anywhere}
          ) h
         GROUP BY h.actor_key
      ) hit JOIN actor a ON a.key = hit.actor_key`;
    rank = 'hit.rank';
  }

  const where: string[] = [];
  if (filter.kind !== null) where.push(`a.kind = ${params.add(filter.kind)}`);
  if (filter.countryCode !== null) where.push(`a.country_code = ${params.add(filter.countryCode)}`);
  if (filter.partOf !== null) where.push(`a.part_of = ${params.add(filter.partOf)}`);
  if (filter.memberOf !== null) {
    const held = filter.at !== null ? ` AND ${heldOnSql(params.add(filter.at))}` : '';
    where.push(`EXISTS (SELECT 1 FROM membership m WHERE m.actor_key = a.key AND m.organization_key = ${params.add(filter.memberOf)}${held})`);
  }
  const countSql = `SELECT count(*)::int AS n FROM ${from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  const countParams = [...params.values];

  const order: SortColumn[] = [...(ranked ? [{ sql: rank, cast: 'int' }] : []), { sql: 'a.name', cast: 'text' }, { sql: 'a.key', cast: 'text' }];
  const add = (v: unknown) => params.add(v);
  if (after) where.push(keysetPredicate(order, after, 'after', add));
  if (before) where.push(keysetPredicate(order, before, 'before', add));
  const pageSql = `SELECT ${ACTOR_COLUMNS}, ${rank} AS rank FROM ${from}
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${keysetOrder(order, page.backward)} LIMIT ${params.add(page.size + 1)}`;

  const [rows, [{ n }]] = await Promise.all([db.query<ActorRow & { rank: number }>(pageSql, params.values), db.query<{ n: number }>(countSql, countParams)]);
  return toPage<ActorRow & { rank: number }, Actor>(rows, page, n, (r) => encodeCursor(ranked ? [Number(r.rank), r.name, r.key] : [r.name, r.key]), toActor);
}
