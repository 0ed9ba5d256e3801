import type { ActorKind } from '../types';
import type { Lexicon } from '../lexicon/types';
import type { NameMention } from '../entities/names';
import { genderOfRole, titleWords } from '../entities/names';
import { NATIONALITIES } from '../lexicon/world';
import { fold } from '../text/fold';
import { isPossessive } from '../text/tokens';
import type { Frame, FrameToken } from './frame';

/** How the words at a cue name their speaker, before resolving it to an actor of the article. */
export type SpeakerRef =
  | { type: 'name'; mention: NameMention; start: number; end: number }
  | { type: 'pronoun'; gender: 'm' | 'f' | 'n' | 'p'; text: string; start: number; end: number }
  | { type: 'title'; heads: string[]; text: string; gender?: 'm' | 'f'; indefinite: boolean; start: number; end: number }
  | { type: 'org'; noun: string; kind: ActorKind; text: string; qualified: boolean; start: number; end: number }
  | { type: 'group'; text: string; kind: ActorKind; start: number; end: number }
  | { type: 'none'; start: number; end: number };

const GOVERNMENT_GROUPS = new Set([
  'officials',
  'authorities',
  'police',
  'prosecutors',
  'investigators',
  'diplomats',
  'ministers',
  'autoridades',
  'fuentes',
  'responsables',
  'agentes',
  'investigadores',
  'diplomáticos',
  'ministros',
  'portavoces',
]);
/** a spokesperson of a named organisation speaks for it: "a SkyLine spokeswoman", "a company spokesman" */
const SPOKES = new Set(['spokesman', 'spokeswoman', 'spokesperson', 'representative', 'portavoz', 'representante']);
const MODIFIERS =
  /^(senior|top|local|regional|federal|national|state|foreign|interior|defence|defense|health|finance|economy|justice|club|team|police|government|press|former|alto|altos|altas|veteran|\d+-year-old|public|chief|deputy|general|consumer|opposition|administration|company|union|party|city|county|council|school|hospital|industry|military|army|shipping|labour|labor)$/;
const PREPOSITIONS = new Set([
  'in',
  'of',
  'from',
  'to',
  'at',
  'by',
  'with',
  'for',
  'on',
  'about',
  'after',
  'before',
  'en',
  'de',
  'del',
  'a',
  'al',
  'con',
  'por',
  'para',
  'sobre',
  'tras',
  'ante',
  'entre',
  'según',
]);
const COORDINATORS = new Set(['and', 'but', 'then', 'y', 'e', 'pero', 'aunque']);

function nounKind(lex: Lexicon, w: string): 'title' | 'org' | 'group' | null {
  const f = w.toLowerCase();
  if (lex.groupNouns.has(f)) return 'group';
  if (lex.orgNouns.has(f)) return 'org';
  if (titleWords(lex).heads.has(fold(f))) return 'title';
  return null;
}

function qualifierWord(t: FrameToken, lex: Lexicon): boolean {
  if (!t.word || lex.cues.has(t.lower) || lex.functionWords.has(t.lower) || PREPOSITIONS.has(t.lower)) return false;
  return (
    titleWords(lex).words.has(fold(t.text)) ||
    NATIONALITIES.has(t.lower) ||
    t.cap ||
    isPossessive(t.text) ||
    lex.orgNouns.has(t.lower) ||
    MODIFIERS.test(t.lower)
  );
}

/** The noun phrase whose head is token `p` ("the minister", "Spain’s foreign ministry", "Spanish officials"). */
export function commonNounPhrase(frame: Frame, p: number, lex: Lexicon): SpeakerRef | null {
  const toks = frame.tokens;
  const head = toks[p];
  if (!head?.word) return null;
  const kind = nounKind(lex, head.lower);
  if (!kind || (head.cap && kind !== 'title' && p > 0)) return null;
  let q = p;
  let qualified = false;
  let indefinite = false;
  while (q - 1 >= 0) {
    const t = toks[q - 1];
    if (!t.word) break;
    if (lex.determiners.has(t.lower) || lex.possessives.has(t.lower)) {
      indefinite = /^(a|an|un|una|unos|unas)$/.test(t.lower);
      q--;
      break;
    }
    if (!qualifierWord(t, lex)) {
      // "the electoral commission", "la delegación senegalesa": plain adjectives between an article and the noun
      let d = q - 1;
      while (
        d >= 0 &&
        d >= q - 3 &&
        toks[d].word &&
        !toks[d].cap &&
        !lex.cues.has(toks[d].lower) &&
        !PREPOSITIONS.has(toks[d].lower) &&
        !lex.determiners.has(toks[d].lower)
      )
        d--;
      if (d >= 0 && d < q - 1 && lex.determiners.has(toks[d].lower)) {
        indefinite = /^(a|an|un|una|unos|unas)$/.test(toks[d].lower);
        q = d;
      }
      break;
    }
    if (t.cap || NATIONALITIES.has(t.lower) || isPossessive(t.text)) qualified = true;
    q--;
  }
  // Spanish puts the qualifier after the noun: "el Ministerio de Exteriores", "fuentes del Gobierno"
  let e = p;
  if (lex.language === 'es') {
    let r = p + 1;
    while (
      r < toks.length &&
      (toks[r].lower === 'de' ||
        toks[r].lower === 'del' ||
        lex.determiners.has(toks[r].lower) ||
        (toks[r].cap && toks[r].word) ||
        NATIONALITIES.has(toks[r].lower))
    ) {
      if (toks[r].cap || NATIONALITIES.has(toks[r].lower)) {
        e = r;
        qualified = true;
      } else if (!(
        toks[r + 1] &&
        (toks[r + 1].cap || toks[r + 1].lower === 'la' || toks[r + 1].lower === 'los' || toks[r + 1].lower === 'las' || toks[r + 1].lower === 'el')
      ))
        break;
      r++;
    }
  }
  let s = q;
  while (s <= e && (lex.determiners.has(toks[s].lower) || lex.possessives.has(toks[s].lower))) s++;
  const words = toks.slice(s, e + 1);
  const text = words.map((t) => t.text).join(' ');
  const start = toks[s].start;
  const end = toks[e].end;
  if (kind === 'group') return { type: 'group', text, kind: GOVERNMENT_GROUPS.has(head.lower) || qualified ? 'GOVERNMENT' : 'OTHER', start, end };
  if (kind === 'org') return { type: 'org', noun: fold(head.text), kind: lex.orgNouns.get(head.lower)!, text, qualified, start, end };
  if (SPOKES.has(head.lower) || words.some((w) => SPOKES.has(w.lower))) {
    // the organisation a spokesperson speaks for: "a SkyLine spokeswoman", "a company spokesman"
    const caps = words.filter((w) => w.cap).map((w) => w.text.replace(/[’']s$/u, ''));
    if (caps.length) return { type: 'org', noun: fold(caps[caps.length - 1]), kind: 'ORGANIZATION', text: caps.join(' '), qualified: true, start, end };
    const orgWord = words.find((w) => lex.orgNouns.has(w.lower));
    if (orgWord) return { type: 'org', noun: fold(orgWord.text), kind: lex.orgNouns.get(orgWord.lower)!, text: orgWord.text, qualified: false, start, end };
  }
  const heads = words.map((t) => fold(t.text)).filter((w) => titleWords(lex).heads.has(w));
  const gender = genderOfRole(text, toks, s, lex);
  return { type: 'title', heads, text, gender, indefinite, start, end };
}

const nameRef = (m: NameMention): SpeakerRef => ({ type: 'name', mention: m, start: m.start, end: m.end });

/** The subject of the sentence before token `upto`: its first name, pronoun or noun phrase outside a prepositional phrase. */
export function subjectOf(frame: Frame, upto: number, lex: Lexicon): SpeakerRef | null {
  const toks = frame.tokens;
  for (let k = 0; k < upto; k++) {
    const t = toks[k];
    if (t.quote) return null;
    const afterPrep = k > 0 && PREPOSITIONS.has(toks[k - 1].lower);
    const m = frame.namesByFirst.get(k);
    if (m) {
      if (!afterPrep && !m.possessive) {
        // "Consumer group Fair Apps Europe", "Riverside captain Jonny Adeyemi": a title, then the name
        let e = k;
        while (e + 1 < toks.length && toks[e + 1].start < m.end) e++;
        let r = e + 1;
        while (r < upto && toks[r].word && !toks[r].cap && (nounKind(lex, toks[r].lower) || titleWords(lex).words.has(fold(toks[r].text)))) r++;
        const later = r > e + 1 ? frame.namesByFirst.get(r) : undefined;
        return nameRef(later ?? m);
      }
      while (k + 1 < upto && toks[k + 1].start < m.end) k++;
      continue;
    }
    const g = lex.pronouns.get(t.lower);
    if (g && !afterPrep) return { type: 'pronoun', gender: g, text: t.text, start: t.start, end: t.end };
    if (t.word && !afterPrep) {
      const np = commonNounPhrase(frame, k, lex);
      // "Consumer group Fair Apps Europe welcomed it": a common noun, then the name it introduces
      const named = np ? frame.namesByFirst.get(k + 1) : undefined;
      if (named && !named.possessive) return nameRef(named);
      if (np && !(toks[k + 1]?.word && nounKind(lex, toks[k + 1].lower))) {
        // "El entrenador del Atlético Ribera, Javier Olmedo, …": the name in apposition
        if (np.type === 'title') {
          let c = k + 1;
          while (c < upto && c < k + 8 && toks[c].text !== ',') c++;
          const named = toks[c]?.text === ',' ? frame.namesByFirst.get(c + 1) : undefined;
          if (named) return nameRef(named);
        }
        return np;
      }
    }
  }
  return null;
}

/** The speaker named right before a cue ("Leavitt said", "the ministry said", "Leavitt, who said"). */
export function speakerBefore(frame: Frame, cue: number, lex: Lexicon): SpeakerRef | null {
  const toks = frame.tokens;
  let p = cue - 1;
  while (p >= 0 && toks[p].word && lex.adverbs.has(toks[p].lower)) p--;
  if (p < 0) return null;
  let t = toks[p];
  if (lex.relatives.has(t.lower)) {
    p--;
    if (toks[p]?.text === ',') p--;
    if (p < 0) return null;
    t = toks[p];
  } else if (t.text === ',' || t.text === '—' || t.text === '–') {
    // an apposition or a parenthesis between speaker and cue:
    // "Its spokesman, Grigory Pavlenko, said" / "Karoline Leavitt, the spokeswoman, said" / "The Scot, who took over, said"
    for (let q = p - 1; q >= Math.max(0, p - 16); q--) {
      if (toks[q].quote) return null;
      if (toks[q].text !== t.text && toks[q].text !== ',') continue;
      const inner = frame.namesByLast.get(p - 1);
      if (inner && inner.start > toks[q].start && toks.slice(q + 1, p).filter((x) => x.word).length <= inner.words.length + 2) return nameRef(inner);
      const before = frame.namesByLast.get(q - 1);
      if (before && !before.possessive) return nameRef(before);
      const np = q - 1 >= 0 ? commonNounPhrase(frame, q - 1, lex) : null;
      if (np) return np;
      const g = lex.pronouns.get(toks[q - 1]?.lower ?? '');
      if (g) return { type: 'pronoun', gender: g, text: toks[q - 1].text, start: toks[q - 1].start, end: toks[q - 1].end };
      return null;
    }
    return null;
  }
  if (COORDINATORS.has(t.lower)) return subjectOf(frame, p, lex);
  const m = frame.namesByLast.get(p);
  if (m) {
    // "Fuentes del Ministerio de Transportes indicaron": the sources, not the ministry
    const first = toks.findIndex((x) => x.start === m.start);
    if (m.afterPreposition && first >= 2) {
      // "Fuentes del Ministerio … indicaron", "the Court of Appeals in New York said": the phrase the
      // preposition hangs from is the subject
      const before = frame.namesByLast.get(first - 2);
      if (before && !before.possessive) return nameRef(before);
      const np = commonNounPhrase(frame, first - 2, lex);
      if (np) return np;
    }
    return nameRef(m);
  }
  const g = lex.pronouns.get(t.lower);
  if (g) return { type: 'pronoun', gender: g, text: t.text, start: t.start, end: t.end };
  const np = commonNounPhrase(frame, p, lex);
  if (np) return np;
  // "International observers from the regional assembly said": the noun before the preposition
  for (let q = p - 1; q >= Math.max(1, p - 7); q--) {
    if (!toks[q].word) break;
    if (!/^(from|of|at|with|for|in|de|del)$/.test(toks[q].lower)) continue;
    const before = frame.namesByLast.get(q - 1);
    if (before && !before.afterPreposition) return nameRef(before);
    // "two sources familiar with the talks", "officials close to the minister"
    for (let d = q - 1; d >= Math.max(0, q - 3); d--) {
      const np = commonNounPhrase(frame, d, lex);
      if (np) return np;
      if (!toks[d].word) break;
    }
    return null;
  }
  return null;
}

/** The speaker named right after a cue ("said Leavitt", "said the minister", "afirmó el ministro"). */
export function speakerAfter(frame: Frame, cueEnd: number, lex: Lexicon): SpeakerRef | null {
  const toks = frame.tokens;
  let p = cueEnd + 1;
  while (p < toks.length && toks[p].word && lex.adverbs.has(toks[p].lower) && !lex.determiners.has(toks[p].lower)) p++;
  if (p >= toks.length) return null;
  const t = toks[p];
  const g = lex.pronouns.get(t.lower);
  if (g) {
    // "said he." — an inverted pronoun ends the attribution; "said it would…" is the clause's subject
    const next = toks[p + 1];
    return !next || !next.word ? { type: 'pronoun', gender: g, text: t.text, start: t.start, end: t.end } : null;
  }
  let h = p;
  if (lex.determiners.has(toks[h].lower) || lex.possessives.has(toks[h].lower)) h++;
  let k = h;
  while (k < toks.length && k < h + 9) {
    const w = toks[k];
    if (qualifierWord(w, lex) || (w.word && nounKind(lex, w.lower))) {
      k++;
      continue;
    }
    if ((w.lower === 'de' || w.lower === 'del' || w.lower === 'of') && toks[k + 1]?.cap) {
      k++;
      continue;
    }
    break;
  }
  if (k === h) return null;
  // the last proper name of the phrase, unless it only qualifies a title ("the EU’s commissioner")
  let name: NameMention | undefined;
  for (let i = h; i < k; i++) {
    const m = frame.namesByFirst.get(i);
    if (m && !m.possessive) name = m;
  }
  // "según la delegación de Senegal", "said the president of the club": the noun phrase, not the name in it
  if (
    name &&
    h < k &&
    nounKind(lex, toks[h].lower) &&
    /^(de|del|of)$/.test(toks.find((x) => x.end <= name!.start && x.start >= toks[h].start && /^(de|del|of)$/.test(x.lower))?.lower ?? '')
  ) {
    // "insistió el jefe de Estado": the title's holder, not the state
    const headed = commonNounPhrase(frame, h, lex);
    if (headed) return headed;
  }
  const np = commonNounPhrase(frame, k - 1, lex);
  if (name && (!np || name.end >= toks[k - 1].end)) return nameRef(name);
  if (np && np.type === 'title' && toks[k]?.text === ',') {
    // "said the foreign minister, José Manuel Albares" / "dijo el ministro, José Manuel Albares"
    const named = frame.namesByFirst.get(k + 1);
    if (named) return nameRef(named);
  }
  return np ?? (name ? nameRef(name) : null);
}
