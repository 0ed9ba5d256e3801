/**
 * The meaning rules of CONTRACT.md section 3 that are decided in code (the roll-up itself is the
 * actors subgraph's; "by" is applied in SQL from the intervals it returns).
 */

/** A statement is about its own topics and the topics of every claim it takes a stance on. */
export function effectiveTopics(own: readonly string[], claimTopics: readonly (readonly string[])[]): string[] {
  const all = new Set<string>(own);
  for (const topics of claimTopics) for (const t of topics) all.add(t);
  return [...all].sort();
}

export type ContradictionCandidate =
  | { subject: string; other: string; origin: 'EXPLICIT' }
  | { subject: string; other: string; origin: 'DERIVED'; claim: string };

export interface MergedContradiction {
  other: string;
  origin: 'EXPLICIT' | 'DERIVED';
  /** claims on which the two take opposite stances */
  claimKeys: string[];
}

/**
 * Folds candidate pairs into one contradiction per (subject, other): EXPLICIT when any CONTRADICTS
 * relation links them (either direction), DERIVED otherwise; claims on which the stances oppose are
 * kept either way. A statement never contradicts itself. Order of first appearance is kept.
 */
export function mergeContradictions(candidates: readonly ContradictionCandidate[]): Map<string, MergedContradiction[]> {
  const bySubject = new Map<string, Map<string, MergedContradiction>>();
  for (const c of candidates) {
    if (c.subject === c.other) continue;
    let others = bySubject.get(c.subject);
    if (!others) bySubject.set(c.subject, (others = new Map()));
    let merged = others.get(c.other);
    if (!merged) others.set(c.other, (merged = { other: c.other, origin: c.origin, claimKeys: [] }));
    if (c.origin === 'EXPLICIT') merged.origin = 'EXPLICIT';
    else if (!merged.claimKeys.includes(c.claim)) merged.claimKeys.push(c.claim);
  }
  const result = new Map<string, MergedContradiction[]>();
  for (const [subject, others] of bySubject) {
    result.set(subject, [...others.values()].map((m) => ({ ...m, claimKeys: [...m.claimKeys].sort() })));
  }
  return result;
}
