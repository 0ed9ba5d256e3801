import type { Lexicon } from '../lexicon/types';
import type { FrameToken } from './frame';

/** A speech cue in a sentence's frame: a speech verb, a multi-word cue or "according to". */
export interface Cue {
  /** index of its first and last token in the frame */
  index: number;
  last: number;
  lemma: string;
  text: string;
  /** "emphasizing that", "insistiendo en que": its subject is the sentence's speaker */
  participle: boolean;
  according: boolean;
}

/** "following reports that", "amid claims that", "new comments": words before a noun, not a verb */
const NOUN_CONTEXT = new Set([
  'following',
  'amid',
  'despite',
  'of',
  'about',
  'over',
  'by',
  'with',
  'without',
  'such',
  'these',
  'those',
  'many',
  'several',
  'some',
  'other',
  'media',
  'press',
  'unconfirmed',
  'tras',
  'pese',
  'ante',
  'sobre',
  'con',
  'sin',
  'sus',
  'unas',
  'unos',
  'varias',
  'varios',
]);

const PERFECT_AUX = new Set(['ha', 'han', 'había', 'habían', 'habría', 'hubiera', 'has', 'have', 'had', 'haya', 'hayan']);
const PLURAL_SUBJECTS = new Set(['they', 'we', 'i', 'you', 'ellos', 'ellas']);

function isParticipleForm(lower: string, lex: Lexicon): boolean {
  return lex.language === 'es' ? /(ado|ido|cho|to)$/.test(lower) : false;
}

export function findCues(tokens: FrameToken[], lex: Lexicon): Cue[] {
  const out: Cue[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t.word) continue;
    const according = lex.accordingTo.find((ws) => ws.every((w, k) => tokens[i + k]?.lower === w));
    if (according) {
      out.push({
        index: i,
        last: i + according.length - 1,
        lemma: 'according to',
        text: tokens
          .slice(i, i + according.length)
          .map((x) => x.text)
          .join(' '),
        participle: false,
        according: true,
      });
      i += according.length - 1;
      continue;
    }
    const phrase = lex.phraseCues.find((p) => p.words.every((w, k) => tokens[i + k]?.lower === w));
    if (phrase) {
      out.push({
        index: i,
        last: i + phrase.words.length - 1,
        lemma: phrase.lemma,
        text: tokens
          .slice(i, i + phrase.words.length)
          .map((x) => x.text)
          .join(' '),
        participle: false,
        according: false,
      });
      i += phrase.words.length - 1;
      continue;
    }
    const lemma = lex.cues.get(t.lower);
    if (!lemma) continue;
    // a capitalised cue word inside a sentence is part of a name ("United States")
    if (t.cap && i > 0 && tokens[i - 1].word) continue;
    const prev = tokens[i - 1];
    // "the claims", "his statement", "a report": a noun, not a verb
    if (prev && (lex.determiners.has(prev.lower) || lex.possessives.has(prev.lower) || NOUN_CONTEXT.has(prev.lower))) continue;
    // "lo dicho", "lo afirmado": a Spanish participle is a verb only after "ha", "había"…
    if (isParticipleForm(t.lower, lex) && !(prev && PERFECT_AUX.has(prev.lower))) continue;
    if (lex.language === 'en') {
      // a bare form ("say", "deny") reports speech only in the present with a plural subject ("officials say")
      if (t.lower === lemma && !/s$/.test(t.lower) && !(prev && (PLURAL_SUBJECTS.has(prev.lower) || lex.groupNouns.has(prev.lower) || /s$/.test(prev.lower))))
        continue;
      if (prev && /^(to|not|never|would|will|could|should|can|may|might|must|did|didn't|does)$/.test(prev.lower)) continue;
      // "is alleged to", "was told that": a passive reports nobody's words
      if (prev && /ed$|^told$/.test(t.lower) && /^(is|was|are|were|been|be|being|get|got)$/.test(prev.lower)) continue;
    }
    const participle = lex.language === 'es' ? /(ando|iendo)$/.test(t.lower) : /ing$/.test(t.lower);
    out.push({ index: i, last: i, lemma, text: t.text, participle, according: false });
  }
  return out;
}
