import { badInput, boundDay, bucketCount, bucketStarts, MAX_BUCKETS, nextBucket, notFound, Params } from '@newsgraph/kit';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { StatementsContext } from '../context';
import { RollupInterval } from '../rollup/actors-directory';
import { filterClauses, KeyCheck, saidAtWindow } from '../statement/statement.sql';
import { StanceKind, StatementFilter } from '../statement/statement.types';
import { countRows, CountRow } from './counts.sql';
import { CountBucket, CountInterval, CountPart, CountSplit, StatementCounts } from './counts.types';

export const DEFAULT_SPLIT_ACTORS = 10;
export const MAX_SPLIT_ACTORS = 50;

function bucketsOf(rows: CountRow[], first: string | null, last: string | null, interval: CountInterval, split: CountSplit | null): CountBucket[] {
  const days = rows.map((r) => r.bucket).sort();
  const from = first ?? days[0];
  const to = last ?? days[days.length - 1];
  if (from === undefined || to === undefined) return [];
  if (bucketCount(from, to, interval) > MAX_BUCKETS) {
    throw badInput(
      'interval',
      `${from} to ${to} is more than ${MAX_BUCKETS} buckets of one ${interval.toLowerCase()}: use a longer interval or narrow filter.saidAfter / filter.saidBefore`,
    );
  }
  const partsOrder: (string | null)[] = split === 'STANCE' ? [StanceKind.AFFIRMS, StanceKind.DENIES, null] : split === 'ACTOR' ? actorOrder(rows) : [];
  const byBucket = new Map<string, { total: number; parts: Map<string | null, number> }>();
  for (const r of rows) {
    let b = byBucket.get(r.bucket);
    if (!b) byBucket.set(r.bucket, (b = { total: 0, parts: new Map() }));
    if (split === 'STANCE') {
      if (r.total) b.total = r.n;
      else b.parts.set(r.part ?? null, r.n);
    } else {
      b.total += r.n;
      if (split === 'ACTOR') b.parts.set(r.part ?? null, r.n);
    }
  }
  return bucketStarts(from, to, interval).map((start) => {
    const b = byBucket.get(start);
    return {
      start,
      end: nextBucket(start, interval),
      count: b?.total ?? 0,
      parts: partsOrder.map((p): CountPart => ({
        stance: split === 'STANCE' ? (p as StanceKind | null) : null,
        actor: split === 'ACTOR' && p !== null ? { key: p } : null,
        count: b?.parts.get(p) ?? 0,
      })),
    };
  });
}

/** Speakers with a part of their own, most statements first (then key), then "others" if any. */
function actorOrder(rows: CountRow[]): (string | null)[] {
  const sums = new Map<string | null, number>();
  for (const r of rows) sums.set(r.part ?? null, (sums.get(r.part ?? null) ?? 0) + r.n);
  const named = [...sums].filter(([k]) => k !== null) as [string, number][];
  named.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return [...named.map(([k]) => k), ...(sums.has(null) ? [null] : [])];
}

@Resolver()
export class StatementCountsResolver {
  @Query(() => StatementCounts, {
    description: `Counts of the statements matching a filter per day, week or month, optionally split by stance or speaker, for charts without shipping rows. One SQL query per request. At most ${MAX_BUCKETS} buckets: a longer range is a BAD_USER_INPUT error.`,
  })
  async statementCounts(
    @Arg('filter', () => StatementFilter, { nullable: true, description: 'Which statements to count (as in `statements`).' }) filter: StatementFilter | null,
    @Arg('interval', () => CountInterval, { defaultValue: CountInterval.DAY, description: 'The bucket width (default DAY).' }) interval: CountInterval,
    @Arg('split', () => CountSplit, { nullable: true, description: 'Split each bucket by stance or by speaker; none: totals only.' }) split: CountSplit | null,
    @Arg('actors', () => Int, {
      nullable: true,
      description: `With split ACTOR: how many speakers get a part of their own, 1 to ${MAX_SPLIT_ACTORS} (default ${DEFAULT_SPLIT_ACTORS}).`,
    })
    actors: number | null,
    @Ctx() ctx: StatementsContext,
  ): Promise<StatementCounts> {
    const top = actors ?? DEFAULT_SPLIT_ACTORS;
    if (!Number.isInteger(top) || top < 1 || top > MAX_SPLIT_ACTORS) {
      throw badInput('actors', `must be an integer from 1 to ${MAX_SPLIT_ACTORS}, got ${top}`);
    }
    if (actors != null && split !== CountSplit.ACTOR) throw badInput('actors', 'only applies together with split: ACTOR');
    const params = new Params();
    const by: RollupInterval[][] = [];
    const checks: KeyCheck[] = [];
    const deps = { db: ctx.db, rollup: (k: string) => ctx.loaders.rollup.load(k) };
    const where = [
      ...(await filterClauses(filter, params, deps, 's', { byIntervals: by, keyChecks: checks })),
      // lets a period range over the said_at indexes: the cost follows the period, not the archive
      ...saidAtWindow('s', filter?.saidAfter, filter?.saidBefore, params),
    ];
    const first = boundDay(filter?.saidAfter, 'start');
    const last = boundDay(filter?.saidBefore, 'end');
    if (first !== null && last !== null && bucketCount(first, last, interval) > MAX_BUCKETS) {
      // refused before the query: the range alone decides
      bucketsOf([], first, last, interval, split);
    }
    const { rows, known } = await countRows(ctx.db, where, params, by[0] ?? null, interval, split, filter?.claim ?? null, top, checks);
    checks.forEach((c, k) => {
      if (!known[k]) throw notFound(c.kind, c.key);
    });
    const buckets = bucketsOf(rows, first, last, interval, split);
    return { interval, split, total: buckets.reduce((n, b) => n + b.count, 0), buckets };
  }
}
