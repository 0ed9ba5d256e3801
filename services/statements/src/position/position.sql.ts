import { decodeCursor, encodeCursor, Params } from '@newsgraph/kit';
import { DataSource } from 'typeorm';
import { RollupInterval } from '../rollup/actors-directory';
import { byRowTest, STATEMENT_COLUMNS, toStatementModel } from '../statement/statement.sql';
import type { StatementRow } from '../statement/statement.sql';
import { StanceKind, StatementModel } from '../statement/statement.types';
import { PositionChangeModel, PositionModel } from './position.types';

/** A position's place on its timeline: the statement's instant, then its key. */
export function positionCursor(p: PositionModel): string {
  return encodeCursor([p.statement.saidAtInstant, p.statement.key]);
}

export function changeCursor(c: PositionChangeModel): string {
  return encodeCursor([c.after.statement.saidAtInstant, c.after.statement.key, c.claimKey, c.actorKey]);
}

type PositionRow = StatementRow & { claim_key: string; stance: StanceKind };

function toPosition(row: PositionRow): PositionModel {
  return { claimKey: row.claim_key, stance: row.stance, statement: toStatementModel(row) };
}

/**
 * The stances taken on one claim, oldest first, optionally only by statements "by" an actor
 * (its roll-up intervals). The claim's stances come from the (claim_key, stance) index and "by"
 * is a test of each row against the intervals, so a page costs the claim's stances up to the
 * cursor at most, never the archive.
 */
export async function positionsPage(
  db: DataSource,
  claimKey: string,
  by: readonly RollupInterval[] | null,
  first: number,
  after: string | null | undefined,
): Promise<{ rows: PositionModel[]; totalCount: () => Promise<number> }> {
  const cursor = decodeCursor(after, ['string', 'string']);
  const params = new Params();
  const where = [`st.claim_key = ${params.add(claimKey)}`];
  if (by) where.push(byRowTest('s', by, params));
  const countParams = [...params.values];
  const countWhere = [...where];
  if (cursor) where.push(`(s.said_at, s.key) > (${params.add(cursor[0])}::timestamptz, ${params.add(cursor[1])})`);
  const rows = await db.query<PositionRow[]>(
    `SELECT st.claim_key, st.stance, ${STATEMENT_COLUMNS} FROM stance st JOIN statement s ON s.key = st.statement_key
      WHERE ${where.join(' AND ')} ORDER BY s.said_at, s.key LIMIT ${params.add(first + 1)}`,
    params.values,
  );
  const totalCount = async () => {
    if (!cursor && rows.length <= first) return rows.length;
    const [{ count }] = await db.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM stance st JOIN statement s ON s.key = st.statement_key WHERE ${countWhere.join(' AND ')}`,
      countParams,
    );
    return count;
  };
  return { rows: rows.map(toPosition), totalCount };
}

/**
 * Every stance taken on a claim, oldest first, with only what ordering and the top-level rule
 * need of each statement (key, instant, speaker, onBehalfOf, day): Claim.positionChanges folds
 * these per top-level actor in memory, and reads in full only the statements of the page it
 * returns. The cost is the claim's stances, read from the (claim_key, stance) index.
 */
export async function allPositions(db: DataSource, claimKey: string): Promise<PositionModel[]> {
  const rows = await db.query<
    { claim_key: string; stance: StanceKind; key: string; speaker_key: string; on_behalf_of_key: string | null; said_on: string; said_at: Date }[]
  >(
    `SELECT st.claim_key, st.stance, s.key, s.speaker_key, s.on_behalf_of_key, s.said_on::text AS said_on, s.said_at
       FROM stance st JOIN statement s ON s.key = st.statement_key
      WHERE st.claim_key = $1 ORDER BY s.said_at, s.key`,
    [claimKey],
  );
  return rows.map((r) => ({
    claimKey: r.claim_key,
    stance: r.stance,
    // a partial statement: the resolver swaps in the full one for the rows it returns
    statement: {
      key: r.key,
      speakerKey: r.speaker_key,
      onBehalfOfKey: r.on_behalf_of_key,
      saidOn: r.said_on,
      saidAtInstant: new Date(r.said_at).toISOString(),
    } as unknown as StatementModel,
  }));
}

/**
 * An actor's changes of position (statements by it, with the roll-up at each statement's date):
 * per claim its stances in time order, and wherever one differs from the one before, a change.
 * One SQL query: the statements by the actor (key and instant) come from the (speaker | onBehalfOf,
 * said_at) indexes alone, one range per roll-up interval, and a window over each claim's stances
 * finds the turns; only the statements of the page's turns are then read in full.
 */
export async function actorChangesPage(
  db: DataSource,
  actorKey: string,
  by: readonly RollupInterval[],
  claimKey: string | null,
  first: number,
  after: string | null | undefined,
): Promise<{ rows: PositionChangeModel[]; totalCount: () => Promise<number> }> {
  const cursor = decodeCursor(after, ['string', 'string', 'string', 'string']);
  if (by.length === 0) return { rows: [], totalCount: async () => 0 };
  const params = new Params();
  const iv = `SELECT * FROM unnest(${params.add(by.map((i) => i.actor))}::text[], ${params.add(by.map((i) => i.from))}::date[],
      ${params.add(by.map((i) => i.to))}::date[]) AS r(actor, f, t)`;
  const side = (column: string) =>
    `SELECT s.key, s.said_at FROM iv JOIN statement s ON s.${column} = iv.actor AND (iv.f IS NULL OR s.said_on >= iv.f) AND (iv.t IS NULL OR s.said_on < iv.t)`;
  const claim = claimKey === null ? '' : ` AND st.claim_key = ${params.add(claimKey)}`;
  const base = `WITH iv AS (${iv}),
    by_actor AS (${side('speaker_key')} UNION ${side('on_behalf_of_key')}),
    seq AS (
      SELECT st.claim_key, st.stance, b.key, b.said_at,
             lag(st.stance) OVER w AS prev_stance, lag(b.key) OVER w AS prev_key
        FROM by_actor b JOIN stance st ON st.statement_key = b.key${claim}
      WINDOW w AS (PARTITION BY st.claim_key ORDER BY b.said_at, b.key)
    ),
    turn AS (SELECT * FROM seq WHERE prev_stance IS NOT NULL AND prev_stance <> stance)`;
  const countParams = [...params.values];
  const page = cursor
    ? `WHERE (t.said_at, t.key, t.claim_key) > (${params.add(cursor[0])}::timestamptz, ${params.add(cursor[1])}, ${params.add(cursor[2])})`
    : '';
  const turns = await db.query<{ claim_key: string; stance: StanceKind; prev_stance: StanceKind; key: string; prev_key: string }[]>(
    `${base} SELECT t.claim_key, t.stance, t.prev_stance, t.key, t.prev_key FROM turn t ${page}
      ORDER BY t.said_at, t.key, t.claim_key LIMIT ${params.add(first + 1)}`,
    params.values,
  );
  const keys = [...new Set(turns.flatMap((t) => [t.key, t.prev_key]))];
  const found = keys.length ? await db.query<StatementRow[]>(`SELECT ${STATEMENT_COLUMNS} FROM statement s WHERE s.key = ANY($1)`, [keys]) : [];
  const statements = new Map<string, StatementModel>(found.map((r) => [r.key, toStatementModel(r)]));
  const rows = turns.map((t): PositionChangeModel => ({
    actorKey,
    claimKey: t.claim_key,
    before: { claimKey: t.claim_key, stance: t.prev_stance, statement: statements.get(t.prev_key)! },
    after: { claimKey: t.claim_key, stance: t.stance, statement: statements.get(t.key)! },
  }));
  const totalCount = async () => {
    if (!cursor && rows.length <= first) return rows.length;
    const [{ count }] = await db.query<{ count: number }[]>(`${base} SELECT count(*)::int AS count FROM turn`, countParams);
    return count;
  };
  return { rows, totalCount };
}

/** Folds a claim's positions (oldest first) into changes per top-level actor, in time order. */
export function changesPerActor(positions: readonly PositionModel[], actorsOf: readonly string[][]): PositionChangeModel[] {
  const last = new Map<string, PositionModel>();
  const out: PositionChangeModel[] = [];
  positions.forEach((p, n) => {
    for (const actor of actorsOf[n]) {
      const before = last.get(actor);
      if (before && before.stance !== p.stance) out.push({ actorKey: actor, claimKey: p.claimKey, before, after: p });
      last.set(actor, p);
    }
  });
  // already in time order of `after`; actors of one statement by key (actorsOf is sorted)
  return out;
}

/** The changes after a cursor (changeCursor), for lists paged in memory. */
export function afterChangeCursor(changes: readonly PositionChangeModel[], after: string | null | undefined): PositionChangeModel[] {
  const cursor = decodeCursor(after, ['string', 'string', 'string', 'string']) as string[] | null;
  if (!cursor) return [...changes];
  const position = (c: PositionChangeModel) => [c.after.statement.saidAtInstant, c.after.statement.key, c.claimKey, c.actorKey];
  const k = changes.findIndex((c) => compareTuples(position(c), cursor) > 0);
  return k < 0 ? [] : changes.slice(k);
}

function compareTuples(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}
