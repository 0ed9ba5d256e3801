import type { QuoteSpan } from '../quotes/marks';
import { isSoftBreak } from './breaks';

/**
 * Sentences with offsets. Quotations are opaque: a full stop inside a quote never ends the
 * sentence around it (“We will not move. Not an inch,” she said. is one sentence), but a quote
 * that ends in a full stop ends its sentence. Paragraph breaks always end a sentence, except inside
 * a quotation that runs over several paragraphs.
 */
export interface Sentence {
  start: number;
  end: number;
  paragraph: number;
}

const ABBREVIATIONS = new Set(
  'mr mrs ms dr prof sen rep gov gen lt col sgt capt st jr sr sra srta dña dra inc ltd corp co vs etc no nos jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k e.u ee.uu a.m p.m i.e e.g approx dept univ ave blvd ud uds pág núm art fig vol ed eds cia av. excmo excma ilmo'.split(
    ' ',
  ),
);

/** The article text with quotation contents replaced by 'x', keeping a quote's final full stop. */
export function maskQuotes(text: string, spans: QuoteSpan[]): string {
  const parts: string[] = [];
  let pos = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start < pos) continue;
    const last = END_MARKS.has(text[s.end - 1]) ? s.end - 1 : s.end;
    parts.push(text.slice(pos, s.start), 'x'.repeat(last - s.start));
    pos = last;
    // an unclosed quotation ends with its paragraph
    if (!s.closed && s.close > last) {
      parts.push(text.slice(last, s.close).replace(/[^\n]/g, 'x'));
      pos = s.close;
    }
  }
  parts.push(text.slice(pos));
  return parts.join('');
}

const END_MARKS = new Set(['.', '!', '?', '…']);
const CLOSERS_AFTER = new Set(['”', '’', '"', "'", '»', ')', ']']);

export function splitSentences(text: string, spans: QuoteSpan[]): Sentence[] {
  const masked = maskQuotes(text, spans);
  const out: Sentence[] = [];
  let paragraph = 0;
  let start = 0;
  const push = (end: number): void => {
    let s = start;
    let e = end;
    while (s < e && /\s/u.test(text[s])) s++;
    while (e > s && /\s/u.test(text[e - 1])) e--;
    if (e > s) out.push({ start: s, end: e, paragraph });
  };
  for (let i = 0; i < masked.length; i++) {
    const c = masked[i];
    if (c === '\n' && !isSoftBreak(text, i)) {
      push(i);
      start = i + 1;
      if (i + 1 < masked.length && masked[i + 1] !== '\n') paragraph++;
      continue;
    }
    if (!END_MARKS.has(c)) continue;
    let j = i + 1;
    while (j < masked.length && CLOSERS_AFTER.has(masked[j])) j++;
    if (j >= masked.length || !/[ \t]/.test(masked[j])) continue;
    let k = j;
    while (k < masked.length && /[ \t]/.test(masked[k])) k++;
    const next = masked[k];
    if (next === undefined || next === '\n') continue;
    if (!/[\p{Lu}\p{N}“"‘'«„¿¡—–(]/u.test(next)) continue;
    if (c === '.') {
      const word = /([\p{L}.]+)$/u.exec(masked.slice(Math.max(0, i - 12), i))?.[1] ?? '';
      if (ABBREVIATIONS.has(word.toLowerCase())) continue;
      if (/^\p{Lu}$/u.test(word)) continue; // an initial: "J. Smith"
    }
    push(j);
    start = j;
    i = j - 1;
  }
  push(masked.length);
  return out;
}
