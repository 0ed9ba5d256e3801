/**
 * The measures of the published quotation-extraction work (SFU Gender Gap Tracker, BBC Citron):
 * quotations matched to the gold ones by token overlap at a threshold, precision/recall/F1 per
 * form, and speaker accuracy on the quotations found. Pure: spans in, numbers out.
 */

export type Form = 'DIRECT_QUOTE' | 'INDIRECT_QUOTE';

export interface Span {
  form: Form;
  start: number;
  end: number;
  speaker: string | null;
  /** the finder's confidence, for found quotations */
  confidence?: number;
}

export interface Pair {
  gold: number;
  found: number;
  overlap: number;
}

/** Word-token positions of a text: [start, end) per token. Punctuation is not a token. */
export function wordTokens(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of text.matchAll(/[\p{L}\p{M}\p{N}]+/gu)) out.push([m.index, m.index + m[0].length]);
  return out;
}

/** The indexes of the tokens inside [start, end). */
export function tokensIn(tokens: Array<[number, number]>, start: number, end: number): Set<number> {
  const s = new Set<number>();
  for (let i = 0; i < tokens.length; i++) if (tokens[i][0] >= start && tokens[i][1] <= end) s.add(i);
  return s;
}

/**
 * Token overlap of two spans: shared tokens over the longer span's tokens, so a match at 0.8
 * means both the gold and the found quotation are mostly the same words (neither is a fragment
 * of the other).
 */
export function overlap(a: Set<number>, b: Set<number>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / Math.max(a.size, b.size);
}

/** One-to-one matching, best overlaps first; pairs under the threshold are not matches. */
export function match(gold: Set<number>[], found: Set<number>[], threshold: number): Pair[] {
  const candidates: Pair[] = [];
  gold.forEach((g, gi) =>
    found.forEach((f, fi) => {
      const o = overlap(g, f);
      if (o >= threshold && o > 0) candidates.push({ gold: gi, found: fi, overlap: o });
    }),
  );
  candidates.sort((a, b) => b.overlap - a.overlap || a.gold - b.gold || a.found - b.found);
  const usedG = new Set<number>();
  const usedF = new Set<number>();
  const pairs: Pair[] = [];
  for (const c of candidates) {
    if (usedG.has(c.gold) || usedF.has(c.found)) continue;
    usedG.add(c.gold);
    usedF.add(c.found);
    pairs.push(c);
  }
  return pairs.sort((a, b) => a.gold - b.gold);
}

export interface Counts {
  gold: number;
  found: number;
  matched: number;
}

export interface Scores extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

/** Precision and recall of an empty set are 1 when the other side is empty too (nothing to find, nothing found). */
export function scores(c: Counts): Scores {
  const precision = c.found === 0 ? (c.gold === 0 ? 1 : 0) : c.matched / c.found;
  const recall = c.gold === 0 ? (c.found === 0 ? 1 : 0) : c.matched / c.gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
}

export function addCounts(a: Counts, b: Counts): Counts {
  return { gold: a.gold + b.gold, found: a.found + b.found, matched: a.matched + b.matched };
}

/** Names compared as people write them: case, accents, a leading article and punctuation do not count. */
export function sameSpeaker(found: string | null, gold: string): boolean {
  if (!found) return false;
  const norm = (s: string): string =>
    s
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[’']s\b/g, '')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
      .replace(/^(the|el|la|los|las) /, '');
  return norm(found) === norm(gold);
}
