/**
 * Day ranges `[from, to)` as `YYYY-MM-DD` strings, null meaning unbounded on that side. ISO days
 * with four-digit years sort as strings, so every comparison here is a string comparison.
 */
export interface DayInterval {
  from: string | null;
  to: string | null;
}

export const ALWAYS: DayInterval = Object.freeze({ from: null, to: null });

function isEmpty(i: DayInterval): boolean {
  return i.from !== null && i.to !== null && i.from >= i.to;
}

/** Later of two starts (null = -infinity). */
function laterStart(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

/** Earlier of two ends (null = +infinity). */
function earlierEnd(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}

/** True when day `d` lies in `[from, to)`. */
export function contains(i: DayInterval, day: string): boolean {
  return (i.from === null || i.from <= day) && (i.to === null || day < i.to);
}

/** The intersection of two intervals, or null when they do not overlap. */
export function intersect(a: DayInterval, b: DayInterval): DayInterval | null {
  const r = { from: laterStart(a.from, b.from), to: earlierEnd(a.to, b.to) };
  return isEmpty(r) ? null : r;
}

/** The parts of a merged set that lie inside `window`. */
export function clip(set: readonly DayInterval[], window: DayInterval): DayInterval[] {
  const out: DayInterval[] = [];
  for (const i of set) {
    const r = intersect(i, window);
    if (r) out.push(r);
  }
  return out;
}

/**
 * Sorts and merges intervals: overlapping or adjacent ones (one ends the day the next starts)
 * become one, empty ones disappear. The result is the canonical form of the set, so two sets
 * are equal exactly when their merged forms are equal element by element.
 */
export function mergeIntervals(list: readonly DayInterval[]): DayInterval[] {
  const sorted = list
    .filter((i) => !isEmpty(i))
    .map((i) => ({ from: i.from, to: i.to }))
    .sort((a, b) => (a.from === b.from ? 0 : a.from === null ? -1 : b.from === null ? 1 : a.from < b.from ? -1 : 1));
  const out: DayInterval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    // touching counts: [a, b) and [b, c) are the same days as [a, c)
    if (last && (last.to === null || i.from === null || i.from <= last.to)) {
      last.to = last.to === null || i.to === null ? null : last.to > i.to ? last.to : i.to;
    } else {
      out.push(i);
    }
  }
  return out;
}

export function sameIntervals(a: readonly DayInterval[], b: readonly DayInterval[]): boolean {
  return a.length === b.length && a.every((x, k) => x.from === b[k].from && x.to === b[k].to);
}
