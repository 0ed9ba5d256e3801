import { en } from './en';
import { es } from './es';
import type { Lexicon } from './types';

const LEXICONS: Record<string, Lexicon> = { en, es };

/** The lexicon for an ISO 639-1 code ('es-ES' and 'ES' count as 'es'); English rules otherwise. */
export function lexiconFor(language: string): Lexicon {
  return LEXICONS[language.slice(0, 2).toLowerCase()] ?? en;
}

export const SUPPORTED_LANGUAGES = Object.keys(LEXICONS);
