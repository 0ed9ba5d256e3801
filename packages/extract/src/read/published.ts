import { parseSaidAt } from '@newsgraph/news-package';

const MONTHS: Record<string, number> = {
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  enero: 1,
  febrero: 2,
  marzo: 3,
  abril: 4,
  mayo: 5,
  junio: 6,
  julio: 7,
  agosto: 8,
  septiembre: 9,
  setiembre: 9,
  octubre: 10,
  noviembre: 11,
  diciembre: 12,
};

const pad = (n: number) => String(n).padStart(2, '0');

function day(y: number, m: number, d: number): string | null {
  const text = `${y}-${pad(m)}-${pad(d)}`;
  return parseSaidAt(text) ? text : null;
}

/**
 * A publication date as found in an article (a JSON field, a meta tag, JSON-LD) in the form the
 * package keeps (`YYYY-MM-DD`, or an ISO instant with its offset); null when it cannot be read.
 * An instant without an offset keeps only its day: its hour in an unknown zone could move the day
 * in any other reading, while the printed day is what the outlet meant.
 */
export function normalisePublished(raw: string): string | null {
  const value = raw.trim();
  if (!value) return null;
  if (parseSaidAt(value)) return value;
  // `+0200` (no colon) is common in meta tags; the package wants `+02:00`
  const compact = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)([+-]\d{2})(\d{2})$/.exec(value);
  if (compact && parseSaidAt(`${compact[1]}${compact[2]}:${compact[3]}`)) return `${compact[1]}${compact[2]}:${compact[3]}`;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(value);
  if (iso) return day(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const folded = value
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '');
  // "March 5, 2026", "5 March 2026", "5 de marzo de 2026"
  const mdy = /\b([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})\b/.exec(folded);
  if (mdy && MONTHS[mdy[1]]) return day(Number(mdy[3]), MONTHS[mdy[1]], Number(mdy[2]));
  const dmy = /\b(\d{1,2}) (?:de )?([a-z]+)\.?,? (?:de )?(\d{4})\b/.exec(folded);
  if (dmy && MONTHS[dmy[2]]) return day(Number(dmy[3]), MONTHS[dmy[2]], Number(dmy[1]));
  return null;
}

/** Two-letter (or three-letter) language from `en`, `en-GB`, `es_ES`; null otherwise. */
export function normaliseLanguage(raw: string | null | undefined): string | null {
  const m = /^([a-z]{2,3})(?:[-_][A-Za-z0-9]{2,8})*$/i.exec((raw ?? '').trim());
  return m ? m[1].toLowerCase() : null;
}
