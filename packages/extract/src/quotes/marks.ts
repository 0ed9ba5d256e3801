/**
 * Pairs quotation marks into spans. Handles “…” "…" «…» „…“ „…” ‘…’ ‹…› and straight '…' where it
 * quotes rather than elides; nests (inner marks stay inside the outer span); continues a quotation
 * over paragraphs when the next paragraph opens with a mark of the same family (the news convention
 * for a long quote: no closing mark at the end of the paragraph, an opening one at the next).
 */

import { isSoftBreak } from '../text/breaks';

export interface QuoteSpan {
  /** offset of the opening mark */
  open: number;
  /** offset of the closing mark; for an unclosed quote, the end of its last paragraph */
  close: number;
  /** the words inside the marks (trimmed; a trailing comma left by the attribution dropped) */
  start: number;
  end: number;
  mark: string;
  closed: boolean;
  /** how many paragraphs the quotation runs over */
  paragraphs: number;
  /** 0 for a top-level quotation, 1 for a quote inside it, … */
  depth: number;
}

const CLOSERS: Record<string, string> = {
  '“': '”“',
  '„': '“”',
  '«': '»',
  '‘': '’',
  '‹': '›',
  '"': '"',
  "'": "'",
  '»': '«', // Danish/German style »…«
};
const FAMILY: Record<string, 'double' | 'single'> = {
  '“': 'double',
  '„': 'double',
  '«': 'double',
  '"': 'double',
  '»': 'double',
  '‘': 'single',
  '‹': 'single',
  "'": 'single',
};
const ALL_MARKS = new Set(['“', '”', '„', '«', '»', '‘', '’', '‹', '›', '"', "'"]);
/** marks that may reopen a quotation continued from the previous paragraph */
const REOPENERS = new Set(['“', '"', '«', '»', '„']);

const isSpace = (c: string | undefined): boolean => c === undefined || /\s/u.test(c);
const isLetter = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);

interface Open {
  mark: string;
  pos: number;
  paragraphs: number;
}

function openingContext(text: string, i: number): boolean {
  const prev = text[i - 1];
  const next = text[i + 1];
  if (isSpace(next)) return false;
  return isSpace(prev) || /[([{—–\-/:;,]/u.test(prev!) || ALL_MARKS.has(prev!) || prev === '¡' || prev === '¿';
}

function closingContext(text: string, i: number): boolean {
  const prev = text[i - 1];
  const next = text[i + 1];
  if (isSpace(prev) && prev !== undefined) return false;
  return isSpace(next) || /[.,;:!?)\]}—–\-…]/u.test(next!) || ALL_MARKS.has(next!);
}

function innerSpan(text: string, open: number, close: number): { start: number; end: number } {
  let start = open + 1;
  let end = close;
  while (start < end && /\s/u.test(text[start])) start++;
  while (end > start && /\s/u.test(text[end - 1])) end--;
  while (end > start && /[,:;]/.test(text[end - 1])) end--;
  while (end > start && /\s/u.test(text[end - 1])) end--;
  return { start, end };
}

export function findQuoteSpans(text: string): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  const stack: Open[] = [];

  const emit = (o: Open, close: number, closed: boolean, depth: number): void => {
    const { start, end } = innerSpan(text, o.pos, close);
    if (end > start) spans.push({ open: o.pos, close, start, end, mark: o.mark, closed, paragraphs: o.paragraphs, depth });
  };

  let paragraphEnd = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (c === '\n' || i === text.length) {
      if (stack.length === 0 || isSoftBreak(text, i)) continue;
      // end of a paragraph with a quotation still open
      let j = i;
      while (j < text.length && /\s/u.test(text[j])) j++;
      const outer = stack[0];
      if (j < text.length && FAMILY[outer.mark] === 'double' && REOPENERS.has(text[j]) && openingContext(text, j)) {
        stack.length = 1;
        outer.paragraphs++;
        i = j; // the reopening mark belongs to the same quotation
        continue;
      }
      paragraphEnd = i;
      if (FAMILY[outer.mark] === 'double') emit(outer, paragraphEnd, false, 0);
      stack.length = 0;
      continue;
    }
    if (!ALL_MARKS.has(c)) continue;
    if (c === "'" || c === '’') {
      // an apostrophe inside a word (Spain’s, don't) is never a mark
      if (isLetter(text[i - 1]) && isLetter(text[i + 1])) continue;
    }
    // a closer for something open (innermost first)?
    let closedAt = -1;
    if (closingContext(text, i) || c === '”' || c === '»' || c === '’' || c === '›') {
      for (let k = stack.length - 1; k >= 0; k--) {
        if (CLOSERS[stack[k].mark]?.includes(c) && (c !== "'" || closingContext(text, i))) {
          closedAt = k;
          break;
        }
      }
    }
    if (closedAt >= 0 && (c !== '"' || closingContext(text, i) || !openingContext(text, i))) {
      const o = stack[closedAt];
      stack.length = closedAt;
      emit(o, i, true, closedAt);
      continue;
    }
    if (c in FAMILY && openingContext(text, i)) {
      if (c === "'" && !isLetter(text[i + 1])) continue;
      stack.push({ mark: c, pos: i, paragraphs: 1 });
    }
  }
  return spans.sort((a, b) => a.open - b.open || a.depth - b.depth);
}

/** The top-level spans only: what may become quotations. */
export function topLevel(spans: QuoteSpan[]): QuoteSpan[] {
  return spans.filter((s) => s.depth === 0);
}
