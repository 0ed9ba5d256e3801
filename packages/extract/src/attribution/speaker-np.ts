import type { ActorKind } from '../types';
import type { Lexicon } from '../lexicon/types';
import type { NameMention } from '../entities/names';
import { genderOfRole, titleWords } from '../entities/names';
import { NATIONALITIES } from '../lexicon/world';
import { fold } from '../text/fold';
import { isPossessive } from '../text/tokens';
import type { Frame } from './frame';

/** How the words at a cue name their speaker, before resolving it to an actor of the article. */
export type SpeakerRef =
  | { type: 'name'; mention: NameMention; start: number; end: number }
  | { type: 'pronoun'; gender: 'm' | 'f' | 'n' | 'p'; text: string; start: number; end: number }
  | { type: 'title'; heads: string[]; text: string; gender?: 'm' | 'f'; start: number; end: number }
  | { type: 'org'; noun: string; kind: ActorKind; text: string; qualified: boolean; start: number; end: number }
  | { type: 'group'; text: string; kind: ActorKind; start: number; end: number }
  | { type: 'none'; start: number; end: number };

const GOVERNMENT_GROUPS = new Set(['officials', 'authorities', 'police', 'prosecutors', 'investigators', 'diplomats', 'ministers', 'autoridades', 'fuentes', 'responsables', 'agentes', 'investigadores', 'diplomáticos', 'ministros', 'portavoces']);

function nounKind(lex: Lexicon, w: string): 'title' | 'org' | 'group' | null {
  const f = w.toLowerCase();
  if (lex.groupNouns.has(f)) return 'group';
  if (lex.orgNouns.has(f)) return 'org';
  if (titleWords(lex).heads.has(fold(f))) return 'title';
  return null;
}

/** The noun phrase ending at token `p` ("the minister", "Spain’s foreign ministry", "Spanish officials"). */
function commonNounPhrase(frame: Frame, p: number, lex: Lexicon): SpeakerRef | null {
  const toks = frame.tokens;
  const head = toks[p];
  if (!head?.word) return null;
  const kind = nounKind(lex, head.lower);
  if (!kind) return null;
  let q = p;
  let qualified = false;
  while (q - 1 >= 0) {
    const t = toks[q - 1];
    if (!t.word) break;
    if (lex.determiners.has(t.lower) || lex.possessives.has(t.lower)) {
      q--;
      break;
    }
    const f = fold(t.text);
    if (titleWords(lex).words.has(f) || NATIONALITIES.has(t.lower) || t.cap || isPossessive(t.text) || /^(senior|top|local|regional|federal|national|state|foreign|interior|defence|defense|health|finance|economy|justice|club|team|police|government|press|former|alto|altos|fuentes)$/.test(t.lower)) {
      if (t.cap || NATIONALITIES.has(t.lower) || isPossessive(t.text)) qualified = true;
      q--;
      continue;
    }
    break;
  }
  // Spanish puts the qualifier after the noun: "el Ministerio de Exteriores", "fuentes del Gobierno"
  let e = p;
  if (lex.language === 'es') {
    let r = p + 1;
    while (r < toks.length && (toks[r].lower === 'de' || toks[r].lower === 'del' || lex.determiners.has(toks[r].lower) || (toks[r].cap && toks[r].word) || NATIONALITIES.has(toks[r].lower))) {
      if (toks[r].cap || NATIONALITIES.has(toks[r].lower)) {
        e = r;
        qualified = true;
      }
      r++;
    }
  }
  let s = q;
  while (s <= e && (lex.determiners.has(toks[s].lower) || lex.possessives.has(toks[s].lower))) s++;
  const text = toks.slice(s, e + 1).map((t) => t.text).join(' ');
  const start = toks[s].start;
  const end = toks[e].end;
  if (kind === 'group') return { type: 'group', text, kind: GOVERNMENT_GROUPS.has(head.lower) || qualified ? 'GOVERNMENT' : 'OTHER', start, end };
  if (kind === 'org') return { type: 'org', noun: fold(head.text), kind: lex.orgNouns.get(head.lower)!, text, qualified, start, end };
  const heads = toks.slice(s, e + 1).map((t) => fold(t.text)).filter((w) => titleWords(lex).heads.has(w));
  const gender = genderOfRole(text, toks, s, lex);
  return { type: 'title', heads, text, gender, start, end };
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
    // an apposition between speaker and cue: "Karoline Leavitt, the White House spokeswoman, said"
    for (let q = p - 1; q >= Math.max(0, p - 14); q--) {
      if (toks[q].text === t.text || toks[q].text === ',') {
        const m = frame.namesByLast.get(q - 1);
        if (m) return { type: 'name', mention: m, start: m.start, end: m.end };
        break;
      }
    }
    return null;
  }
  const m = frame.namesByLast.get(p);
  if (m) return { type: 'name', mention: m, start: m.start, end: m.end };
  const g = lex.pronouns.get(t.lower);
  if (g) return { type: 'pronoun', gender: g, text: t.text, start: t.start, end: t.end };
  return commonNounPhrase(frame, p, lex);
}

/** The speaker named right after a cue ("said Leavitt", "said the minister", "afirmó el ministro"). */
export function speakerAfter(frame: Frame, cueEnd: number, lex: Lexicon): SpeakerRef | null {
  const toks = frame.tokens;
  let p = cueEnd + 1;
  while (p < toks.length && toks[p].word && lex.adverbs.has(toks[p].lower) && !lex.determiners.has(toks[p].lower)) p++;
  if (p >= toks.length) return null;
  const t = toks[p];
  const g = lex.pronouns.get(t.lower);
  if (g) return { type: 'pronoun', gender: g, text: t.text, start: t.start, end: t.end };
  let m = frame.namesByFirst.get(p);
  if (m) {
    // "said White House spokeswoman Karoline Leavitt": the organisation, a title, then the person
    let q = p;
    while (q < toks.length && toks[q].start < m.end) q++;
    let r = q;
    while (r < toks.length && toks[r].word && !toks[r].cap && titleWords(lex).words.has(fold(toks[r].text))) r++;
    const later = r > q ? frame.namesByFirst.get(r) : undefined;
    if (later) m = later;
    return { type: 'name', mention: m, start: m.start, end: m.end };
  }
  if (!t.word) return null;
  // a common noun phrase: find its head (the last noun before punctuation or a preposition)
  let h = p;
  if (lex.determiners.has(toks[h].lower) || lex.possessives.has(toks[h].lower)) h++;
  let best: SpeakerRef | null = null;
  for (let k = h; k < Math.min(toks.length, h + 5); k++) {
    if (!toks[k].word) break;
    const name = frame.namesByFirst.get(k);
    if (name && k > h) {
      // "said the foreign minister, José Manuel Albares" is handled by the comma below; here a
      // title directly followed by the name: "said spokeswoman Karoline Leavitt"
      return { type: 'name', mention: name, start: name.start, end: name.end };
    }
    const ref = commonNounPhrase(frame, k, lex);
    if (ref) best = ref;
    else if (best) break;
  }
  if (best && best.type === 'title') {
    // "dijo el ministro de Exteriores, José Manuel Albares": the name after the comma
    let k = h;
    while (k < toks.length && toks[k].text !== ',' && k < h + 8) k++;
    const name = toks[k]?.text === ',' ? frame.namesByFirst.get(k + 1) : undefined;
    if (name) return { type: 'name', mention: name, start: name.start, end: name.end };
  }
  return best;
}
