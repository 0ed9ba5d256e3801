/**
 * Lexicon for proposing a stance. The finder gives each quotation's cue as an English lemma
 * (`deny` for "denied", "negó", "desmintió"), so the cue lists are English only; the markers read in
 * the quoted words themselves are per language.
 */
export const STANCE_CUES = {
  DENIES: ['deny', 'reject', 'refute', 'rebut', 'dismiss', 'dispute', 'contradict', 'disavow', 'repudiate', 'negate', 'rule out', 'debunk'],
  AFFIRMS: ['confirm', 'agree', 'affirm', 'acknowledge', 'admit', 'concede', 'corroborate', 'verify', 'reaffirm', 'assure'],
} as const;

/** Words inside a quotation that deny what it is about ("I categorically deny", "no es cierto"). */
export const DENIAL_MARKERS: Record<string, string[]> = {
  en: [
    'deny',
    'denies',
    'denied',
    'reject',
    'rejects',
    'rejected',
    'false',
    'untrue',
    'not true',
    'no truth',
    'never',
    'not',
    "n't",
    'no ',
    'nothing',
    'refute',
  ],
  es: [
    'niego',
    'niega',
    'negó',
    'negamos',
    'rechazo',
    'rechaza',
    'falso',
    'no es cierto',
    'no es verdad',
    'nunca',
    'jamás',
    'no ',
    'nada',
    'desmiento',
    'desmiente',
  ],
};

/** Words inside a quotation that say something is confirmed ("I can confirm", "confirmamos"). */
export const AFFIRMATION_MARKERS: Record<string, string[]> = {
  en: ['confirm', 'confirms', 'confirmed', 'agree', 'agrees', 'agreed', 'true', 'indeed'],
  es: ['confirmo', 'confirma', 'confirmamos', 'confirmó', 'es cierto', 'es verdad', 'acordó', 'acuerda'],
};
