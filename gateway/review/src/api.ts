import type { NewsPackage, Problem, ReviewDocument } from './model.js';

/** Calls to the gateway that served the page: its /review endpoints and /graphql. */

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
  }
}

async function json<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => null)) as (T & { error?: { code: string; message: string; problems?: Problem[] } }) | null;
  if (!res.ok || !body) {
    const e = body?.error;
    throw new ApiError(e?.message ?? `the gateway answered HTTP ${res.status}`, e?.code ?? `HTTP_${res.status}`, e?.problems ?? []);
  }
  return body;
}

export interface ArticleInput {
  text?: string;
  html?: string;
  title?: string;
  outlet?: string;
  publishedAt?: string;
  url?: string;
  language?: string;
}

export async function extract(input: ArticleInput): Promise<ReviewDocument> {
  return json(await fetch('/review/extract', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) }));
}

export interface CheckResult {
  ok: boolean;
  problems: Problem[];
  normalised?: NewsPackage;
}

export async function check(pkg: NewsPackage): Promise<CheckResult> {
  return json(await fetch('/review/check', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ package: pkg }) }));
}

export interface QueueEntry {
  id: string;
  title: string | null;
  url: string | null;
  outlet: string | null;
  publishedAt: string | null;
  waiting: number;
  ingested: number;
  fetchedAt: string | null;
}

export async function listQueue(): Promise<QueueEntry[]> {
  return (await json<{ entries: QueueEntry[] }>(await fetch('/review/queue'))).entries;
}

export async function openQueued(id: string): Promise<ReviewDocument> {
  return json(await fetch(`/review/queue/${encodeURIComponent(id)}`));
}

export async function removeQueued(id: string, token: string): Promise<void> {
  const res = await fetch(`/review/queue/${encodeURIComponent(id)}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 204) await json(res);
}

export interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; problems?: Problem[] };
}

export async function graphql<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<{ data?: T | null; errors?: GraphQLError[] }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = (await res.json().catch(() => null)) as { data?: T | null; errors?: GraphQLError[] } | null;
  if (!body) throw new ApiError(`the gateway answered HTTP ${res.status} without GraphQL`, `HTTP_${res.status}`);
  return body;
}

/** Names of the actors and texts of the claims these keys refer to (unknown keys are left out). */
export async function lookUp(actorKeys: string[], claimKeys: string[]): Promise<{ actors: Record<string, string>; claims: Record<string, string> }> {
  const answer = await graphql<{ actorsByKeys: ({ key: string; name: string } | null)[]; claimsByKeys: ({ key: string; text: string } | null)[] }>(
    'query ReviewLookUp($a: [String!]!, $c: [String!]!) { actorsByKeys(keys: $a) { key name } claimsByKeys(keys: $c) { key text } }',
    { a: actorKeys, c: claimKeys },
  );
  const actors: Record<string, string> = {};
  const claims: Record<string, string> = {};
  for (const a of answer.data?.actorsByKeys ?? []) if (a) actors[a.key] = a.name;
  for (const c of answer.data?.claimsByKeys ?? []) if (c) claims[c.key] = c.text;
  return { actors, claims };
}

export async function searchActors(text: string): Promise<{ key: string; name: string; kind: string }[]> {
  const answer = await graphql<{ actors: { edges: { node: { key: string; name: string; kind: string } }[] } }>(
    'query ReviewSearchActors($s: String) { actors(search: $s, first: 8) { edges { node { key name kind } } } }',
    { s: text },
  );
  if (answer.errors?.length) throw new ApiError(answer.errors.map((e) => e.message).join('; '), answer.errors[0].extensions?.code ?? 'ERROR');
  return answer.data?.actors.edges.map((e) => e.node) ?? [];
}

export interface WriteOutcome {
  step: 'actors' | 'sources' | 'claims and statements';
  created: number;
  updated: number;
  unchanged: number;
}

export class WriteError extends Error {
  constructor(
    readonly step: WriteOutcome['step'],
    readonly errors: GraphQLError[],
    readonly done: WriteOutcome[],
  ) {
    super(errors.map((e) => e.message).join('; '));
  }
}

const UPSERT_ACTORS = 'mutation ReviewIngestActors($a: [ActorInput!]!) { upsertActors(actors: $a) { created updated unchanged } }';
const UPSERT_SOURCES = 'mutation ReviewIngestSources($s: [SourceInput!]!) { upsertSources(sources: $s) { created updated unchanged } }';
const UPSERT_STATEMENTS =
  'mutation ReviewIngestStatements($c: [ClaimInput!]!, $s: [StatementInput!]!) { upsertStatements(claims: $c, statements: $s) { created updated unchanged } }';

/**
 * Writes a checked (normalised) package through the gateway's mutations in dependency order:
 * actors, sources, then claims with statements. Each is an idempotent upsert by key, so a failed
 * step can simply be sent again.
 */
export async function ingest(pkg: NewsPackage, token: string): Promise<WriteOutcome[]> {
  const done: WriteOutcome[] = [];
  const steps: [WriteOutcome['step'], string, string, Record<string, unknown>][] = [];
  if (pkg.actors?.length) steps.push(['actors', 'upsertActors', UPSERT_ACTORS, { a: pkg.actors }]);
  if (pkg.sources?.length) steps.push(['sources', 'upsertSources', UPSERT_SOURCES, { s: pkg.sources }]);
  const statements = pkg.statements ?? [];
  if (statements.length || pkg.claims?.length)
    steps.push(['claims and statements', 'upsertStatements', UPSERT_STATEMENTS, { c: pkg.claims ?? [], s: statements }]);
  for (const [step, field, query, variables] of steps) {
    const answer = await graphql<Record<string, { created: number; updated: number; unchanged: number }>>(query, variables, token);
    if (answer.errors?.length || !answer.data?.[field]) throw new WriteError(step, answer.errors ?? [{ message: 'the gateway answered without data' }], done);
    done.push({ step, ...answer.data[field] });
  }
  return done;
}
