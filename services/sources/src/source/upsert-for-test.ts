import type { SubgraphForTest } from '@newsgraph/kit/testing';

export const UPSERT = `mutation($s: [SourceInput!]!) { upsertSources(sources: $s) { created updated unchanged keys } }`;

/** `upsertSources` with the write token (integration tests); throws on GraphQL errors. */
export async function upsertSources(s: SubgraphForTest, sources: unknown[]): Promise<{ created: number; updated: number; unchanged: number; keys: string[] }> {
  return (await s.writeData(UPSERT, { s: sources })).upsertSources;
}
