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
