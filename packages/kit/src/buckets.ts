import { parseInstantBound, parsePartialDate } from '@newsgraph/news-package';

/**
 * Calendar buckets over days (`YYYY-MM-DD`), in UTC arithmetic on dates (a day has no time zone
 * here: it is the day a statement was said, in its own offset). Pure functions, tested alone.
 */
export type BucketInterval = 'DAY' | 'WEEK' | 'MONTH';

/**
 * A chart cannot use more; a longer range is refused with a hint (statements' statementCounts),
 * and the gateway prices statementCounts by this bound when the range is open.
 */
export const MAX_BUCKETS = 1000;

function toDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

function toDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The first day of the bucket holding `day`: itself, its ISO week's Monday, its month's first. */
export function bucketStart(day: string, interval: BucketInterval): string {
  if (interval === 'DAY') return day;
  if (interval === 'MONTH') return `${day.slice(0, 7)}-01`;
  const d = toDate(day);
  // getUTCDay: Sunday 0 .. Saturday 6; ISO weeks start on Monday
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return toDay(d);
}

/** The first day of the bucket after the one starting on `start`. */
export function nextBucket(start: string, interval: BucketInterval): string {
  const d = toDate(start);
  if (interval === 'DAY') d.setUTCDate(d.getUTCDate() + 1);
  else if (interval === 'WEEK') d.setUTCDate(d.getUTCDate() + 7);
  else d.setUTCMonth(d.getUTCMonth() + 1);
  return toDay(d);
}

/** The day before `day`. */
export function previousDay(day: string): string {
  const d = toDate(day);
  d.setUTCDate(d.getUTCDate() - 1);
  return toDay(d);
}

/**
 * How many buckets `[first, last]` (days, both included) spans; stops counting past `cap`, so a
 * huge range (year 1 to 9999) costs nothing to refuse.
 */
export function bucketCount(first: string, last: string, interval: BucketInterval, cap = MAX_BUCKETS): number {
  if (last < first) return 0;
  const end = bucketStart(last, interval);
  let n = 1;
  for (let b = bucketStart(first, interval); b < end && n <= cap; b = nextBucket(b, interval)) n += 1;
  return n;
}

/** The bucket starts from the bucket of `first` to that of `last`, in order. */
export function bucketStarts(first: string, last: string, interval: BucketInterval): string[] {
  const out: string[] = [];
  if (last < first) return out;
  const end = bucketStart(last, interval);
  for (let b = bucketStart(first, interval); b <= end; b = nextBucket(b, interval)) out.push(b);
  return out;
}

/**
 * The first day a `saidAfter` bound admits (edge 'start') or the last day a `saidBefore` bound
 * admits (edge 'end', exclusive bound); null when absent or malformed (the list query refuses a
 * malformed one with its own error). A date bound is whole days; an instant bound admits part of
 * its UTC day, which counts.
 */
export function boundDay(value: string | null | undefined, edge: 'start' | 'end'): string | null {
  if (value == null) return null;
  const range = parsePartialDate(value);
  if (range) return edge === 'start' ? range.start : previousDay(range.start);
  const instant = parseInstantBound(value, edge);
  return instant ? new Date(instant).toISOString().slice(0, 10) : null;
}
