import type { NewsPackage, PackageActor, PackageStatement } from '@newsgraph/news-package';

/** The confidence at or above which the watcher ingests a statement without a person looking. */
export const DEFAULT_THRESHOLD = 0.8;

interface Extracted {
  extraction?: { confidence?: number; review?: boolean };
}

/** Sure enough to ingest unseen: confident, and not flagged for review by the extractor (an unsure stance, …). */
export function isSure(statement: PackageStatement, threshold: number): boolean {
  const e = (statement as PackageStatement & Extracted).extraction;
  return typeof e?.confidence === 'number' && e.confidence >= threshold && e.review !== true;
}

/** Indices of the package's statements that are sure enough. */
export function sureIndices(pkg: NewsPackage, threshold: number): number[] {
  return (pkg.statements ?? []).flatMap((s, i) => (isSure(s, threshold) ? [i] : []));
}

/**
 * The part of a package that the chosen statements need: those statements, every source (the
 * article itself), the claims their stances name, and the package's actors they refer to with
 * everything those actors refer to in turn (organisations of memberships, `partOf`). Actors only
 * the other statements name are left out, so a doubtful speaker is not created before review.
 */
export function subPackage(pkg: NewsPackage, indices: readonly number[]): NewsPackage {
  const statements = indices.map((i) => pkg.statements![i]);
  const defined = new Map((pkg.actors ?? []).map((a) => [a.key, a]));
  const wanted = new Set<string>();
  const want = (key: string | null | undefined) => {
    if (!key || wanted.has(key) || !defined.has(key)) return;
    wanted.add(key);
    const a = defined.get(key)!;
    want(a.partOf);
    for (const m of a.memberships ?? []) want(m.organization);
  };
  for (const s of statements) {
    want(s.speaker);
    want(s.onBehalfOf);
  }
  const claims = new Set(statements.flatMap((s) => (s.stances ?? []).map((st) => st.claim)));
  const out: NewsPackage = { format: pkg.format };
  const actors: PackageActor[] = (pkg.actors ?? []).filter((a) => wanted.has(a.key));
  if (actors.length) out.actors = actors;
  if (pkg.sources?.length) out.sources = pkg.sources;
  const keptClaims = (pkg.claims ?? []).filter((c) => claims.has(c.key));
  if (keptClaims.length) out.claims = keptClaims;
  if (statements.length) out.statements = statements;
  return out;
}
