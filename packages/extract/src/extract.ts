import type { Article, Extraction, Mention, Quotation } from './types';
import { lexiconFor } from './lexicon';
import type { Lexicon } from './lexicon/types';
import { findQuoteSpans, topLevel } from './quotes/marks';
import { splitSentences } from './text/sentences';
import { detectLanguage } from './text/language';
import { buildFrameTokens, indexNames, type Frame } from './attribution/frame';
import { findNames } from './entities/names';
import { Registry } from './entities/registry';
import { attributeDirect } from './attribution/direct';
import { attributeReported } from './attribution/reported';
import type { Context } from './attribution/context';
import { publicationDay } from './attribution/when';
import { fold } from './text/fold';

/** A title-case line (a headline, a section label) names nothing and attributes nothing. */
function isHeadlineLike(frame: Frame, lex: Lexicon): boolean {
  if (frame.tokens.some((t) => t.quote || (t.word && !t.cap && lex.cues.has(t.lower)))) return false;
  const ws = frame.tokens.filter((t) => t.word && /\p{L}/u.test(t.text));
  if (ws.length < 4) return false;
  const caps = ws.filter((t) => t.cap).length;
  return caps / ws.length > 0.6 && !/[.!?]["”’»]?$/u.test(frame.tokens[frame.tokens.length - 1]?.text ?? '');
}

/** One quotation per span: where two rules found the same words, the surer one stays. */
function dedupe(found: Quotation[]): Quotation[] {
  const sorted = [...found].sort((a, b) => b.confidence - a.confidence);
  const kept: Quotation[] = [];
  for (const q of sorted) {
    const clash = kept.some(
      (k) =>
        k.form === q.form &&
        q.start < k.end &&
        k.start < q.end &&
        Math.min(q.end, k.end) - Math.max(q.start, k.start) >= 0.5 * Math.min(q.end - q.start, k.end - k.start),
    );
    if (!clash) kept.push(q);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * Finds every attributed quotation in an article: direct quotes in any common quotation style
 * and reported speech, each with its speaker resolved to the fullest name the article gives.
 * Pure and synchronous: no network, no files, no clock.
 */
export function extractQuotations(article: Article): Extraction {
  const text = article.text ?? '';
  const declared = article.language?.trim().slice(0, 2).toLowerCase();
  const language = declared || detectLanguage(text);
  const lex = lexiconFor(language === 'und' ? 'en' : language);

  const quotes = topLevel(findQuoteSpans(text));
  const sentences = splitSentences(text, quotes);
  const lowerVocab = new Set<string>();
  for (const m of text.matchAll(/[\p{L}’']+/gu)) if (m[0] !== m[0].toUpperCase() && m[0][0] === m[0][0].toLowerCase()) lowerVocab.add(m[0]);

  // words capitalised inside a sentence (after a lowercase word or a comma): names for sure
  const midCaps = new Set<string>();
  for (const m of text.matchAll(/[\p{Ll},;] +(\p{Lu}[\p{L}\p{M}-]*)/gu)) midCaps.add(m[1]);

  const registry = new Registry();
  const frames: Frame[] = sentences.map((sentence, index) => {
    const tokens = buildFrameTokens(text, sentence, quotes);
    const frame: Frame = { sentence, index, tokens, namesByFirst: new Map(), namesByLast: new Map() };
    if (isHeadlineLike(frame, lex)) return frame;
    const names = findNames(tokens, index, lex, lowerVocab, midCaps);
    Object.assign(frame, indexNames(tokens, names));
    for (const n of names) registry.add(n);
    return frame;
  });

  const ctx: Context = { text, lex, registry, history: [], published: publicationDay(article.publishedAt), quotations: [], frames };
  // the headline repeated at the top of the text is the outlet's words, not a quotation
  const title = article.title
    ? fold(article.title)
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim()
    : '';
  for (const frame of frames) {
    if (isHeadlineLike(frame, lex)) continue;
    if (
      title &&
      fold(text.slice(frame.sentence.start, frame.sentence.end))
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim() === title
    )
      continue;
    attributeDirect(frame, ctx);
    attributeReported(frame, ctx);
  }

  const quotations = dedupe(ctx.quotations);
  const mentions: Mention[] = registry.entities.flatMap((e) => e.mentions.map((m) => ({ name: e.name, kind: e.kind, start: m.start, end: m.end })));
  mentions.sort((a, b) => a.start - b.start);
  return { language: language === 'und' ? 'en' : language, quotations, mentions };
}
