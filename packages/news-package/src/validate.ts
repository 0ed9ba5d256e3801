import { databaseLimitProblems } from './database-limits';
import { schemaProblems } from './schema-problems';
import { ReferenceKind, semanticChecks, SemanticResult, Usage } from './semantic-checks';
import { NewsPackage, PackageActor, PackageAlias, PackageSource, PackageStatement, Problem } from './types';

/** Keys a package uses without defining them: they must exist on the server already. */
export interface PackageReferences {
  actors: string[];
  sources: string[];
  claims: string[];
  statements: string[];
  /** outlets given by key only (no name) and not named elsewhere in the package */
  outlets: string[];
}

export interface CheckResult {
  problems: Problem[];
  /** the package with derived keys and defaults filled in; only when there is no problem */
  normalised?: NewsPackage;
  references: PackageReferences;
}

/** Which of the referenced keys exist already (on the server). */
export interface ExistingKeys {
  actors: ReadonlySet<string>;
  sources: ReadonlySet<string>;
  claims: ReadonlySet<string>;
  statements: ReadonlySet<string>;
  /** absent: outlets are not checked here (the server checks them when writing) */
  outlets?: ReadonlySet<string>;
}

export type ResolveExisting = (refs: PackageReferences) => Promise<ExistingKeys>;

export interface ValidationResult {
  ok: boolean;
  problems: Problem[];
  normalised?: NewsPackage;
}

const LIST_OF: Record<ReferenceKind, keyof PackageReferences> = {
  actor: 'actors',
  source: 'sources',
  claim: 'claims',
  statement: 'statements',
  outlet: 'outlets',
};

/** Document order: by path, numbers compared as numbers; equal paths keep the order found. */
function comparePaths(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] === y[i]) continue;
    const nx = /^\d+$/.test(x[i]) ? Number(x[i]) : NaN;
    const ny = /^\d+$/.test(y[i]) ? Number(y[i]) : NaN;
    if (!Number.isNaN(nx) && !Number.isNaN(ny)) return nx - ny;
    return x[i] < y[i] ? -1 : 1;
  }
  return x.length - y.length;
}

export function sortProblems(problems: Problem[]): Problem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => comparePaths(a.p.path, b.p.path) || a.i - b.i)
    .map(({ p }) => p);
}

function externalUsages(semantic: SemanticResult): Usage[] {
  return semantic.usages.filter((u) => !semantic.defined[u.kind].has(u.key));
}

/** Each key once per kind, in the order first used. */
function referencesOf(usages: Usage[]): PackageReferences {
  const seen: Record<keyof PackageReferences, Set<string>> = {
    actors: new Set(),
    sources: new Set(),
    claims: new Set(),
    statements: new Set(),
    outlets: new Set(),
  };
  for (const u of usages) seen[LIST_OF[u.kind]].add(u.key);
  return {
    actors: [...seen.actors],
    sources: [...seen.sources],
    claims: [...seen.claims],
    statements: [...seen.statements],
    outlets: [...seen.outlets],
  };
}

/** A deep copy without null or undefined values: in the package format null means absent. */
export function withoutNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutNulls) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = withoutNulls(v);
    return out as T;
  }
  return value;
}

function normalise(doc: NewsPackage, semantic: SemanticResult): NewsPackage {
  const pkg = withoutNulls(doc);
  const out: NewsPackage = { format: pkg.format };
  if (pkg.actors) {
    out.actors = pkg.actors.map((a): PackageActor => ({
      ...a,
      kind: a.kind ?? 'OTHER',
      ...(a.aliases ? { aliases: a.aliases.map((v): PackageAlias => (typeof v === 'string' ? { value: v } : v)) } : {}),
    }));
  }
  if (pkg.sources) {
    out.sources = pkg.sources.map((s, i): PackageSource => ({ ...s, key: semantic.sourceKeys[i]!, kind: s.kind ?? 'ARTICLE' }));
  }
  if (pkg.claims) out.claims = pkg.claims;
  if (pkg.statements) {
    out.statements = pkg.statements.map((s, i): PackageStatement => ({ ...s, key: semantic.statementKeys[i]! }));
  }
  return out;
}

function inspect(doc: unknown) {
  const schema = schemaProblems(doc);
  const semantic = semanticChecks(doc);
  // a field the schema already rejects is reported once, in the schema's words
  const flagged = new Set(schema.map((p) => p.path));
  const limits = databaseLimitProblems(doc).filter((p) => !flagged.has(p.path));
  const problems = [...schema, ...semantic.problems.filter((p) => !flagged.has(p.path)), ...limits];
  const external = externalUsages(semantic);
  return { problems, semantic, external, references: referencesOf(external) };
}

/**
 * Checks a news package without asking anyone: the JSON Schema plus the rules it cannot express.
 * `references` lists the keys the package uses without defining them; whether they exist is
 * `validatePackage`'s question.
 */
export function checkPackage(doc: unknown): CheckResult {
  const { problems, semantic, references } = inspect(doc);
  const sorted = sortProblems(problems);
  return sorted.length ? { problems: sorted, references } : { problems: sorted, normalised: normalise(doc as NewsPackage, semantic), references };
}

const NONE: ExistingKeys = { actors: new Set(), sources: new Set(), claims: new Set(), statements: new Set(), outlets: new Set() };

function unknownReference(u: Usage): Problem {
  const message =
    u.kind === 'outlet'
      ? `unknown outlet "${u.key}" (not named in this package and not ingested before; give its name to create it)`
      : `unknown ${u.kind} "${u.key}" (not in this package and not ingested before)`;
  return { path: u.path, message };
}

/**
 * `checkPackage` plus the references: each key the package uses must be defined in it or exist
 * already, as the right kind of item (a speaker is an actor, a stance's claim a claim...).
 * Without `resolveExisting` nothing exists beyond the package. The resolver is asked even when
 * the package has other problems, so that one run lists them all.
 */
export async function validatePackage(doc: unknown, resolveExisting?: ResolveExisting): Promise<ValidationResult> {
  const { problems, semantic, external, references } = inspect(doc);
  const asked = Object.values(references).some((keys: string[]) => keys.length > 0);
  const existing = resolveExisting && asked ? await resolveExisting(references) : NONE;
  for (const u of external) {
    const known = existing[LIST_OF[u.kind]];
    if (known && !known.has(u.key)) problems.push(unknownReference(u));
  }
  const sorted = sortProblems(problems);
  if (sorted.length) return { ok: false, problems: sorted };
  return { ok: true, problems: [], normalised: normalise(doc as NewsPackage, semantic) };
}
