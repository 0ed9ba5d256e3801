import type { Lexicon } from '../lexicon/types';
import type { FrameToken } from './frame';

/** The publication day as YYYY-MM-DD, or undefined when the article does not say. */
export function publicationDay(publishedAt: string | undefined): string | undefined {
  const m = publishedAt && /^(\d{4}-\d{2}-\d{2})/.exec(publishedAt);
  return m ? m[1] : undefined;
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The day the words were said, from the attribution's own words ("said on Tuesday", "dijo ayer").
 * A weekday is the latest such day on or before publication (news reports the past week);
 * with no publication day nothing is dated, never guessed.
 */
export function saidAtFrom(tokens: FrameToken[], lex: Lexicon, published: string | undefined): string | undefined {
  if (!published) return undefined;
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i].lower;
    const two = `${w} ${tokens[i + 1]?.lower ?? ''}`;
    const rel = lex.relativeDays.get(two) ?? lex.relativeDays.get(w);
    if (rel !== undefined) return addDays(published, rel);
    const wd = lex.weekdays.indexOf(w);
    if (wd >= 0) {
      const pubWd = new Date(`${published}T00:00:00Z`).getUTCDay();
      return addDays(published, -((pubWd - wd + 7) % 7));
    }
  }
  return undefined;
}
