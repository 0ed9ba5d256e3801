/**
 * Tokens with offsets into the article text. Words keep inner apostrophes, hyphens and dots
 * ("Spain’s", "Pérez-Castejón", "U.S."); every other non-space character is a token of its own.
 */
export interface Token {
  text: string;
  /** lowercase text, accents kept */
  lower: string;
  start: number;
  end: number;
  /** starts with an uppercase letter */
  cap: boolean;
  /** a word (letters or digits), not punctuation */
  word: boolean;
}

const TOKEN =
  /\p{Lu}\.(?=\s+\p{Lu}\p{Ll})|(?:Dr|Mr|Mrs|Ms|Prof|Sr|Sra|Srta|Dra|Dña|St|Gen|Gov|Sen|Rep|Lt|Col|Capt|Sgt|Mt)\.(?=\s)|(?:\p{Lu}\.){2,}|[\p{L}\p{M}\p{N}]+(?:[’'\-.&][\p{L}\p{M}\p{N}]+)*|\S/gu;

export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = from;
  for (let m = TOKEN.exec(text); m && m.index < to; m = TOKEN.exec(text)) {
    const t = m[0];
    if (m.index + t.length > to) break;
    const word = /[\p{L}\p{N}]/u.test(t);
    out.push({ text: t, lower: t.toLowerCase(), start: m.index, end: m.index + t.length, cap: /^\p{Lu}/u.test(t), word });
  }
  return out;
}

/** "Spain’s" -> "Spain" when the token is a possessive; the token's own text otherwise. */
export function stripPossessive(word: string): string {
  return word.replace(/[’']s$/u, '').replace(/s[’']$/u, 's');
}

export function isPossessive(word: string): boolean {
  return /[’']s$/u.test(word) || /s[’']$/u.test(word);
}
