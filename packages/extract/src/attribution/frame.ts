import type { NameMention } from '../entities/names';
import type { QuoteSpan } from '../quotes/marks';
import type { Sentence } from '../text/sentences';
import { tokenize, type Token } from '../text/tokens';

/** A token of a sentence's frame: a quotation is one opaque token, so rules see its place, not its words. */
export interface FrameToken extends Token {
  quote?: QuoteSpan;
}

/** One sentence as the attribution rules see it. */
export interface Frame {
  sentence: Sentence;
  index: number;
  tokens: FrameToken[];
  /** name mentions by the index of their first and last token */
  namesByFirst: Map<number, NameMention>;
  namesByLast: Map<number, NameMention>;
}

export function buildFrameTokens(text: string, sentence: Sentence, quotes: QuoteSpan[]): FrameToken[] {
  const inside = quotes.filter((q) => q.open < sentence.end && q.close >= sentence.start);
  const out: FrameToken[] = [];
  let pos = sentence.start;
  for (const q of inside) {
    if (q.open > pos) out.push(...tokenize(text, pos, q.open));
    const end = Math.min(q.closed ? q.close + 1 : q.close, text.length);
    out.push({ text: '"Q"', lower: '"q"', start: q.open, end, cap: false, word: false, quote: q });
    pos = Math.max(pos, end);
  }
  if (pos < sentence.end) out.push(...tokenize(text, pos, sentence.end));
  return out;
}

export function indexNames(tokens: FrameToken[], names: NameMention[]): Pick<Frame, 'namesByFirst' | 'namesByLast'> {
  const namesByFirst = new Map<number, NameMention>();
  const namesByLast = new Map<number, NameMention>();
  let n = 0;
  for (let i = 0; i < tokens.length && n < names.length; i++) {
    const m = names[n];
    if (tokens[i].start !== m.start) continue;
    let j = i;
    while (j + 1 < tokens.length && tokens[j + 1].start < m.end) j++;
    namesByFirst.set(i, m);
    namesByLast.set(j, m);
    n++;
    i = j;
  }
  return { namesByFirst, namesByLast };
}
