/**
 * What the finder knows about one language: plain data, no behaviour. Every list is lowercase and
 * accent-preserving; matching folds case (and, where said, accents) itself.
 */
export interface Lexicon {
  language: string;
  /** speech verbs as printed ("denied", "negó") -> the English lemma ("deny") */
  cues: Map<string, string>;
  /** multi-word cues that act like one verb ("pointed out", "ruled out") -> lemma */
  phraseCues: Array<{ words: string[]; lemma: string }>;
  /** cue lemmas that may take a clause with no complementizer ("said Spain would…") */
  zeroThatLemmas: Set<string>;
  /** cue lemmas that introduce direct words only, never a reported clause ("went on", "asked") */
  directOnlyLemmas: Set<string>;
  /** the word that opens a reported clause ("that", "que") */
  complementizers: Set<string>;
  /** "according to X": the words before X */
  accordingTo: string[][];
  /** subject pronouns and their gender/number (m, f, n = neuter/organisation, p = plural) */
  pronouns: Map<string, 'm' | 'f' | 'n' | 'p'>;
  /** relative pronouns after a name ("Leavitt, who said") */
  relatives: Set<string>;
  determiners: Set<string>;
  /** possessive determiners before a title ("his spokesman") are not names */
  possessives: Set<string>;
  /** words allowed between a speaker and a cue, or between a cue and its clause ("also", "firmly", "has") */
  adverbs: Set<string>;
  /** role nouns, single or multi-word ("foreign minister", "portavoz") */
  titles: Set<string>;
  /** titles that tell the person is a woman ("spokeswoman", "ministra") */
  femaleTitles: Set<string>;
  /** titles that tell the person is a man */
  maleTitles: Set<string>;
  /** honorifics before a name ("Mr", "Sra.") and their gender */
  honorifics: Map<string, 'm' | 'f' | 'n'>;
  /** common nouns that name an organisation when they speak ("the ministry", "la empresa") */
  orgNouns: Map<string, 'ORGANIZATION' | 'GOVERNMENT'>;
  /** plural nouns for a group that speaks ("officials", "fuentes") */
  groupNouns: Set<string>;
  /** words that introduce a term, not a quotation ("called", "so-called", "calificó de") */
  termCues: string[][];
  /** capitalised words that are not names at a sentence start ("The", "Yesterday") */
  functionWords: Set<string>;
  /** name-internal lowercase connectors ("de", "van") */
  nameConnectors: Set<string>;
  /** weekday names, Sunday first */
  weekdays: string[];
  /** relative day words -> offset from publication day */
  relativeDays: Map<string, number>;
  /** prepositions that introduce a venue after a cue ("in an interview with", "en declaraciones a") */
  venueIntroducers: string[][];
  /** nouns that, after "in a"/"en un", make a venue of their own ("statement", "comunicado") */
  venueNouns: Set<string>;
  /** frequent words, for language detection */
  stopwords: Set<string>;
}

/** The lexicon as written in a language file, before the forms are expanded. */
export interface LexiconSource extends Omit<Lexicon, 'cues'> {
  cues: Array<{ lemma: string; forms: string[] }>;
}

export function buildLexicon(source: LexiconSource): Lexicon {
  const cues = new Map<string, string>();
  for (const cue of source.cues) for (const form of cue.forms) if (!cues.has(form)) cues.set(form, cue.lemma);
  return { ...source, cues };
}

export function words(list: string): Set<string> {
  return new Set(
    list
      .split(/\s*,\s*/)
      .map((w) => w.trim())
      .filter(Boolean),
  );
}
