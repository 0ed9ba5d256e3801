import {
  decodeCursor,
  encodeCursor,
  groupedLoader,
  keyedLoader,
  keysetOrder,
  keysetPredicate,
  MAX_PAGE_SIZE,
  PageRequest,
  SortColumn,
  Queryable,
} from '@newsgraph/kit';
import { LIST_BOUNDS } from '@newsgraph/news-package';
import DataLoader from 'dataloader';
import { heldOnSql, Membership, MEMBERSHIP_COLUMNS, MembershipRow, toMembership } from '../membership/membership.types';
import { RollupService } from '../rollup/rollup.service';
import { Actor, ACTOR_COLUMNS, ActorRow, Alias, toActor } from './actor.types';

/** Members by member key, then the order of their memberships. */
const MEMBER_ORDER: SortColumn[] = [
  { sql: 'm.actor_key', cast: 'text' },
  { sql: 'm.ordinal', cast: 'int' },
];

export interface MembersPage {
  rows: Membership[];
  totalCount: number;
}

/**
 * The DataLoaders of one request. Every field that crosses from one row to others goes through
 * one of them, so a page of N actors with their parents, aliases and memberships costs a fixed
 * number of queries, not N.
 */
export function createActorLoaders(db: Queryable, rollup: RollupService) {
  const actorByKey = keyedLoader<string, Actor>(
    async (keys) => (await db.query<ActorRow>(`SELECT ${ACTOR_COLUMNS} FROM actor a WHERE a.key = ANY($1::text[])`, [keys])).map(toActor),
    (a) => a.key,
  );

  const actorByWikidata = keyedLoader<string, Actor>(
    async (qids) => (await db.query<ActorRow>(`SELECT ${ACTOR_COLUMNS} FROM actor a WHERE a.wikidata = ANY($1::text[])`, [qids])).map(toActor),
    (a) => a.externalIds.wikidata!,
  );

  const aliasesByActor = groupedLoader<string, Alias & { actorKey: string }>(
    async (keys) =>
      (
        await db.query<{ actor_key: string; value: string; lang: string | null }>(
          'SELECT actor_key, value, lang FROM actor_alias WHERE actor_key = ANY($1::text[]) AND ordinal < $2 ORDER BY actor_key, ordinal',
          [keys, LIST_BOUNDS.aliases],
        )
      ).map((r) => ({ actorKey: r.actor_key, value: r.value, lang: r.lang })),
    (a) => a.actorKey,
  );

  const membershipsByActor = groupedLoader<string, Membership>(
    async (keys) =>
      (
        await db.query<MembershipRow>(
          `SELECT ${MEMBERSHIP_COLUMNS} FROM membership m WHERE m.actor_key = ANY($1::text[]) AND m.ordinal < $2 ORDER BY m.actor_key, m.ordinal`,
          [keys, LIST_BOUNDS.memberships],
        )
      ).map(toMembership),
    (m) => m.actorKey,
  );

  // at most a page's maximum per parent, whatever the data: `parts(first:)` takes from these
  const partsByParent = groupedLoader<string, Actor>(
    async (keys) =>
      (
        await db.query<ActorRow>(
          `SELECT ${ACTOR_COLUMNS} FROM unnest($1::text[]) AS p(key)
           CROSS JOIN LATERAL (SELECT * FROM actor x WHERE x.part_of = p.key ORDER BY x.name, x.key LIMIT $2) a
           ORDER BY a.part_of, a.name, a.key`,
          [keys, MAX_PAGE_SIZE],
        )
      ).map(toActor),
    (a) => a.partOfKey!,
  );

  const partCountByParent = keyedLoader<string, { key: string; n: number }>(
    async (keys) =>
      db.query<{ key: string; n: number }>('SELECT p.key, (SELECT count(*)::int FROM actor a WHERE a.part_of = p.key) AS n FROM unnest($1::text[]) AS p(key)', [
        keys,
      ]),
    (c) => c.key,
  );

  /**
   * Pages of members, one loader per distinct (at, page): all organisations asked with the
   * same arguments share two queries (a LATERAL page per organisation, and the counts).
   */
  const membersLoaders = new Map<string, DataLoader<string, MembersPage>>();
  function members(at: string | null, page: PageRequest): DataLoader<string, MembersPage> {
    const memo = JSON.stringify([at, page]);
    let loader = membersLoaders.get(memo);
    if (loader) return loader;
    const after = decodeCursor(page.after, ['string', 'number'], 'after');
    const before = decodeCursor(page.before, ['string', 'number'], 'before');
    loader = new DataLoader<string, MembersPage>(async (orgs) => {
      const params: unknown[] = [orgs];
      const conditions: string[] = ['m.organization_key = o.key'];
      if (at !== null) {
        params.push(at);
        conditions.push(heldOnSql(`$${params.length}`));
      }
      const countConditions = [...conditions];
      const countParams = [...params];
      const add = (value: unknown) => {
        params.push(value);
        return `$${params.length}`;
      };
      if (after) conditions.push(keysetPredicate(MEMBER_ORDER, after, 'after', add));
      if (before) conditions.push(keysetPredicate(MEMBER_ORDER, before, 'before', add));
      params.push(page.size + 1);
      const [rows, counts] = await Promise.all([
        db.query<MembershipRow>(
          `SELECT ${MEMBERSHIP_COLUMNS} FROM unnest($1::text[]) AS o(key)
           CROSS JOIN LATERAL (
             SELECT * FROM membership m WHERE ${conditions.join(' AND ')}
             ORDER BY ${keysetOrder(MEMBER_ORDER, page.backward)} LIMIT $${params.length}
           ) m`,
          params,
        ),
        db.query<{ key: string; n: number }>(
          `SELECT o.key, count(m.*)::int AS n FROM unnest($1::text[]) AS o(key)
           LEFT JOIN membership m ON ${countConditions.join(' AND ')} GROUP BY o.key`,
          countParams,
        ),
      ]);
      const byOrg = new Map<string, Membership[]>();
      for (const r of rows.map(toMembership)) {
        const list = byOrg.get(r.organizationKey);
        if (list) list.push(r);
        else byOrg.set(r.organizationKey, [r]);
      }
      const total = new Map<string, number>(counts.map((c) => [c.key, c.n]));
      return orgs.map((o) => ({ rows: byOrg.get(o) ?? [], totalCount: total.get(o) ?? 0 }));
    });
    membersLoaders.set(memo, loader);
    return loader;
  }

  /** What an actor rolls up to on a day, keyed `actor␟day`; one roll-up query per batch. */
  const rollsUpTo = new DataLoader<string, string[]>(async (ids) =>
    rollup.ancestors(
      ids.map((id) => {
        const [actor, on] = id.split('\u001f');
        return { actor, on };
      }),
    ),
  );

  return { actorByKey, actorByWikidata, aliasesByActor, membershipsByActor, partsByParent, partCountByParent, members, rollsUpTo };
}

export type ActorLoaders = ReturnType<typeof createActorLoaders>;

export function membershipCursor(m: Membership): string {
  return encodeCursor([m.actorKey, m.ordinal]);
}
