import { NewsPackage, PackageActor, PackageClaim, PackageSource, PackageStatement } from '@newsgraph/news-package';
import { dependencyChunks } from './chunks';

/** At most this many items per mutation (and keys per lookup). */
export const MAX_PER_REQUEST = 500;

/**
 * At most this many bytes of items per mutation: the gateway refuses bodies over 1 MiB
 * (PAYLOAD_TOO_LARGE); the rest is left for the query text and the JSON around the items.
 */
export const MAX_REQUEST_ITEM_BYTES = 1024 * 1024 - 8 * 1024;

/** An item's size in a request body: its JSON, as JSON.stringify sends it, and the comma after it. */
export function itemBytes(item: unknown): number {
  return Buffer.byteLength(JSON.stringify(item), 'utf8') + 1;
}

/**
 * Items too large for any request, as problems at their paths: no chunking can send them, so the
 * package is refused at validation, before its first write, instead of halfway through.
 */
export function itemsTooLarge(pkg: NewsPackage, maxBytes = MAX_REQUEST_ITEM_BYTES): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  for (const list of ['actors', 'sources', 'claims', 'statements'] as const) {
    (pkg[list] ?? []).forEach((item: unknown, i: number) => {
      const n = itemBytes(item);
      if (n > maxBytes) {
        problems.push({
          path: `/${list}/${i}`,
          message: `is ${n} bytes as sent; one write request holds at most ${maxBytes} (the gateway refuses bodies over 1 MiB): make it smaller`,
        });
      }
    });
  }
  return problems;
}

// Named, so that logs and metrics (by operation) tell ingest writes apart from other mutations.
export const UPSERT_ACTORS = 'mutation IngestActors($a:[ActorInput!]!){ upsertActors(actors:$a){ created updated unchanged keys } }';
export const UPSERT_SOURCES = 'mutation IngestSources($s:[SourceInput!]!){ upsertSources(sources:$s){ created updated unchanged keys } }';
export const UPSERT_STATEMENTS =
  'mutation IngestStatements($c:[ClaimInput!]!,$s:[StatementInput!]!){ upsertStatements(claims:$c, statements:$s){ created updated unchanged keys } }';

export type WriteGroup = 'actors' | 'sources' | 'claims+statements';

/** One mutation to send, and where its items came from in the package (to report the server's paths). */
export interface WriteStep {
  group: WriteGroup;
  field: 'upsertActors' | 'upsertSources' | 'upsertStatements';
  query: string;
  variables: Record<string, unknown>;
  /** list name in the package -> original index of each item the mutation sends, in order */
  origin: Partial<Record<'actors' | 'sources' | 'claims' | 'statements', number[]>>;
  size: number;
  /** refers to items an earlier step of the same group writes: must wait for it */
  needsEarlier: boolean;
}

type ClaimOrStatement = { claim: PackageClaim } | { statement: PackageStatement };

/**
 * The mutations that write a normalised package, in dependency order: actors, sources, then claims
 * with statements (statements need their claims; the sources and speakers they name live in other
 * subgraphs and must be written first). Large lists go in chunks of at most MAX_PER_REQUEST items and MAX_REQUEST_ITEM_BYTES bytes, each
 * chunk only pointing at itself or earlier chunks. The subgraphs cannot share a transaction, but
 * every write is an idempotent upsert by key, so if a run is interrupted halfway, running it again
 * finishes the job and changes nothing that was already written.
 */
export function planWrites(pkg: NewsPackage, max = MAX_PER_REQUEST, maxBytes = MAX_REQUEST_ITEM_BYTES): WriteStep[] {
  const steps: WriteStep[] = [];
  const bounds = { items: max, bytes: maxBytes, sizeOf: itemBytes };
  const actors = pkg.actors ?? [];
  const actorRefs = (a: PackageActor) => [...(a.partOf ? [a.partOf] : []), ...(a.memberships ?? []).map((m) => m.organization)];
  for (const c of dependencyChunks(actors, (a) => a.key, actorRefs, bounds)) {
    steps.push({
      group: 'actors',
      field: 'upsertActors',
      query: UPSERT_ACTORS,
      variables: { a: c.items },
      origin: { actors: c.indices },
      size: c.items.length,
      needsEarlier: c.needsEarlier,
    });
  }

  const sources = pkg.sources ?? [];
  for (const c of dependencyChunks(
    sources,
    (s) => s.key!,
    (s: PackageSource) => s.derivedFrom ?? [],
    bounds,
  )) {
    steps.push({
      group: 'sources',
      field: 'upsertSources',
      query: UPSERT_SOURCES,
      variables: { s: c.items },
      origin: { sources: c.indices },
      size: c.items.length,
      needsEarlier: c.needsEarlier,
    });
  }

  const both: ClaimOrStatement[] = [...(pkg.claims ?? []).map((claim) => ({ claim })), ...(pkg.statements ?? []).map((statement) => ({ statement }))];
  const claimCount = pkg.claims?.length ?? 0;
  const keyOf = (x: ClaimOrStatement) => ('claim' in x ? `claim ${x.claim.key}` : `statement ${x.statement.key}`);
  const refsOf = (x: ClaimOrStatement) =>
    'claim' in x
      ? []
      : [...(x.statement.stances ?? []).map((s) => `claim ${s.claim}`), ...(x.statement.relations ?? []).map((r) => `statement ${r.statement}`)];
  // a claim or statement is sized as itself: the wrapper only tells them apart here
  const mixedBounds = {
    ...bounds,
    sizeOf: (x: unknown) => itemBytes('claim' in (x as ClaimOrStatement) ? (x as { claim: unknown }).claim : (x as { statement: unknown }).statement),
  };
  for (const c of dependencyChunks(both, keyOf, refsOf, mixedBounds)) {
    const claims: PackageClaim[] = [];
    const statements: PackageStatement[] = [];
    const origin = { claims: [] as number[], statements: [] as number[] };
    c.items.forEach((x, k) => {
      if ('claim' in x) {
        claims.push(x.claim);
        origin.claims.push(c.indices[k]);
      } else {
        statements.push(x.statement);
        origin.statements.push(c.indices[k] - claimCount);
      }
    });
    steps.push({
      group: 'claims+statements',
      field: 'upsertStatements',
      query: UPSERT_STATEMENTS,
      variables: { c: claims, s: statements },
      origin,
      size: c.items.length,
      needsEarlier: c.needsEarlier,
    });
  }
  return steps;
}

/**
 * The steps in waves that may be sent together: a wave holds steps of one group, none referring to
 * another step of the wave, at most `width` of them. Waves run in order; groups never overlap (a
 * statement's speaker and sources are written before it).
 */
export function waves(steps: readonly WriteStep[], width: number): WriteStep[][] {
  const out: WriteStep[][] = [];
  for (const step of steps) {
    const last = out[out.length - 1];
    if (last && last.length < width && last[0].group === step.group && !step.needsEarlier) last.push(step);
    else out.push([step]);
  }
  return out;
}

/** A path the server reports for one mutation (`/sources/3/url`), as a path in the package file. */
export function pathInPackage(step: WriteStep, path: string): string {
  const m = /^\/(actors|sources|claims|statements)\/(\d+)(.*)$/.exec(path);
  if (!m) return path;
  const original = step.origin[m[1] as keyof WriteStep['origin']]?.[Number(m[2])];
  return original === undefined ? path : `/${m[1]}/${original}${m[3]}`;
}
