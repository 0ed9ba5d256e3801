import { parsePartialDate, parseSaidAt } from './dates';
import { canonicalUrl, deriveSourceKey, deriveStatementKey, isValidKey } from './keys';
import { show } from './schema-problems';
import { Problem } from './types';

/**
 * The checks a JSON Schema cannot express: real calendar dates, periods that end before they
 * start, duplicate (and derived) keys, items pointing at themselves. They run on whatever part of
 * the document has the right shape, so one run reports as much as possible; the schema reports
 * the rest.
 */

export type ReferenceKind = 'actor' | 'source' | 'claim' | 'statement' | 'outlet';

/** One place in the document where a key of another item is used. */
export interface Usage {
  kind: ReferenceKind;
  key: string;
  path: string;
}

export interface SemanticResult {
  problems: Problem[];
  usages: Usage[];
  /** keys each kind of item defines in this package (derived keys included) */
  defined: Record<ReferenceKind, Set<string>>;
  /** the key of each source / statement by index (given or derived), null when it has none */
  sourceKeys: Array<string | null>;
  statementKeys: Array<string | null>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const validKey = (v: unknown): string | null => (isValidKey(v) ? v : null);
const given = (v: unknown) => v !== null && v !== undefined;

const NEEDS_URL = new Set(['ARTICLE', 'SOCIAL_POST']);

export function semanticChecks(doc: unknown): SemanticResult {
  const result: SemanticResult = {
    problems: [],
    usages: [],
    defined: { actor: new Set(), source: new Set(), claim: new Set(), statement: new Set(), outlet: new Set() },
    sourceKeys: [],
    statementKeys: [],
  };
  if (!isObj(doc)) return result;
  checkActors(list(doc.actors), result);
  checkSources(list(doc.sources), result);
  checkClaims(list(doc.claims), result);
  checkStatements(list(doc.statements), result);
  return result;
}

/** Records the first index of each key; reports later ones. */
function keyRegistry(result: SemanticResult, kind: ReferenceKind, listName: string) {
  const first = new Map<string, number>();
  return (key: string, index: number, path: string, derived = '') => {
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, index);
      result.defined[kind].add(key);
      return;
    }
    result.problems.push({
      path,
      message: derived
        ? `the key derived from ${derived}, "${key}", is also the key of /${listName}/${earlier}; each ${kind} may appear once`
        : `duplicate key "${key}" (first at /${listName}/${earlier})`,
    });
  };
}

function checkActors(actors: unknown[], r: SemanticResult): void {
  const register = keyRegistry(r, 'actor', 'actors');
  const parentOf = new Map<string, string>();
  actors.forEach((a, i) => {
    if (!isObj(a)) return;
    const at = `/actors/${i}`;
    const key = validKey(a.key);
    if (key) register(key, i, `${at}/key`);
    const partOf = validKey(a.partOf);
    if (partOf && partOf === key) r.problems.push({ path: `${at}/partOf`, message: 'an actor cannot be part of itself' });
    else if (partOf) {
      r.usages.push({ kind: 'actor', key: partOf, path: `${at}/partOf` });
      if (key && !parentOf.has(key)) parentOf.set(key, partOf);
    }
    list(a.memberships).forEach((m, j) => {
      if (!isObj(m)) return;
      const mat = `${at}/memberships/${j}`;
      const org = validKey(m.organization);
      if (org && org === key) r.problems.push({ path: `${mat}/organization`, message: 'an actor cannot be a member of itself' });
      else if (org) r.usages.push({ kind: 'actor', key: org, path: `${mat}/organization` });
      const from = str(m.from);
      const to = str(m.to);
      const fromRange = from === null ? null : parsePartialDate(from);
      const toRange = to === null ? null : parsePartialDate(to);
      const notADate = 'is not a date (YYYY, YYYY-MM or YYYY-MM-DD)';
      if (from !== null && !fromRange) r.problems.push({ path: `${mat}/from`, message: `${show(from)} ${notADate}` });
      if (to !== null && !toRange) r.problems.push({ path: `${mat}/to`, message: `${show(to)} ${notADate}` });
      // the period is [start of from, end of to): it has to hold at least one day
      if (fromRange && toRange && fromRange.start >= toRange.endExclusive) {
        r.problems.push({ path: `${mat}/to`, message: `ends (${to}) before it starts (${from})` });
      }
    });
  });
  // partOf cycles among the actors of this package (cycles through stored actors are the server's to find)
  actors.forEach((a, i) => {
    const key = isObj(a) ? validKey(a.key) : null;
    if (!key || !parentOf.has(key)) return;
    const chain = [key];
    for (let p = parentOf.get(key); p !== undefined && !chain.includes(p); p = parentOf.get(p)) chain.push(p);
    const last = parentOf.get(chain[chain.length - 1]);
    if (last === key) r.problems.push({ path: `/actors/${i}/partOf`, message: `partOf forms a cycle: ${[...chain, key].join(' -> ')}` });
  });
}

function checkSources(sources: unknown[], r: SemanticResult): void {
  const register = keyRegistry(r, 'source', 'sources');
  const outlets = new Map<string, { path: string; description: string }>();
  sources.forEach((s, i) => {
    r.sourceKeys[i] = null;
    if (!isObj(s)) return;
    const at = `/sources/${i}`;
    const url = str(s.url);
    const canonical = url === null ? null : canonicalUrl(url);
    if (url !== null && canonical === null) r.problems.push({ path: `${at}/url`, message: `${show(url)} is not an absolute http(s) URL` });
    const kind = str(s.kind) ?? 'ARTICLE';
    if (!given(s.url)) {
      if (!given(s.key)) r.problems.push({ path: `${at}/url`, message: 'is required when the source has no key (the key is derived from it)' });
      else if (NEEDS_URL.has(kind)) r.problems.push({ path: `${at}/url`, message: `is required for a source of kind ${kind}` });
    }
    const key = given(s.key) ? validKey(s.key) : canonical ? deriveSourceKey(url!) : null;
    r.sourceKeys[i] = key;
    if (key) register(key, i, given(s.key) ? `${at}/key` : `${at}/url`, given(s.key) ? '' : 'this url');

    const published = str(s.publishedAt);
    if (published !== null && !parseSaidAt(published)) {
      r.problems.push({ path: `${at}/publishedAt`, message: `${show(published)} is not a real day (YYYY-MM-DD) or ISO-8601 instant with offset` });
    }

    if (isObj(s.outlet) && typeof s.outlet.key === 'string') {
      const o = s.outlet;
      const okey = o.key as string;
      if (given(o.name)) {
        r.defined.outlet.add(okey);
        const description = JSON.stringify([o.name, o.country ?? null]);
        const earlier = outlets.get(okey);
        if (!earlier) outlets.set(okey, { path: `${at}/outlet`, description });
        else if (earlier.description !== description) {
          r.problems.push({ path: `${at}/outlet`, message: `outlet "${okey}" is described differently at ${earlier.path}` });
        }
      } else {
        if (given(o.country)) r.problems.push({ path: `${at}/outlet/country`, message: 'is only taken together with the outlet name' });
        r.usages.push({ kind: 'outlet', key: okey, path: `${at}/outlet/key` });
      }
    }

    const seen = new Set<string>();
    list(s.derivedFrom).forEach((d, j) => {
      const ref = validKey(d);
      const path = `${at}/derivedFrom/${j}`;
      if (!ref) return;
      if (ref === key) r.problems.push({ path, message: 'a source cannot derive from itself' });
      else if (seen.has(ref)) r.problems.push({ path, message: `"${ref}" is listed twice` });
      else r.usages.push({ kind: 'source', key: ref, path });
      seen.add(ref);
    });
  });
}

function checkClaims(claims: unknown[], r: SemanticResult): void {
  const register = keyRegistry(r, 'claim', 'claims');
  claims.forEach((c, i) => {
    const key = isObj(c) ? validKey(c.key) : null;
    if (key) register(key, i, `/claims/${i}/key`);
  });
}

function checkStatements(statements: unknown[], r: SemanticResult): void {
  const register = keyRegistry(r, 'statement', 'statements');
  statements.forEach((s, i) => {
    r.statementKeys[i] = null;
    if (!isObj(s)) return;
    const at = `/statements/${i}`;
    const saidAt = str(s.saidAt);
    const said = saidAt === null ? null : parseSaidAt(saidAt);
    if (saidAt !== null && !said) {
      r.problems.push({ path: `${at}/saidAt`, message: `${show(saidAt)} is not a real day (YYYY-MM-DD) or ISO-8601 instant with offset` });
    }
    const speaker = validKey(s.speaker);
    const text = str(s.text);
    const key = given(s.key) ? validKey(s.key) : speaker && said && text && text.trim() ? deriveStatementKey(speaker, said.day, text) : null;
    r.statementKeys[i] = key;
    if (key) register(key, i, given(s.key) ? `${at}/key` : at, given(s.key) ? '' : 'speaker, day and text');

    if (speaker) r.usages.push({ kind: 'actor', key: speaker, path: `${at}/speaker` });
    const onBehalfOf = validKey(s.onBehalfOf);
    if (onBehalfOf) r.usages.push({ kind: 'actor', key: onBehalfOf, path: `${at}/onBehalfOf` });

    const ex = isObj(s.extraction) ? s.extraction : null;
    if (ex && typeof ex.start === 'number' && typeof ex.end === 'number' && ex.end < ex.start) {
      r.problems.push({ path: `${at}/extraction/end`, message: `${ex.end} is before start (${ex.start})` });
    }

    const stanceAt = new Map<string, number>();
    list(s.stances).forEach((st, j) => {
      const claim = isObj(st) ? validKey(st.claim) : null;
      if (!claim) return;
      const path = `${at}/stances/${j}/claim`;
      const earlier = stanceAt.get(claim);
      if (earlier !== undefined) {
        r.problems.push({ path, message: `a stance on "${claim}" is already taken at ${at}/stances/${earlier}` });
        return;
      }
      stanceAt.set(claim, j);
      r.usages.push({ kind: 'claim', key: claim, path });
    });

    const relations = new Set<string>();
    list(s.relations).forEach((rel, j) => {
      const other = isObj(rel) ? validKey(rel.statement) : null;
      if (!other || !isObj(rel)) return;
      const path = `${at}/relations/${j}/statement`;
      const id = `${String(rel.type)} ${other}`;
      if (other === key) r.problems.push({ path, message: 'a statement cannot relate to itself' });
      else if (relations.has(id)) r.problems.push({ path, message: `the ${String(rel.type)} relation to "${other}" is listed twice` });
      else r.usages.push({ kind: 'statement', key: other, path });
      relations.add(id);
    });

    list(s.attestations).forEach((a, j) => {
      const source = isObj(a) ? validKey(a.source) : null;
      if (source) r.usages.push({ kind: 'source', key: source, path: `${at}/attestations/${j}/source` });
    });
  });
}
