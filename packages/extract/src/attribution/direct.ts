import type { Quotation } from '../types';
import { tokenize } from '../text/tokens';
import { confidenceOf, type Pattern } from './confidence';
import { remember, type Context } from './context';
import { findCues, type Cue } from './cues';
import type { Frame, FrameToken } from './frame';
import { resolveSpeaker, type Resolved } from './resolve';
import { speakerAfter, speakerBefore, type SpeakerRef } from './speaker-np';
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
  return before === 'as' || before === 'como' || before === 'of' || before === 'the' || before === 'a' || before === 'an' || before === 'el' || before === 'la' || before === 'un' || before === 'una' || before === 'los' || before === 'las';
}

function isTitleCase(text: string): boolean {
  const ws = tokenize(text).filter((t) => t.word && !SMALL.has(t.lower));
  return ws.length >= 2 && ws.every((t) => t.cap);
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
  for (let k = qi - 1; k >= 0; k--) if (toks[k].quote) {
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
  let ref = speakerBefore(frame, cue.index, ctx.lex) ?? speakerAfter(frame, cue.last, ctx.lex);
  if (ref && ref.start > toks[qi].start) ref = null;
  if (!ref && cue.participle) {
    // "…, emphasizing: “…”": the subject of the sentence's earlier cue
    const earlier = cues.filter((c) => c.index < cue.index && !c.participle).pop();
    if (earlier) ref = speakerBefore(frame, earlier.index, ctx.lex) ?? speakerAfter(frame, earlier.last, ctx.lex);
  }
  if (!ref && ctx.lex.language === 'es') ref = { type: 'none', start: toks[cue.index].start, end: toks[cue.index].end };
  if (!ref) return null;
  const startAt = Math.max(from, Math.min(cue.index, toks.findIndex((t) => t.start >= ref!.start)));
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
    if (g) return { ref: { type: 'pronoun', gender: g, text: toks[k].text, start: toks[k].start, end: toks[k].end }, pattern: 'colon', region: toks.slice(0, qi) };
  }
  return null;
}

function isStandalone(frame: Frame, qi: number, a: Attribution | null): boolean {
  const toks = frame.tokens;
  const first = toks.findIndex((t) => t.word || t.quote);
  if (first === qi && a?.cue && a.cue.index > qi) return true;
  const rest = toks.slice(qi + 1).filter((t) => t.word || t.quote);
  return rest.length === 0 && !!a?.cue && a.cue.last < qi && qi - a.cue.last <= 3;
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
    const standalone = isStandalone(frame, qi, a);
    // terms, titles and scare quotes: short, named rather than said, or a title of a work
    if (!standalone) {
      if (words <= 6 && precededByTermCue(frame, qi, ctx)) continue;
      if (isTitleCase(text) && words <= 8) continue;
      if (words <= 2) continue;
      if (!a && words <= 5) continue;
    }
    let inherited: Resolved | undefined;
    if (!a) a = colonAttribution(frame, qi, ctx);
    if (!a) {
      // a quote opening its sentence with no cue continues the last speaker's words nearby
      const opens = toks.findIndex((t) => t.word || t.quote) === qi;
      const last = ctx.last;
      if (opens && last && frame.index - last.frame.index <= 2 && frame.sentence.paragraph - last.frame.sentence.paragraph <= 1 && words >= 3) {
        inherited = { ...last.resolved, distance: last.resolved.distance + (frame.index - last.frame.index) };
        a = { ref: null, pattern: 'continuation', region: [] };
      } else continue;
    }
    const resolved = inherited ?? resolveSpeaker(a.ref, ctx.registry, ctx.history, frame.index, a.cue ? toks[a.cue.index].start : q.open);
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
    if (a.pattern === 'continuation' && ctx.last?.cue) {
      quotation.cue = ctx.last.cue;
      if (ctx.last.cueText) quotation.cueText = ctx.last.cueText;
    }
    remember(ctx, resolved, frame, q.open, quotation);
  }
}
