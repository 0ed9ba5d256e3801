import type { Quotation } from '../types';
import { tokenize } from '../text/tokens';
import { confidenceOf, type Pattern } from './confidence';
import { continuing, remember, type Context } from './context';
import { findCues, type Cue } from './cues';
import type { Frame, FrameToken } from './frame';
import { resolveSpeaker, type Resolved } from './resolve';
import { speakerAfter, speakerBefore, subjectOf, type SpeakerRef } from './speaker-np';
import { clauseStart } from './reported';
import { saidAtFrom } from './when';
import { venueFrom } from './venue';

const SMALL = new Set(['of', 'the', 'a', 'an', 'and', 'in', 'on', 'to', 'for', 'de', 'la', 'el', 'los', 'las', 'y', 'del', 'en', 'con']);
/** words between a quote and its cue that may belong to the speaker's noun phrase */
const PUNCT_BETWEEN = new Set([',', '—', '–', '-', ':']);

export interface Attribution {
  cue?: Cue;
  ref: SpeakerRef | null;
  pattern: Pattern;
  /** the frame tokens that attribute (for the date and venue) */
  region: FrameToken[];
  /** where the cue is in the article, when it is in another sentence than the quote */
  at?: number;
}

function wordCount(text: string): number {
  return tokenize(text).filter((t) => t.word).length;
}

function precededByTermCue(frame: Frame, qi: number, ctx: Context): boolean {
  const toks = frame.tokens;
  for (const cue of ctx.lex.termCues) {
    // the cue right before the quote, or with one word between ("called it “…”", "described them as “…”")
    for (const gap of [0, 1]) {
      const end = qi - 1 - gap;
      const start = end - cue.length + 1;
      if (start < 0) continue;
      if (cue.every((w, k) => toks[start + k].lower === w)) return true;
    }
  }
  const before = toks[qi - 1]?.lower;
  return (
    before === 'as' ||
    before === 'como' ||
    before === 'the' ||
    before === 'a' ||
    before === 'an' ||
    before === 'el' ||
    before === 'la' ||
    before === 'un' ||
    before === 'una' ||
    before === 'los' ||
    before === 'las'
  );
}

/**
 * The title of a work or a name: every main word capitalised ("The Glass Orchard"), or, the
 * Spanish way, a short phrase opening with a capitalised article and no punctuation of its own
 * ("La casa de los relojes").
 */
function looksLikeTitle(text: string): boolean {
  const toks = tokenize(text);
  const ws = toks.filter((t) => t.word && !SMALL.has(t.lower));
  if (ws.length >= 2 && ws.every((t) => t.cap)) return true;
  const words = toks.filter((t) => t.word);
  return words.length <= 6 && words.length >= 2 && /^(The|A|An|El|La|Los|Las|Un|Una)$/.test(words[0].text) && toks.every((t) => t.word);
}

/** A quote inside a reported clause ("said the order was “drafted in haste” and…") belongs to that clause. */
function insideReportedClause(frame: Frame, qi: number, a: Attribution | null, ctx: Context): boolean {
  if (!a?.cue || a.cue.last > qi) return false;
  if (a.cue.according)
    return frame.tokens.slice(a.cue.last + 1, qi).some((t) => t.text === ',') && frame.tokens.slice(a.cue.last + 1, qi).filter((t) => t.word).length >= 3;
  const cs = clauseStart(frame.tokens, a.cue, ctx);
  if (!cs || cs.at >= qi) return false;
  return frame.tokens.slice(cs.at, qi).some((t) => t.word);
}

/** The cue after the quote: "“…,” he said", "“…,” said Leavitt", "“…”, afirmó el ministro". */
function rightAttribution(frame: Frame, qi: number, cues: Cue[], ctx: Context): Attribution | null {
  const toks = frame.tokens;
  let j = qi + 1;
  while (j < toks.length && PUNCT_BETWEEN.has(toks[j].text)) j++;
  const cue = cues.find((c) => c.index >= j && c.index - j <= 8 && !c.according);
  const according = cues.find((c) => c.index >= j && c.index - j <= 1 && c.according);
  if (according) {
    const ref = speakerAfter(frame, according.last, ctx.lex);
    if (ref) return { cue: according, ref, pattern: 'adjacent', region: toks.slice(j) };
  }
  if (!cue) return null;
  for (let k = j; k < cue.index; k++) if (toks[k].quote || toks[k].text === '.' || toks[k].text === ';') return null;
  let ref = cue.index > j ? speakerBefore(frame, cue.index, ctx.lex) : null;
  if (ref && ref.start < toks[qi].end) ref = null;
  if (!ref) ref = speakerAfter(frame, cue.last, ctx.lex);
  if (!ref && cue.index === j && ctx.lex.language === 'es') ref = { type: 'none', start: toks[cue.index].start, end: toks[cue.index].end };
  if (!ref) return null;
  const next = toks.findIndex((t, k) => k > cue.last && t.quote);
  return { cue, ref, pattern: 'adjacent', region: toks.slice(j, next < 0 ? toks.length : next) };
}

/** The cue before the quote: "Leavitt said: “…”", "he added, “…”", "Albares said Spain would “…”". */
function leftAttribution(frame: Frame, qi: number, cues: Cue[], ctx: Context): Attribution | null {
  const toks = frame.tokens;
  let from = 0;
  for (let k = qi - 1; k >= 0; k--)
    if (toks[k].quote) {
      from = k + 1;
      break;
    }
  const before = cues.filter((c) => c.index >= from && c.last < qi && !c.according);
  const cue = before[before.length - 1];
  const according = cues.find((c) => c.according && c.index >= from && c.last < qi);
  if (according && (!cue || according.index > cue.index)) {
    const ref = speakerAfter(frame, according.last, ctx.lex);
    if (ref) return { cue: according, ref, pattern: 'adjacent', region: toks.slice(according.index, qi) };
  }
  if (!cue || qi - cue.last > 14) return null;
  // English inverts only after the quote ("“…,” said Leavitt"); Spanish also before it ("Afirmó Albares: «…»")
  let ref = cue.participle ? null : (speakerBefore(frame, cue.index, ctx.lex) ?? (ctx.lex.language === 'es' ? speakerAfter(frame, cue.last, ctx.lex) : null));
  if (ref && ref.start > toks[qi].start) ref = null;
  if (!ref && cue.participle) {
    // "…, emphasizing: “…”": the subject of the sentence's earlier cue
    const earlier = cues.filter((c) => c.index < cue.index && !c.participle).pop();
    if (earlier) ref = speakerBefore(frame, earlier.index, ctx.lex) ?? (ctx.lex.language === 'es' ? speakerAfter(frame, earlier.last, ctx.lex) : null);
    if (!ref) ref = subjectOf(frame, cue.index, ctx.lex);
  }
  if (!ref && ctx.lex.language === 'es') ref = { type: 'none', start: toks[cue.index].start, end: toks[cue.index].end };
  if (!ref) return null;
  const startAt = Math.max(
    from,
    Math.min(
      cue.index,
      toks.findIndex((t) => t.start >= ref!.start),
    ),
  );
  return { cue, ref, pattern: 'adjacent', region: toks.slice(startAt < 0 ? cue.index : startAt, qi) };
}

/** "The minister was blunt: “…”": a speaker introduced by a colon, without a speech verb. */
function colonAttribution(frame: Frame, qi: number, ctx: Context): Attribution | null {
  const toks = frame.tokens;
  if (toks[qi - 1]?.text !== ':') return null;
  for (let k = 0; k < qi - 1; k++) {
    const m = frame.namesByFirst.get(k);
    if (m) return { ref: { type: 'name', mention: m, start: m.start, end: m.end }, pattern: 'colon', region: toks.slice(0, qi) };
    const g = ctx.lex.pronouns.get(toks[k].lower);
    if (g)
      return { ref: { type: 'pronoun', gender: g, text: toks[k].text, start: toks[k].start, end: toks[k].end }, pattern: 'colon', region: toks.slice(0, qi) };
  }
  return null;
}

/**
 * "Asked whether she felt like an underdog, she smiled. “Of course.”": a quote that is a sentence
 * of its own, after a sentence about a person with no speech verb, is that person's.
 */
function previousSubject(frame: Frame, ctx: Context): Attribution | null {
  const prev = ctx.frames[frame.index - 1];
  if (!prev || prev.sentence.paragraph !== frame.sentence.paragraph || prev.tokens.some((t) => t.quote)) return null;
  // "Asked whether …, she smiled.": a question put to the speaker is not her speaking
  if (findCues(prev.tokens, ctx.lex).some((c) => !(c.index === 0 && c.lemma === 'ask'))) return null;
  const ref = subjectOfFinalClause(prev, ctx);
  return ref ? { ref, pattern: 'colon', region: [] } : null;
}

/** "She told the meeting:" ending the paragraph before, the quotation opening this one. */
function introducedBefore(frame: Frame, ctx: Context): Attribution | null {
  const prev = ctx.frames[frame.index - 1];
  const last = prev?.tokens[prev.tokens.length - 1];
  if (!prev || last?.text !== ':' || prev.tokens.some((t) => t.quote)) return null;
  const cue = findCues(prev.tokens, ctx.lex)
    .filter((c) => !c.according)
    .pop();
  if (!cue || prev.tokens.length - 1 - cue.last > 6) return null;
  const ref =
    speakerBefore(prev, cue.index, ctx.lex) ??
    (ctx.lex.language === 'es'
      ? (speakerAfter(prev, cue.last, ctx.lex) ?? { type: 'none' as const, start: prev.tokens[cue.index].start, end: prev.tokens[cue.index].end })
      : null);
  return ref ? { cue, ref, pattern: 'adjacent', region: prev.tokens.slice(cue.index), at: prev.tokens[cue.index].start } : null;
}

function subjectOfFinalClause(prev: Frame, ctx: Context): SpeakerRef | null {
  const toks = prev.tokens;
  const comma = toks.map((t) => t.text).lastIndexOf(',');
  const from = comma >= 0 ? comma + 1 : 0;
  const sub: Frame = { ...prev, tokens: toks.slice(from), namesByFirst: new Map(), namesByLast: new Map() };
  for (const [k, m] of prev.namesByFirst) if (k >= from) sub.namesByFirst.set(k - from, m);
  for (const [k, m] of prev.namesByLast) if (k >= from) sub.namesByLast.set(k - from, m);
  const ref = subjectOf(sub, sub.tokens.length, ctx.lex);
  return ref && (ref.type === 'name' ? ref.mention.kind === 'PERSON' : ref.type === 'pronoun' || ref.type === 'title') ? ref : null;
}

function isStandalone(frame: Frame, qi: number, a: Attribution | null, lex: Context['lex']): boolean {
  const toks = frame.tokens;
  const first = toks.findIndex((t) => t.word || t.quote);
  if (first === qi && a?.cue && a.cue.index > qi) return true;
  const rest = toks.slice(qi + 1).filter((t) => t.word || t.quote);
  // "said: “…”", "said that “…”": only punctuation or the complementizer between the cue and the quote
  const between = a?.cue ? toks.slice(a.cue.last + 1, qi).filter((t) => t.word && !lex.complementizers.has(t.lower)) : [];
  return rest.length === 0 && !!a?.cue && a.cue.last < qi && qi - a.cue.last <= 3 && between.length === 0;
}

export function attributeDirect(frame: Frame, ctx: Context): void {
  const toks = frame.tokens;
  const cues = findCues(toks, ctx.lex);
  for (let qi = 0; qi < toks.length; qi++) {
    const q = toks[qi].quote;
    if (!q || q.depth !== 0) continue;
    const text = ctx.text.slice(q.start, q.end);
    const words = wordCount(text);
    if (words === 0) continue;
    let a = rightAttribution(frame, qi, cues, ctx) ?? leftAttribution(frame, qi, cues, ctx);
    const standalone = isStandalone(frame, qi, a, ctx.lex);
    // terms, titles and scare quotes: short, named rather than said, or a title of a work
    const wholeSentence = toks.filter((t) => t.word || t.quote).length === 1;
    if (!standalone && !wholeSentence) {
      if (words <= 6 && precededByTermCue(frame, qi, ctx)) continue;
      if (looksLikeTitle(text) && words <= 8) continue;
      if (words <= 2) continue;
      if (!a && words <= 5) continue;
      if (insideReportedClause(frame, qi, a, ctx)) continue;
    }
    let inherited: Resolved | undefined;
    if (!a) a = colonAttribution(frame, qi, ctx);
    if (!a && wholeSentence) a = previousSubject(frame, ctx);
    if (!a && toks.findIndex((t) => t.word || t.quote) === qi) a = introducedBefore(frame, ctx);
    if (!a) {
      // a quote opening its sentence with no cue continues the last speaker's words nearby
      const opens = toks.findIndex((t) => t.word || t.quote) === qi;
      const last = ctx.last;
      const near = last && frame.index - last.frame.index <= 2 && frame.sentence.paragraph - last.frame.sentence.paragraph <= 1;
      if (opens && last && near && (words >= 3 || wholeSentence)) {
        inherited = { ...last.resolved, distance: last.resolved.distance + (frame.index - last.frame.index) };
        a = { ref: null, pattern: 'continuation', region: [] };
      } else continue;
    }
    const resolved = inherited ?? resolveSpeaker(a.ref, ctx.registry, ctx.history, frame.index, a.at ?? (a.cue ? toks[a.cue.index].start : q.open));
    const quotation: Quotation = {
      form: 'DIRECT_QUOTE',
      text,
      start: q.start,
      end: q.end,
      speaker: resolved.speaker,
      confidence: confidenceOf(a.pattern, resolved),
    };
    const cue = a.cue ?? (inherited ? undefined : undefined);
    if (cue) {
      quotation.cue = cue.lemma;
      quotation.cueText = cue.text;
    }
    const saidAt = a.pattern === 'continuation' ? ctx.last?.saidAt : saidAtFrom(a.region, ctx.lex, ctx.published);
    if (saidAt) quotation.saidAt = saidAt;
    const venue = a.pattern === 'continuation' ? ctx.last?.venue : venueFrom(a.region, ctx.lex);
    if (venue) quotation.venue = venue;
    const goingOn = continuing(ctx, resolved, frame);
    if (!quotation.venue && goingOn.venue) quotation.venue = goingOn.venue;
    if (!quotation.saidAt && goingOn.saidAt) quotation.saidAt = goingOn.saidAt;
    if (a.pattern === 'continuation' && ctx.last?.cue) {
      quotation.cue = ctx.last.cue;
      if (ctx.last.cueText) quotation.cueText = ctx.last.cueText;
    }
    remember(ctx, resolved, frame, q.open, quotation);
  }
}
