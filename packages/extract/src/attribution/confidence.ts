import type { Resolved } from './resolve';

/**
 * How sure the finder is, from how the attribution was made. The figures are rough calibrations
 * from the development set: an adjacent name with a speech verb is almost always right; a pronoun
 * or a title resolved across sentences, a quote continued without a cue, reported speech without
 * quotation marks (its span is a guess at the clause) are right less often.
 */
export type Pattern = 'adjacent' | 'colon' | 'continuation' | 'reported' | 'reported-zero-that' | 'according' | 'reported-tail';

const BASE: Record<Pattern, number> = {
  adjacent: 0.95,
  colon: 0.7,
  continuation: 0.75,
  reported: 0.85,
  'reported-zero-that': 0.75,
  according: 0.8,
  'reported-tail': 0.75,
};

const BY_SPEAKER: Record<Resolved['how'], number> = {
  name: 1,
  org: 0.92,
  group: 0.85,
  title: 0.85,
  pronoun: 0.88,
  'null-subject': 0.82,
  unresolved: 0.35,
};

export function confidenceOf(pattern: Pattern, resolved: Resolved): number {
  const distance = Math.max(0, resolved.distance) * 0.05;
  const c = BASE[pattern] * BY_SPEAKER[resolved.how] - distance;
  return Math.round(Math.min(0.99, Math.max(0.05, c)) * 100) / 100;
}
