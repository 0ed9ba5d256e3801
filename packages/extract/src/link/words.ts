/**
 * Words as linking compares them: case and accents folded, punctuation dropped, function words
 * (English and Spanish) left out, and a light suffix stripping so that "agreed", "agrees" and
 * "agreement", or "bases" and "base", meet. Both sides of every comparison go through the same
 * functions, so the stems only need to be consistent, not linguistically right.
 */

import { STOP_WORDS } from './stop-words';

export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** A name reduced for exact comparison: folded, punctuation as spaces, a leading article dropped. */
export function nameForm(name: string): string {
  return fold(name)
    .replace(/[’']s\b/g, 's')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^(the|el|la|los|las) /, '');
}

export function nameTokens(name: string): string[] {
  return nameForm(name).split(' ').filter(Boolean);
}

const STOP = new Set(Object.values(STOP_WORDS).flatMap((list) => list.split(/\s+/)));

/** `us` (the country) must survive as a word even though it is an English pronoun. */
const KEEP = new Set(['us', 'uk', 'eu', 'un']);

const SUFFIXES: ReadonlyArray<readonly [string, number]> = [
  ['ations', 4],
  ['ation', 4],
  ['ating', 4],
  ['ments', 4],
  ['ment', 4],
  ['ings', 4],
  ['ing', 4],
  ['ies', 3],
  ['ied', 3],
  ['ates', 4],
  ['ated', 4],
  ['ate', 4],
  ['at', 4],
  ['ed', 4],
  ['es', 4],
  ['s', 3],
  ['d', 3],
  ['ly', 4],
  ['ciones', 4],
  ['cion', 4],
  ['mente', 4],
  ['ar', 4],
  ['er', 5],
  ['ir', 4],
  ['os', 4],
  ['as', 4],
  ['o', 4],
  ['a', 4],
  ['e', 4],
];

/** At most two suffixes off ("cooperating" -> "cooperat" -> "cooper"), never below the minimum length. */
function stem(word: string): string {
  let w = word;
  for (let pass = 0; pass < 2; pass++) {
    const hit = SUFFIXES.find(([suffix, min]) => w.length - suffix.length >= min && w.endsWith(suffix));
    if (!hit) break;
    w = w.slice(0, -hit[0].length);
  }
  return w;
}

/** Content words of a text, stemmed, in order (repeats kept: term frequency matters). */
export function contentWords(text: string): string[] {
  const out: string[] = [];
  for (const raw of fold(text)
    .replace(/[’']s\b/g, '')
    .split(/[^\p{L}\p{N}]+/u)) {
    if (!raw) continue;
    if (KEEP.has(raw)) {
      out.push(raw);
      continue;
    }
    if (raw.length < 2 || STOP.has(raw)) continue;
    out.push(stem(raw));
  }
  return out;
}
