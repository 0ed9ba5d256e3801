/**
 * Dates in newsgraph come in two shapes:
 * - partial dates (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) for memberships, which cover a whole period;
 * - "said at" values, either a day or an ISO instant with an explicit offset.
 * Periods are half-open day ranges `[start, endExclusive)` so that "held on day d" is one comparison.
 */

export interface DayRange {
  /** first day of the period, `YYYY-MM-DD` */
  start: string;
  /** the day after the last day of the period, `YYYY-MM-DD` */
  endExclusive: string;
}

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function isoDay(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; returns null when it is not a real date of that shape. */
export function parsePartialDate(value: string): DayRange | null {
  const m = PARTIAL_DATE.exec(value);
  if (!m) return null;
  const y = Number(m[1]);
  if (y < 1) return null;
  if (m[2] === undefined) return { start: isoDay(y, 1, 1), endExclusive: isoDay(y + 1, 1, 1) };
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) return null;
  if (m[3] === undefined) {
    return {
      start: isoDay(y, mo, 1),
      endExclusive: mo === 12 ? isoDay(y + 1, 1, 1) : isoDay(y, mo + 1, 1),
    };
  }
  const d = Number(m[3]);
  if (d < 1 || d > daysInMonth(y, mo)) return null;
  return { start: isoDay(y, mo, d), endExclusive: nextDay(isoDay(y, mo, d)) };
}

/** `YYYY-MM-DD` of the following day. */
export function nextDay(day: string): string {
  const t = Date.parse(`${day}T00:00:00Z`) + 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

export interface SaidAt {
  /** the instant (for a day: midnight UTC of that day), as an ISO string in UTC */
  instant: string;
  /** the calendar day the statement was said, in the offset it was reported with */
  day: string;
  precision: 'DAY' | 'INSTANT';
  /** the value as given, normalised (a day, or the instant with its original offset) */
  original: string;
}

/** Parses a "said at" value: a full day `YYYY-MM-DD` or an ISO instant with `Z` or an offset. */
export function parseSaidAt(value: string): SaidAt | null {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? parsePartialDate(value) : null;
  if (day) {
    return { instant: `${day.start}T00:00:00.000Z`, day: day.start, precision: 'DAY', original: day.start };
  }
  const m = INSTANT.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number);
  if (!parsePartialDate(`${m[1]}-${m[2]}-${m[3]}`) || h > 23 || mi > 59 || s > 59) return null;
  const offset = m[8];
  if (offset !== 'Z') {
    const oh = Number(offset.slice(1, 3));
    const om = Number(offset.slice(4, 6));
    if (oh > 18 || om > 59) return null;
  }
  const t = Date.parse(value);
  if (Number.isNaN(t)) return null;
  return {
    instant: new Date(t).toISOString(),
    day: isoDay(y, mo, d),
    precision: 'INSTANT',
    original: value,
  };
}

/**
 * A bound for a "said after/before" or "published after/before" filter: a partial date or an
 * instant. Returns the instant in UTC (a partial date bound is its first moment) or null.
 */
export function parseInstantBound(value: string, edge: 'start' | 'end'): string | null {
  const range = parsePartialDate(value);
  if (range) return `${edge === 'start' ? range.start : range.endExclusive}T00:00:00.000Z`;
  const said = parseSaidAt(value);
  return said && said.precision === 'INSTANT' ? said.instant : null;
}
