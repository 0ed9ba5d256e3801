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
  /**
   * The earlier steps (indices in the plan) that write something this one names: it is sent only
   * once they have succeeded, since the server checks every reference against what is stored.
   */
  after: number[];
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
      after: [],
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
      after: [],
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
      after: [],
    });
  }
  return withDependencies(steps);
}

/** `kind key` for every key a step writes (kinds apart: an actor and a source may share a key). */
function writtenKeys(step: WriteStep): string[] {
  const v = step.variables as { a?: PackageActor[]; s?: Array<PackageSource | PackageStatement>; c?: PackageClaim[] };
  if (step.field === 'upsertActors') return (v.a ?? []).map((a) => `actors ${a.key}`);
  if (step.field === 'upsertSources') return ((v.s ?? []) as PackageSource[]).map((x) => `sources ${x.key}`);
  return [...(v.c ?? []).map((c) => `claims ${c.key}`), ...((v.s ?? []) as PackageStatement[]).map((x) => `statements ${x.key}`)];
}

/** `kind key` for every key a step's items name. */
function namedKeys(step: WriteStep): string[] {
  const v = step.variables as { a?: PackageActor[]; s?: Array<PackageSource | PackageStatement> };
  if (step.field === 'upsertActors') {
    return (v.a ?? []).flatMap((a) => [...(a.partOf ? [a.partOf] : []), ...(a.memberships ?? []).map((m) => m.organization)].map((k) => `actors ${k}`));
  }
  if (step.field === 'upsertSources') return ((v.s ?? []) as PackageSource[]).flatMap((x) => (x.derivedFrom ?? []).map((k) => `sources ${k}`));
  return ((v.s ?? []) as PackageStatement[]).flatMap((x) => [
    `actors ${x.speaker}`,
    ...(x.onBehalfOf ? [`actors ${x.onBehalfOf}`] : []),
    ...x.attestations.map((a) => `sources ${a.source}`),
    ...(x.stances ?? []).map((st) => `claims ${st.claim}`),
    ...(x.relations ?? []).map((r) => `statements ${r.statement}`),
  ]);
}

/** Fills each step's `after`: the steps that write what it names (always earlier ones, by the plan's order). */
function withDependencies(steps: WriteStep[]): WriteStep[] {
  const writer = new Map<string, number>();
  steps.forEach((step, i) => {
    for (const k of writtenKeys(step)) writer.set(k, i);
  });
  steps.forEach((step, i) => {
    const after = new Set<number>();
    for (const k of namedKeys(step)) {
      const j = writer.get(k);
      if (j !== undefined && j !== i) after.add(j);
    }
    step.after = [...after].sort((a, b) => a - b);
  });
  return steps;
}

/**
 * Sends the steps, at most `width` at a time, in the plan's order: a step starts once a slot is free
 * and the steps it names (`after`) have succeeded, so a chunk of statements goes as soon as its
 * speakers and sources are written, while other chunks are still in flight. The statements
 * subgraph writes one chunk at a time, so a window (not waves that wait for their slowest member)
 * keeps the next chunk checked and ready while one is written. After a failure nothing more starts;
 * the steps in flight finish. Returns each step's outcome, undefined for the steps never sent.
 */
export async function sendSteps<R>(
  steps: readonly WriteStep[],
  width: number,
  send: (step: WriteStep) => Promise<R>,
): Promise<Array<PromiseSettledResult<R> | undefined>> {
  const outcomes: Array<PromiseSettledResult<R> | undefined> = new Array(steps.length).fill(undefined);
  const finished: Array<Promise<void>> = [];
  const inFlight = new Set<Promise<void>>();
  let failed = false;
  for (let i = 0; i < steps.length && !failed; i++) {
    while (inFlight.size >= width) await Promise.race(inFlight);
    await Promise.all(steps[i].after.map((j) => finished[j]));
    if (failed) break;
    const done: Promise<void> = send(steps[i]).then(
      (value) => {
        outcomes[i] = { status: 'fulfilled', value };
        inFlight.delete(done);
      },
      (reason: unknown) => {
        outcomes[i] = { status: 'rejected', reason };
        failed = true;
        inFlight.delete(done);
      },
    );
    finished[i] = done;
    inFlight.add(done);
  }
  await Promise.all(inFlight);
  return outcomes;
}

/** A path the server reports for one mutation (`/sources/3/url`), as a path in the package file. */
export function pathInPackage(step: WriteStep, path: string): string {
  const m = /^\/(actors|sources|claims|statements)\/(\d+)(.*)$/.exec(path);
  if (!m) return path;
  const original = step.origin[m[1] as keyof WriteStep['origin']]?.[Number(m[2])];
  return original === undefined ? path : `/${m[1]}/${original}${m[3]}`;
}
