import type { ActorKind } from '../types';
import type { Lexicon } from '../lexicon/types';
import { NATIONALITIES } from '../lexicon/world';
import { fold } from '../text/fold';
import { isPossessive, stripPossessive, type Token } from '../text/tokens';
import { kindOfName } from './kind';

/** A name as printed at one place, with what the words around it say of it. */
export interface NameMention {
  text: string;
  start: number;
  end: number;
  kind: ActorKind;
  /** folded name words, for matching "Albares" to "José Manuel Albares" */
  words: string[];
  /** a role given next to the name ("spokeswoman", "Foreign Minister", "ministro de Asuntos Exteriores") */
  role?: string;
  /** the organisation or country of that role ("White House", "Spain") */
  organization?: string;
  gender?: 'm' | 'f';
  sentence: number;
  /** printed as a possessive ("Labour’s spokesman"): it qualifies a noun, it is not a subject */
  possessive: boolean;
  /** right after a preposition ("in Madrid", "de Talavera"): not a subject either */
  afterPreposition?: boolean;
}

/** Title and nationality words per lexicon, computed once. */
interface TitleWords {
  words: Set<string>;
  heads: Set<string>;
}
const titleCache = new WeakMap<Lexicon, TitleWords>();
export function titleWords(lex: Lexicon): TitleWords {
  let t = titleCache.get(lex);
  if (!t) {
    const ws = new Set<string>();
    const heads = new Set<string>();
    for (const title of lex.titles) {
      const parts = title.split(' ').map(fold);
      if (parts.length === 1) heads.add(parts[0]);
      // "ministro de asuntos exteriores": the words after "de" name the office, not the title
      for (const p of parts) {
        if (lex.nameConnectors.has(p) || p === 'of') break;
        ws.add(p);
      }
    }
    for (const h of lex.honorifics.keys()) ws.add(h);
    t = { words: ws, heads };
    titleCache.set(lex, t);
  }
  return t;
}

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
  'desde',
  'hasta',
]);

/** titles whose "de/of X" names an office or a body ("ministro de Asuntos Exteriores", "head of State"), not a person */
const OFFICES =
  /^(ministro|ministra|minister|secretario|secretaria|secretary|director|directora|jefe|jefa|head|chief|consejero|consejera|presidente|presidenta|president|chair|chairman|chairwoman|portavoz|spokesman|spokeswoman|spokesperson|delegado|delegada|comisario|comisaria|commissioner|governor|gobernador|gobernadora|alcalde|alcaldesa|mayor|titular|decano|decana|rector|rectora|general)$/;

const isTitleWord = (tok: Token, lex: Lexicon): boolean => titleWords(lex).words.has(fold(tok.text.replace(/\.$/, '')));
const nationality = (tok: Token): string | undefined => NATIONALITIES.get(tok.lower);

/** A capitalised word that may be part of a name (not a sentence-initial function word). */
function nameWord(tokens: Token[], i: number, lex: Lexicon, lowerVocab: Set<string>, sentenceStart: boolean, midCaps?: Set<string>): boolean {
  const t = tokens[i];
  if (!t.word || !t.cap) return false;
  const f = fold(stripPossessive(t.text));
  if (lex.pronouns.has(t.lower) || lex.cues.has(t.lower)) return false;
  if (sentenceStart) {
    if (lex.functionWords.has(t.lower) || lex.functionWords.has(f)) return false;
    const next = tokens[i + 1];
    if (/(ing|ly|ed)$/.test(t.lower) && !(next?.cap && next.word)) return false;
    // Spanish: a sentence-initial preterite or gerund ("Aludió que…", "Insistiendo en…") is a verb
    if (lex.language === 'es' && /(ó|aron|ieron|ando|iendo)$/.test(t.lower) && !(next?.cap && next.word)) return false;
    // a dateline: "BRUSSELS —", "VALMOOR, April 14 (Wire) -"
    if (/^\p{Lu}{3,}$/u.test(t.text) && next && /^[,—–\-(]$/.test(next.text) && i === 0) return false;
    // a sentence-initial word the article also prints in lowercase is an ordinary word
    if (lowerVocab.has(t.lower) && !(tokens[i + 1]?.cap && tokens[i + 1]?.word)) return false;
    // a lone capitalised word that opens the sentence is a name only if the article also capitalises
    // it inside a sentence, or it speaks ("Respecto a sus pasos" is not a name, "Huawei said" is)
    const joined = next && lex.nameConnectors.has(next.lower) && tokens.slice(i + 2, i + 4).some((x) => x.cap && x.word);
    const alone = !(next?.cap && next.word) && !isPossessive(t.text) && !joined;
    if (alone && midCaps && !midCaps.has(stripPossessive(t.text)) && !(next && lex.cues.has(next.lower)) && kindOfName(t.text) === 'PERSON') return false;
  }
  if (lex.functionWords.has(t.lower) && /^\p{Lu}\p{Ll}/u.test(t.text) && lex.determiners.has(t.lower)) return false;
  return true;
}

/**
 * Name runs in one sentence's tokens (tokens inside quotations already removed by the caller).
 * A run of capitalised words is split into a leading title ("Spanish Foreign Minister") and the
 * name ("José Manuel Albares"); a lowercase title right before ("White House spokeswoman …") or
 * an apposition right after (", the White House spokeswoman,") gives the role and organisation.
 */
export function findNames(tokens: Token[], sentence: number, lex: Lexicon, lowerVocab: Set<string>, midCaps?: Set<string>): NameMention[] {
  const out: NameMention[] = [];
  let i = 0;
  while (i < tokens.length) {
    const atStart = i === 0 || /^[“"‘'«„:—–(-]$/u.test(tokens[i - 1].text);
    // "Dr. Helena Brookes", "Sra. Robles": the honorific and its full stop go before the name
    if (tokens[i].cap && lex.honorifics.has(fold(tokens[i].text).replace(/\.$/, '')) && tokens[i + 1]) {
      i += tokens[i + 1].text === '.' ? 2 : 1;
      continue;
    }
    if (!nameWord(tokens, i, lex, lowerVocab, atStart, midCaps) || lex.groupNouns.has(tokens[i].lower)) {
      i++;
      continue;
    }
    // the run: capitalised words, with connectors between them; "of" only inside organisation names
    let j = i + 1;
    let last = i;
    while (j < tokens.length && !isPossessive(tokens[last].text)) {
      const t = tokens[j];
      if (t.word && t.cap) {
        last = j;
        j++;
        continue;
      }
      const connector =
        lex.nameConnectors.has(t.lower) ||
        ((t.lower === 'of' || t.lower === 'for' || t.lower === 'the') &&
          kindOfName(
            tokens
              .slice(i, j)
              .map((x) => x.text)
              .join(' '),
          ) !== 'PERSON');
      // connectors may chain: "Ursula von der Leyen", "María de la Fuente"
      let c = j + 1;
      while (connector && c < tokens.length && lex.nameConnectors.has(tokens[c].lower) && c < j + 3) c++;
      if (connector && tokens[c]?.cap && tokens[c]?.word) {
        j = c;
        continue;
      }
      break;
    }
    const run = tokens.slice(i, last + 1);
    // the last title word inside the run splits it
    let k = -1;
    const whole = run.map((x) => x.text).join(' ');
    const orgName = kindOfName(whole) !== 'PERSON';
    for (let r = 0; r < run.length - 1; r++) if ((isTitleWord(run[r], lex) && !orgName) || (nationality(run[r]) && !orgName)) k = r;
    // inside an organisation's name only a head title splits off a person: "Foreign Ministry Spokesman Juan Pérez"
    if (orgName)
      for (let r = 1; r < run.length - 1; r++)
        if (
          titleWords(lex).heads.has(fold(run[r].text)) &&
          kindOfName(
            run
              .slice(r + 1)
              .map((x) => x.text)
              .join(' '),
          ) === 'PERSON'
        )
          k = r;
    const nameTokens = run.slice(k + 1);
    const prefix = run.slice(0, k + 1);
    const mention = makeMention(nameTokens, sentence, lex);
    if (mention) {
      // a name right after an organisation noun is that organisation ("la aerolínea Aerovía"),
      // and after "title de" an office ("el ministro de Asuntos Exteriores")
      const before = tokens[i - 1];
      const orgNoun = before && lex.orgNouns.get(before.lower);
      if (mention.kind === 'PERSON' && orgNoun && !prefix.length) mention.kind = orgNoun;
      if (mention.kind === 'PERSON' && run.length === 1 && lex.orgNouns.has(run[0].lower)) mention.kind = lex.orgNouns.get(run[0].lower)!;
      if (mention.kind === 'PERSON' && before && /^(de|del|of)$/.test(before.lower) && tokens[i - 2] && OFFICES.test(fold(tokens[i - 2].text)))
        mention.kind = 'ORGANIZATION';
      if (prefix.length) describeFromPrefix(mention, prefix, lex);
      else if (mention.kind === 'PERSON') describeFromLeft(mention, tokens, i, lex);
      if (mention.kind === 'PERSON') describeFromRight(mention, tokens, last + 1, lex);
      const honTok = tokens[i - 1]?.text === '.' ? tokens[i - 2] : tokens[i - 1];
      const hon = honTok && lex.honorifics.get(fold(honTok.text).replace(/\.$/, ''));
      const prev = honTok && hon ? tokens[tokens.indexOf(honTok) - 1] : tokens[i - 1];
      mention.afterPreposition = !!prev && PREPOSITIONS.has(prev.lower);
      if (hon === 'm' || hon === 'f') mention.gender = hon;
      if (mention.role && !mention.gender) mention.gender = genderOfRole(mention.role, tokens, i, lex);
      out.push(mention);
    }
    i = last + 1;
  }
  return out;
}

const MONTHS_AND_DAYS =
  /^(january|february|march|april|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|lunes|martes|miercoles|jueves|viernes|sabado|domingo)$/;

function makeMention(run: Token[], sentence: number, lex: Lexicon): NameMention | null {
  if (run.length === 0) return null;
  const lastTok = run[run.length - 1];
  const endText = stripPossessive(lastTok.text);
  const start = run[0].start;
  const end = lastTok.start + endText.length;
  const text =
    run.length === 1
      ? endText
      : `${run
          .slice(0, -1)
          .map((t) => t.text)
          .join(' ')} ${endText}`;
  if (!/\p{L}{2}/u.test(text)) return null;
  // "Spanish", "US-led": adjectives, not actors
  if (
    run.length === 1 &&
    ((NATIONALITIES.has(lastTok.lower) && kindOfName(lastTok.text) !== 'COUNTRY') || /-(led|backed|based|born|made)$/.test(lastTok.lower))
  )
    return null;
  if (run.length === 1 && (titleWords(lex).heads.has(fold(endText)) || MONTHS_AND_DAYS.test(fold(endText)))) return null;
  return { text, start, end, kind: kindOfName(text), words: text.split(/\s+/).map((w) => fold(w)), sentence, possessive: isPossessive(lastTok.text) };
}

function orgOf(tokens: Token[]): string | undefined {
  if (tokens.length === 0) return undefined;
  if (tokens.length === 1 && nationality(tokens[0])) return nationality(tokens[0]);
  let from = 0;
  while (from < tokens.length && /^(the|el|la|los|las)$/i.test(tokens[from].text)) from++;
  const text = tokens
    .slice(from)
    .map((t) => stripPossessive(t.text))
    .join(' ')
    .trim();
  return text || undefined;
}

/** "Spanish Foreign Minister" / "White House Press Secretary" -> role and organisation */
function describeFromPrefix(m: NameMention, prefix: Token[], lex: Lexicon): void {
  let r = prefix.length;
  while (r > 0 && (isTitleWord(prefix[r - 1], lex) || lex.nameConnectors.has(prefix[r - 1].lower) || prefix[r - 1].lower === 'of')) r--;
  const role = prefix.slice(r).filter((t) => !lex.honorifics.has(fold(t.text.replace(/\.$/, ''))));
  if (role.length) m.role = role.map((t) => t.text).join(' ');
  m.organization = orgOf(prefix.slice(0, r));
}

/**
 * Lowercase titles before the name: "White House spokeswoman Karoline Leavitt", "Spain’s foreign
 * minister José Manuel Albares", "el ministro de Asuntos Exteriores, José Manuel Albares".
 */
function describeFromLeft(m: NameMention, tokens: Token[], runStart: number, lex: Lexicon): void {
  let p = runStart - 1;
  if (p >= 0 && tokens[p].text === ',') p--;
  // Spanish: title + "de/del" + organisation words before the comma
  let org: Token[] = [];
  let q = p;
  while (q >= 0 && tokens[q].cap && tokens[q].word && !isTitleWord(tokens[q], lex)) q--;
  if (q < p && q > 0 && lex.determiners.has(tokens[q].lower) && /^(de|of)$/.test(tokens[q - 1].lower)) q--;
  if (q < p && q >= 0 && (tokens[q].lower === 'de' || tokens[q].lower === 'del' || tokens[q].lower === 'of')) {
    org = tokens.slice(q + 1, p + 1);
    p = q - 1;
  }
  const roleEnd = p;
  while (p >= 0 && tokens[p].word && isTitleWord(tokens[p], lex) && !tokens[p].cap) p--;
  if (p === roleEnd) return;
  const roleTokens = tokens.slice(p + 1, roleEnd + 1);
  if (!roleTokens.some((t) => titleWords(lex).heads.has(fold(t.text)))) return;
  m.role = roleTokens.map((t) => t.text).join(' ');
  if (org.length) {
    m.organization = orgOf(org);
    return;
  }
  // the organisation before the role: a capitalised run, a possessive ("Spain’s") or a nationality
  let o = p;
  while (o >= 0 && tokens[o].word && (tokens[o].cap || nationality(tokens[o]))) o--;
  if (o < p) m.organization = orgOf(tokens.slice(o + 1, p + 1));
}

/** ", the White House spokeswoman," / ", ministro de Exteriores," after the name */
function describeFromRight(m: NameMention, tokens: Token[], after: number, lex: Lexicon): void {
  if (tokens[after]?.text !== ',') return;
  let p = after + 1;
  if (tokens[p] && (lex.determiners.has(tokens[p].lower) || lex.possessives.has(tokens[p].lower))) p++;
  const orgStart = p;
  while (p < tokens.length && tokens[p].word && tokens[p].cap && !isTitleWord(tokens[p], lex)) p++;
  let orgTokens = tokens.slice(orgStart, p);
  const roleStart = p;
  while (p < tokens.length && tokens[p].word && (isTitleWord(tokens[p], lex) || nationality(tokens[p]))) p++;
  if (p === roleStart) return;
  const roleTokens = tokens.slice(roleStart, p).filter((t) => !nationality(t));
  if (!roleTokens.some((t) => titleWords(lex).heads.has(fold(t.text)))) return;
  const nat = tokens.slice(roleStart, p).find((t) => nationality(t));
  if ((tokens[p]?.lower === 'of' || tokens[p]?.lower === 'de' || tokens[p]?.lower === 'del') && tokens[p + 1]) {
    let e = p + 1;
    if (tokens[e] && lex.determiners.has(tokens[e].lower)) e++;
    const s = e;
    while (e < tokens.length && tokens[e].word && (tokens[e].cap || lex.nameConnectors.has(tokens[e].lower))) e++;
    if (e > s) orgTokens = tokens.slice(s, e);
    p = e;
  }
  const end = tokens[p]?.text;
  if (end !== undefined && end !== ',' && end !== '.' && end !== ';' && !lex.cues.has(tokens[p].lower)) return;
  m.role = roleTokens.map((t) => t.text).join(' ');
  m.organization = orgOf(orgTokens) ?? (nat ? nationality(nat) : undefined);
  if (!m.gender) m.gender = genderOfRole(m.role, tokens, roleStart, lex);
}

export function genderOfRole(role: string, tokens: Token[], at: number, lex: Lexicon): 'm' | 'f' | undefined {
  const ws = role.split(/\s+/).map((w) => w.toLowerCase());
  if (ws.some((w) => lex.femaleTitles.has(w))) return 'f';
  if (ws.some((w) => lex.maleTitles.has(w))) return lex.language === 'es' && tokens[at - 1]?.lower === 'la' ? 'f' : 'm';
  if (lex.language === 'es') {
    const det = tokens[at - 1]?.lower;
    if (det === 'la') return 'f';
    if (det === 'el' || det === 'del' || det === 'al') return 'm';
  }
  return undefined;
}
