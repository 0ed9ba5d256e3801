import { en } from '../lexicon/en';
import { es } from '../lexicon/es';
import { fold } from './fold';

const DETECTABLE = [en, es];

/**
 * The article's language from its frequent words. Only the languages the finder has a lexicon for
 * can win; a text with no frequent word of any ('und', 'der' …) is reported as 'und' (undetermined)
 * rather than guessed, and the caller falls back to English rules.
 */
export function detectLanguage(text: string): string {
  const counts = DETECTABLE.map(() => 0);
  const folded = DETECTABLE.map((l) => new Set([...l.stopwords].map(fold)));
  let words = 0;
  for (const m of text.slice(0, 20_000).matchAll(/[\p{L}]+/gu)) {
    const w = fold(m[0]);
    words++;
    folded.forEach((set, i) => {
      if (set.has(w)) counts[i]++;
    });
  }
  const best = counts.indexOf(Math.max(...counts));
  if (words === 0 || counts[best] < Math.max(2, words * 0.08)) return 'und';
  return DETECTABLE[best].language;
}
