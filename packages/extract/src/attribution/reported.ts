import type { Quotation } from '../types';
import type { Lexicon } from '../lexicon/types';
import { confidenceOf, type Pattern } from './confidence';
import { continuing, remember, type Context } from './context';
import { findCues, type Cue } from './cues';
import type { Frame, FrameToken } from './frame';
import { resolveSpeaker } from './resolve';
import { speakerAfter, speakerBefore, subjectOf, type SpeakerRef } from './speaker-np';
import { saidAtFrom } from './when';
import { venueFrom } from './venue';

/** Finite-verb markers that show a clause has started ("said Spain *had* agreed"). */
const FINITE =
  /^(would|will|had|has|have|was|were|is|are|could|should|can|must|might|may|did|does|do|wo|won't|made|took|gave|came|went|drew|told|saw|knew|thought|found|felt|became|left|got|put|ran|kept|held|brought|began|won|lost|paid|met|sent|built|spent|stood|understood|meant|led|fell|rose|grew|chose|wrote|spoke|broke|sold|bought|said|set|cut|hit|let|shut|quit|wouldn't|hadn't|hasn't|haven't|wasn't|weren't|isn't|aren't|couldn't|shouldn't|can't|didn't|doesn't|don't|remains|remained|needs|needed|wants|wanted|plans|planned|intends|intended)$/;

interface Clause {
  from: number;
  to: number;
}

/** Trim the clause to words: no leading comma or trailing full stop, no quotation-mark dangling. */
function clauseSpan(ctx: Context, toks: FrameToken[], c: Clause): { start: number; end: number } | null {
  let from = c.from;
  let to = c.to;
  // a dateline opening the sentence is not the speaker's: "WASHINGTON (Reuters) -", "(Reuters) –"
  if (from === 0) {
    const dash = toks.slice(0, 10).findIndex((t) => /^[—–-]$/.test(t.text));
    if (dash > 0 && toks.slice(0, dash).every((t) => !t.word || /^\p{Lu}/u.test(t.text) || /^\d/.test(t.text))) from = dash + 1;
  }
  while (from <= to && !toks[from].word && !toks[from].quote) from++;
  while (to >= from && !toks[to].word && !toks[to].quote && toks[to].text !== ')') to--;
  if (to < from) return null;
  const start = toks[from].start;
  const end = toks[to].end;
  const text = ctx.text.slice(start, end);
  if ((text.match(/[\p{L}\p{N}]+/gu) ?? []).length < 3) return null;
  return { start, end };
}

/** The first token of the reported clause after a cue, or null when the cue reports no clause. */
export function clauseStart(toks: FrameToken[], cue: Cue, ctx: Context): { at: number; zeroThat: boolean } | null {
  const lex = ctx.lex;
  // "said that", "told Cadena SER radio that", "denied claims by the US that", "dijo a la Cadena SER que"
  for (let k = cue.last + 1; k < Math.min(toks.length, cue.last + 12); k++) {
    const t = toks[k];
    if (t.quote || t.text === '.' || t.text === ';' || t.text === ':') break;
    // ", que …" is a relative clause about the last noun, not what was said
    if (lex.complementizers.has(t.lower) && toks[k - 1]?.text !== ',') return { at: k + 1, zeroThat: false };
    // another speech verb ends the search ("un comunicado", "the claims": nouns after an article do not)
    if (k > cue.last + 1 && !t.cap && lex.cues.has(t.lower) && !(lex.determiners.has(toks[k - 1].lower) || lex.possessives.has(toks[k - 1].lower))) break;
  }
  if (lex.language !== 'en' || !lex.zeroThatLemmas.has(cue.lemma)) return null;
  // "said Spain had agreed", "told reporters the talks would resume", "said on Tuesday the deal was done"
  let k = cue.last + 1;
  const skip = (): void => {
    // adjuncts between the cue and the clause: time words, "on Tuesday", "in a statement", "to reporters"
    for (;;) {
      const w = toks[k]?.lower ?? '';
      if (!toks[k]?.word) break;
      if (/^(yesterday|today|tonight|earlier|later|again|also|afterwards|then|separately|repeatedly|privately|publicly)$/.test(w)) {
        k++;
        continue;
      }
      if (
        (w === 'on' || w === 'last' || w === 'this') &&
        toks[k + 1] &&
        (lex.weekdays.includes(toks[k + 1].lower) || /^(week|night|morning|afternoon|evening|month|year|weekend)$/.test(toks[k + 1].lower))
      ) {
        k += 2;
        continue;
      }
      if (/^(in|at|during|on)$/.test(w) && toks[k + 1] && lex.determiners.has(toks[k + 1].lower)) {
        const noun = [3, 2, 1].find((n) =>
          lex.venueNouns.has(
            toks
              .slice(k + 2, k + 2 + n)
              .map((t) => t.lower)
              .join(' '),
          ),
        );
        if (noun) {
          k += 2 + noun;
          continue;
        }
      }
      if (w === 'to' && toks[k + 1] && /^(reporters|journalists|lawmakers|parliament|supporters|investors)$/.test(toks[k + 1].lower)) {
        k += 2;
        continue;
      }
      break;
    }
    if (toks[k]?.text === ',') k++;
  };
  if (cue.lemma === 'tell' || cue.lemma === 'inform' || cue.lemma === 'assure' || cue.lemma === 'warn') {
    // the person told: "told reporters", "told Cadena SER radio"
    // the person or body told: "told reporters", "told Cadena SER radio", "told the court"
    const AUDIENCE =
      /^(reporters|journalists|lawmakers|parliament|radio|television|him|her|them|us|me|investors|supporters|court|committee|jury|meeting|hearing|house|senate|conference|audience|crowd|newspaper|paper|station|programme|program|broadcaster|agency|tribunal|inquiry|panel|media|press|mps|delegates|staff|members|students|residents|crowds)$/;
    while (
      k < toks.length &&
      toks[k].word &&
      (toks[k].cap ||
        AUDIENCE.test(toks[k].lower) ||
        (/^(the|a|an)$/.test(toks[k].lower) && !!toks[k + 1] && (toks[k + 1].cap || AUDIENCE.test(toks[k + 1].lower))))
    )
      k++;
  }
  skip();
  const at = k;
  if (!toks[at] || lex.cues.has(toks[at].lower) || lex.complementizers.has(toks[at].lower)) return null;
  for (let n = 0; n < 9 && k < toks.length; n++, k++) {
    const t = toks[k];
    if (!t.word) return null;
    const prevWord = toks[k - 1];
    const verbLike =
      n > 0 &&
      !/^(the|a|an|of|in|on|at|for|to|his|her|its|their|our)$/.test(prevWord.lower) &&
      (/ed$/.test(t.lower) || (/[^s']s$/.test(t.lower) && !t.cap && (prevWord.cap || /^(it|he|she|this|that)$/.test(prevWord.lower))));
    if (FINITE.test(t.lower) || verbLike) return n > 0 ? { at, zeroThat: true } : null;
    // another speech verb (an inflected one: "point", "report", "claim" are nouns as often as verbs)
    if (n > 0 && lex.cues.has(t.lower) && lex.cues.get(t.lower) !== t.lower) return null;
  }
  return null;
}

/** what may follow the cue of an attribution tail: "…, she said on Tuesday in a statement." */
const TAIL_WORDS =
  /^(on|in|at|to|during|after|before|yesterday|today|tonight|earlier|later|last|this|again|also|then|afterwards|recently|told|en|a|ante|durante|ayer|hoy|este|esta|el|la|desde|tras|por|reporters|journalists|periodistas)$/;

/** "according to a study", "según datos de…": a document, not a speaker */
const DOCUMENTS =
  /^(study|report|data|figures|survey|poll|research|analysis|estimates|documents|records|statistics|paper|papers|census|count|model|forecast|filing|filings|documents|transcript|transcripts|minutes|letter|memo|indictment|complaint|lawsuit|website|tally|results|projections|estudio|informe|datos|encuesta|cifras|sondeo|investigación|análisis|documento|documentos|registros|estadísticas|balance|previsiones|trabajo)$/;

/** Words after a comma that begin the reporter's own clause, not the speaker's. */
const REPORTER_CLAUSE = new Set([
  'although',
  'though',
  'but',
  'while',
  'whereas',
  'despite',
  'amid',
  'adding',
  'saying',
  'noting',
  'as',
  'which',
  'even',
  'after',
  'before',
  'hours',
  'days',
  'weeks',
  'minutes',
  'shortly',
  'when',
  'since',
  'until',
  'creating',
  'prompting',
  'sparking',
  'después',
  'horas',
  'días',
  'cuando',
  'mientras',
  'aunque',
  'pero',
  'mientras',
  'pese',
  'tras',
  'lo',
  'si',
  'sin',
  'añadiendo',
  'según',
]);
const SUBORDINATORS = new Set([
  'while',
  'although',
  'though',
  'as',
  'if',
  'when',
  'because',
  'since',
  'whereas',
  'aunque',
  'mientras',
  'si',
  'cuando',
  'como',
  'porque',
  'pese',
]);

/**
 * Where a reported clause ends: the sentence end, or a comma opening the reporter's own words
 * ("…, although she gave no details", "…, he added"), or, when the cue sits in a subordinate
 * clause ("While the White House suggests that …, the terms remain …"), the comma closing it.
 */
function clauseEnd(toks: FrameToken[], from: number, cues: Cue[], lex: Lexicon): number {
  const subordinate = toks[0] && SUBORDINATORS.has(toks[0].lower);
  for (let k = from + 1; k < toks.length; k++) {
    // "… were “disappointing” but said …": a second cue coordinated with the first
    if (/^(and|but|y|pero|e)$/.test(toks[k].lower) && cues.some((c) => c.index > k && c.index <= k + 2 && !c.according)) return k - 1;
    if (toks[k].text === ';') return k - 1;
    if (toks[k].text !== ',' && toks[k].text !== '—' && toks[k].text !== '–') continue;
    if (cues.some((c) => c.index === k + 1 && c.participle)) return k - 1;
    const next = toks[k + 1];
    if (subordinate) return k - 1;
    if (!next) break;
    if (REPORTER_CLAUSE.has(next.lower)) return k - 1;
    if (cues.some((c) => c.index > k && c.index <= k + 6 && !c.according)) return k - 1;
  }
  void lex;
  return toks.length - 1;
}

function hasDirectInside(ctx: Context, start: number, end: number): boolean {
  return ctx.quotations.some((q) => q.form === 'DIRECT_QUOTE' && q.start >= start && q.end <= end);
}

function emit(
  ctx: Context,
  frame: Frame,
  ref: SpeakerRef | null,
  pattern: Pattern,
  cue: Cue,
  span: { start: number; end: number },
  region: FrameToken[],
): void {
  if (hasDirectInside(ctx, span.start, span.end)) return;
  const resolved = resolveSpeaker(ref, ctx.registry, ctx.history, frame.index, frame.tokens[cue.index].start);
  if (!resolved.speaker) return;
  const q: Quotation = {
    form: 'INDIRECT_QUOTE',
    text: ctx.text.slice(span.start, span.end),
    start: span.start,
    end: span.end,
    speaker: resolved.speaker,
    cue: cue.lemma,
    cueText: cue.text,
    confidence: confidenceOf(pattern, resolved),
  };
  const saidAt = saidAtFrom(region, ctx.lex, ctx.published);
  if (saidAt) q.saidAt = saidAt;
  const venue = venueFrom(region, ctx.lex);
  if (venue) q.venue = venue;
  const goingOn = continuing(ctx, resolved, frame);
  if (!q.venue && goingOn.venue) q.venue = goingOn.venue;
  if (!q.saidAt && goingOn.saidAt) q.saidAt = goingOn.saidAt;
  remember(ctx, resolved, frame, span.start, q);
}

/** Reported speech in one sentence: "X said that …", "según X, …", "…, X said." */
export function attributeReported(frame: Frame, ctx: Context): void {
  const toks = frame.tokens;
  const lex = ctx.lex;
  const cues = findCues(toks, lex);
  const end = toks.length - 1;
  for (const cue of cues) {
    if (cue.according) {
      // the head of the phrase after "according to": "a court filing", "figures from the ONS", "datos del INE"
      const phrase = toks.slice(cue.last + 1, cue.last + 6);
      const stop = phrase.findIndex((t) => !t.word || /^(from|by|of|de|del|in|en|on|published|publicado|publicada)$/.test(t.lower));
      if ((stop < 0 ? phrase : phrase.slice(0, stop)).some((t) => DOCUMENTS.test(t.lower))) continue;
      // "Según ha informado el instituto armado, …": the subject of the verb after "según"
      const verb = cues.find((c) => !c.according && c.index > cue.last && c.index <= cue.last + 2);
      let ref = speakerAfter(frame, verb ? verb.last : cue.last, lex);
      // "Según ha detallado, …": the verb's null subject
      if (!ref && verb && lex.language === 'es') ref = { type: 'none', start: toks[verb.index].start, end: toks[verb.index].end };
      if (!ref || ref.type === 'pronoun') continue;
      const comma = toks.findIndex((t, k) => k > cue.last && t.text === ',');
      if (cue.index <= 1 && comma > 0) {
        // "According to Leavitt, Spain had agreed …" / "Según el ministro, …"
        const span = clauseSpan(ctx, toks, { from: comma + 1, to: end });
        if (span) emit(ctx, frame, ref, 'according', cue, span, toks.slice(cue.index, comma));
      } else if (cue.index > 2 && toks[cue.index - 1].text === ',') {
        // "Spain had agreed to cooperate, according to Leavitt."
        const span = clauseSpan(ctx, toks, { from: 0, to: cue.index - 2 });
        if (span) emit(ctx, frame, ref, 'according', cue, span, toks.slice(cue.index));
      }
      continue;
    }
    if (lex.directOnlyLemmas.has(cue.lemma)) continue;
    const cs = clauseStart(toks, cue, ctx);
    if (cs) {
      let ref = cue.participle ? null : speakerBefore(frame, cue.index, lex);
      if (!ref && cue.participle) {
        // "…, emphasizing that …": the subject of the sentence's main cue, or the quotation's speaker
        const earlier = cues.filter((c) => c.index < cue.index && !c.participle && !c.according).pop();
        if (earlier) ref = speakerBefore(frame, earlier.index, lex) ?? (lex.language === 'es' ? speakerAfter(frame, earlier.last, lex) : null);
        if (!ref) ref = subjectOf(frame, cue.index, lex);
        if (!ref) {
          const same = [...ctx.quotations].reverse().find((q) => q.start >= frame.sentence.start && q.end <= toks[cue.index].start);
          const e = same?.speaker ? ctx.registry.lookup(same.speaker.name, same.speaker.kind) : undefined;
          if (e)
            ref = {
              type: 'name',
              mention: e.mentions[e.mentions.length - 1],
              start: e.mentions[e.mentions.length - 1].start,
              end: e.mentions[e.mentions.length - 1].end,
            };
        }
      }
      if (!ref && lex.language === 'es') {
        // "aseguró el ministro que …": the subject after the verb, before the clause
        const after = speakerAfter(frame, cue.last, lex);
        if (after && after.end <= toks[cs.at - 1].end) ref = after;
        else ref = { type: 'none', start: toks[cue.index].start, end: toks[cue.index].end };
      }
      const to = clauseEnd(toks, cs.at, cues, lex);
      const span = clauseSpan(ctx, toks, { from: cs.at, to });
      if (span) emit(ctx, frame, ref, cs.zeroThat ? 'reported-zero-that' : 'reported', cue, span, toks.slice(Math.max(0, cue.index - 1), cs.at));
      continue;
    }
    // "Spain’s position has not changed, Albares said on Tuesday." — the cue in a short tail;
    // "The bigger concern, she said, was …" — or in a parenthesis inside the sentence
    const comma = toks
      .slice(0, cue.index)
      .map((t) => t.text)
      .lastIndexOf(',');
    if (comma < 1 || cue.index - comma > 7 || toks.slice(0, comma).some((t) => t.quote)) continue;
    let stop = toks.length;
    for (let k = cue.last + 1; k < toks.length; k++)
      if (toks[k].text === ',' || toks[k].text === ';') {
        stop = k;
        break;
      }
    const parenthetical =
      stop < toks.length && comma <= 4 && toks.slice(stop + 1).filter((t) => t.word).length >= 2 && !REPORTER_CLAUSE.has(toks[stop + 1]?.lower ?? '');
    if (!parenthetical && (comma < 3 || stop - cue.last > 8)) continue;
    // "In a statement, the fund said …": an opening phrase, not a clause
    const opening = lex.language === 'es' ? /^(en|a|tras|durante|según|para|con|desde)$/ : /^(in|on|at|for|after|before|during|with|from)$/;
    if (!parenthetical && (comma < 4 || opening.test(toks[0].lower))) continue;
    if (toks.slice(comma, stop).some((t) => t.quote || (t.word && lex.complementizers.has(t.lower)))) continue;
    // the tail is attribution only: what follows the cue is a place, a time, a medium ("on Tuesday", "in a statement")
    const afterCue = toks[cue.last + 1];
    if (afterCue && afterCue.word && !TAIL_WORDS.test(afterCue.lower) && !afterCue.cap && !lex.determiners.has(afterCue.lower)) continue;
    if (REPORTER_CLAUSE.has(toks[comma + 1]?.lower ?? '') || SUBORDINATORS.has(toks[comma + 1]?.lower ?? '')) continue;
    let ref = cue.index > comma + 1 ? speakerBefore(frame, cue.index, lex) : null;
    if (!ref) ref = speakerAfter(frame, cue.last, lex);
    if (!ref && lex.language === 'es' && cue.index === comma + 1) ref = { type: 'none', start: toks[cue.index].start, end: toks[cue.index].end };
    if (!ref || (ref.type === 'name' && ref.start < toks[comma].start)) continue;
    const span = clauseSpan(ctx, toks, { from: 0, to: parenthetical ? clauseEnd(toks, stop, cues, lex) : comma - 1 });
    if (span) emit(ctx, frame, ref, 'reported-tail', cue, span, toks.slice(comma, stop));
  }
}
