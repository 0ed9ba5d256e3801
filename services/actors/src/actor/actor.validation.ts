import { ACTOR_KINDS, foldText, isValidKey, LIST_BOUNDS, listTooLong, parsePartialDate, Problem } from '@newsgraph/news-package';
import { ActorKind } from './actor.types';

/** Bounds that keep one write a reasonable transaction. */
export const MAX_ACTORS_PER_WRITE = 5000;
const MAX_NAME = 1000;
const COUNTRY_CODE = /^[A-Z]{2}$/;
const WIKIDATA = /^Q[1-9][0-9]{0,11}$/;
const LANG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

/** The shape the write path accepts: the GraphQL input, or a package actor with object aliases. */
export interface ActorInputLike {
  key: string;
  kind?: string | null;
  name: string;
  aliases?: Array<{ value: string; lang?: string | null }> | null;
  countryCode?: string | null;
  partOf?: string | null;
  memberships?: Array<{ organization: string; role?: string | null; from?: string | null; to?: string | null }> | null;
  externalIds?: { wikidata?: string | null } | null;
}

export interface NormalAlias {
  value: string;
  lang: string | null;
  valueFolded: string;
}

export interface NormalMembership {
  organization: string;
  role: string | null;
  from: string | null;
  to: string | null;
  fromDay: string | null;
  toDayExclusive: string | null;
}

/** An actor as it will be stored; `aliases`/`memberships` null = keep the stored list. */
export interface NormalActor {
  key: string;
  kind: ActorKind;
  name: string;
  nameFolded: string;
  countryCode: string | null;
  partOf: string | null;
  aliases: NormalAlias[] | null;
  memberships: NormalMembership[] | null;
  /** null = keep the stored identifiers */
  externalIds: { wikidata: string | null } | null;
}

function blankToNull(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const t = value.trim();
  return t === '' ? null : t;
}

/**
 * Checks everything that can be checked without the database and brings each actor to its stored
 * form. Every problem is reported, with a JSON-pointer path into `{ actors: [...] }`.
 */
export function normaliseActors(inputs: readonly ActorInputLike[]): { actors: NormalActor[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const report = (path: string, message: string) => problems.push({ path, message });
  if (inputs.length > MAX_ACTORS_PER_WRITE) {
    report('/actors', `at most ${MAX_ACTORS_PER_WRITE} actors per write, got ${inputs.length}`);
  }
  const firstIndex = new Map<string, number>();
  const firstWikidata = new Map<string, number>();
  const actors = inputs.map((input, i): NormalActor => {
    const at = `/actors/${i}`;
    if (!isValidKey(input.key)) {
      report(`${at}/key`, `"${String(input.key).slice(0, 80)}" is not a valid key (lowercase letters, digits and : . _ -, at most 200)`);
    } else if (firstIndex.has(input.key)) {
      report(`${at}/key`, `duplicate key "${input.key}" (first at /actors/${firstIndex.get(input.key)})`);
    } else {
      firstIndex.set(input.key, i);
    }

    const kind = (input.kind ?? 'OTHER') as ActorKind;
    if (!(ACTOR_KINDS as readonly string[]).includes(kind)) report(`${at}/kind`, `must be one of ${ACTOR_KINDS.join(', ')}`);

    const name = (input.name ?? '').trim();
    if (!name) report(`${at}/name`, 'must not be empty');
    else if (name.length > MAX_NAME) report(`${at}/name`, `at most ${MAX_NAME} characters`);

    const countryCode = input.countryCode ?? null;
    if (countryCode !== null && !COUNTRY_CODE.test(countryCode)) {
      report(`${at}/countryCode`, `"${countryCode.slice(0, 20)}" is not an ISO 3166-1 alpha-2 code (two capital letters, e.g. ES)`);
    }

    const partOf = input.partOf ?? null;
    if (partOf !== null) {
      if (!isValidKey(partOf)) report(`${at}/partOf`, `"${String(partOf).slice(0, 80)}" is not a valid key`);
      else if (partOf === input.key) report(`${at}/partOf`, 'an actor cannot be part of itself');
    }

    for (const field of ['aliases', 'memberships'] as const) {
      const long = listTooLong(input[field], LIST_BOUNDS[field], `${at}/${field}`, field);
      if (long) report(long.path, long.message);
    }
    const aliases =
      input.aliases == null
        ? null
        : input.aliases.map((a, j): NormalAlias => {
            const value = (a.value ?? '').trim();
            if (!value) report(`${at}/aliases/${j}/value`, 'must not be empty');
            else if (value.length > MAX_NAME) report(`${at}/aliases/${j}/value`, `at most ${MAX_NAME} characters`);
            const lang = a.lang ?? null;
            if (lang !== null && !LANG.test(lang)) report(`${at}/aliases/${j}/lang`, `"${lang.slice(0, 40)}" is not a language tag (e.g. es, pt-BR)`);
            return { value, lang, valueFolded: foldText(value) };
          });

    const memberships =
      input.memberships == null
        ? null
        : input.memberships.map((m, j): NormalMembership => {
            const mat = `${at}/memberships/${j}`;
            if (!isValidKey(m.organization)) {
              report(`${mat}/organization`, `"${String(m.organization).slice(0, 80)}" is not a valid key`);
            } else if (m.organization === input.key) {
              report(`${mat}/organization`, 'an actor cannot be a member of itself');
            }
            const from = m.from ?? null;
            const to = m.to ?? null;
            const fromRange = from === null ? null : parsePartialDate(from);
            const toRange = to === null ? null : parsePartialDate(to);
            if (from !== null && !fromRange) report(`${mat}/from`, `"${from.slice(0, 40)}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`);
            if (to !== null && !toRange) report(`${mat}/to`, `"${to.slice(0, 40)}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`);
            // the period is [start of from, end of to): it must hold at least one day
            if (fromRange && toRange && fromRange.start >= toRange.endExclusive) {
              report(`${mat}/from`, `starts (${from}) after it ends (${to})`);
            }
            return {
              organization: m.organization,
              role: blankToNull(m.role),
              from,
              to,
              fromDay: fromRange?.start ?? null,
              toDayExclusive: toRange?.endExclusive ?? null,
            };
          });

    let externalIds: NormalActor['externalIds'] = null;
    if (input.externalIds != null) {
      const wikidata = blankToNull(input.externalIds.wikidata);
      if (wikidata !== null && !WIKIDATA.test(wikidata)) {
        report(`${at}/externalIds/wikidata`, `"${wikidata.slice(0, 40)}" is not a Wikidata item id (Q followed by digits, e.g. Q29)`);
      } else if (wikidata !== null && firstWikidata.has(wikidata)) {
        report(`${at}/externalIds/wikidata`, `${wikidata} is already given to /actors/${firstWikidata.get(wikidata)} (one actor per Wikidata item)`);
      } else if (wikidata !== null) {
        firstWikidata.set(wikidata, i);
      }
      externalIds = { wikidata };
    }

    return { key: input.key, kind, name, nameFolded: foldText(name), countryCode, partOf, aliases, memberships, externalIds };
  });
  return { actors, problems };
}

/**
 * Checks the references of a write against what exists: every `partOf` and membership
 * organisation must be in the database or in the same write, and no chain of `partOf` may loop
 * once the write is applied. `stored` maps the keys of the database that matter (the referenced
 * actors and their `partOf` ancestors) to their stored `partOf`.
 */
export function checkReferences(actors: readonly NormalActor[], stored: ReadonlyMap<string, string | null>): Problem[] {
  const problems: Problem[] = [];
  const inWrite = new Set(actors.map((a) => a.key));
  const known = (key: string) => inWrite.has(key) || stored.has(key);
  const missing = (key: string) => `no actor "${key}" exists, in the database or in this write`;

  // the partOf graph after the write: the write's values win over the stored ones
  const parentOf = new Map(stored);
  for (const a of actors) parentOf.set(a.key, a.partOf);

  actors.forEach((a, i) => {
    if (a.partOf !== null && isValidKey(a.partOf) && a.partOf !== a.key) {
      if (!known(a.partOf)) {
        problems.push({ path: `/actors/${i}/partOf`, message: missing(a.partOf) });
      } else {
        const chain = [a.key];
        const seen = new Set(chain);
        for (let p = parentOf.get(a.key) ?? null; p !== null && !seen.has(p); p = parentOf.get(p) ?? null) {
          chain.push(p);
          seen.add(p);
          if (parentOf.get(p) === a.key) {
            problems.push({ path: `/actors/${i}/partOf`, message: `partOf would form a cycle: ${[...chain, a.key].join(' -> ')}` });
            break;
          }
        }
      }
    }
    a.memberships?.forEach((m, j) => {
      if (isValidKey(m.organization) && m.organization !== a.key && !known(m.organization)) {
        problems.push({ path: `/actors/${i}/memberships/${j}/organization`, message: missing(m.organization) });
      }
    });
  });
  return problems;
}

/** Problems in document order (by actor index, then as found). */
export function sortProblems(problems: Problem[]): Problem[] {
  const index = (p: Problem) => Number(/^\/actors\/(\d+)/.exec(p.path)?.[1] ?? -1);
  return problems
    .map((p, k) => ({ p, k }))
    .sort((x, y) => index(x.p) - index(y.p) || x.k - y.k)
    .map((x) => x.p);
}
