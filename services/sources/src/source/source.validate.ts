import { canonicalUrl, deriveSourceKey, foldText, isValidKey, LIST_BOUNDS, listTooLong, parsePartialDate, parseSaidAt, Problem } from '@newsgraph/news-package';
import { KINDS_NEEDING_URL, SourceKind } from './source.types';

export const LANGUAGE_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const COUNTRY_PATTERN = /^[A-Za-z]{2}$/;
export const MAX_SOURCES_PER_WRITE = 1000;
const MAX_URL_LENGTH = 4096;

/** One source to write, as the mutation (or a news package) gives it. */
export interface SourceWriteInput {
  key?: string | null;
  kind?: string | null;
  url?: string | null;
  title?: string | null;
  outlet?: { key: string; name?: string | null; country?: string | null } | null;
  publishedAt?: string | null;
  language?: string | null;
  derivedFrom?: readonly string[] | null;
}

const KINDS: ReadonlySet<string> = new Set(Object.values(SourceKind));

export interface PlannedOutlet {
  key: string;
  name: string;
  nameFolded: string;
  country: string | null;
}

export interface PlannedSource {
  key: string;
  kind: SourceKind;
  url: string | null;
  canonicalUrl: string | null;
  title: string | null;
  titleFolded: string | null;
  outletKey: string | null;
  /** UTC instant, ISO */
  publishedAt: string | null;
  /** as given */
  publishedText: string | null;
  language: string | null;
  /** null: keep the stored list */
  derivedFrom: string[] | null;
}

export interface SourcePlan {
  sources: PlannedSource[];
  /** outlets given with a name, to create or update (each key once) */
  outlets: PlannedOutlet[];
  problems: Problem[];
}

/** What already exists in the database among the keys the input refers to. */
export interface KnownKeys {
  sources: ReadonlySet<string>;
  outlets: ReadonlySet<string>;
}

export function isOutletKey(value: unknown): value is string {
  return isValidKey(value) && value.startsWith('outlet:') && value.length > 'outlet:'.length;
}

/**
 * Parses a publication time: an instant with offset, or a (partial) date, which counts from its
 * first moment in UTC. Returns the instant as a UTC ISO string, or null when malformed.
 */
export function parsePublishedAt(value: string): string | null {
  const said = parseSaidAt(value);
  if (said) return said.instant;
  const range = parsePartialDate(value);
  return range ? `${range.start}T00:00:00.000Z` : null;
}

function given<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}

/** The key an input will be stored under, or null when it has none and no usable URL. */
function keyOf(input: SourceWriteInput): string | null {
  if (given(input.key)) return input.key;
  if (given(input.url) && canonicalUrl(input.url)) return deriveSourceKey(input.url);
  return null;
}

/**
 * Keys the input refers to that it may not define itself: the database is asked about these
 * before `planSources` runs, so validation needs one query per kind of reference.
 */
export function referencedKeys(inputs: readonly SourceWriteInput[]): { sources: string[]; outlets: string[] } {
  const sources = new Set<string>();
  const outlets = new Set<string>();
  for (const input of inputs) {
    for (const ref of input.derivedFrom ?? []) if (isValidKey(ref)) sources.add(ref);
    if (input.outlet && isOutletKey(input.outlet.key) && !given(input.outlet.name)) outlets.add(input.outlet.key);
  }
  return { sources: [...sources], outlets: [...outlets] };
}

function outletDefinition(o: PlannedOutlet): string {
  return `${o.name}\u0000${o.country ?? ''}`;
}

/**
 * Validates a whole write and turns it into rows. Every problem is collected with its path
 * (`/sources/2/url`); a plan with problems must not be written.
 */
export function planSources(inputs: readonly SourceWriteInput[], known: KnownKeys): SourcePlan {
  const problems: Problem[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });
  if (inputs.length > MAX_SOURCES_PER_WRITE) {
    problem('/sources', `at most ${MAX_SOURCES_PER_WRITE} sources per write, got ${inputs.length}`);
  }

  // keys defined by this input, so sources may refer to each other in any order
  const firstIndexOfKey = new Map<string, number>();
  const outletsNamedHere = new Set<string>();
  inputs.forEach((input, i) => {
    const key = keyOf(input);
    if (key !== null && !firstIndexOfKey.has(key)) firstIndexOfKey.set(key, i);
    if (input.outlet && given(input.outlet.name)) outletsNamedHere.add(input.outlet.key);
  });
  const namedOutlets = new Map<string, { outlet: PlannedOutlet; path: string }>();

  const sources: PlannedSource[] = [];
  inputs.forEach((input, i) => {
    const at = `/sources/${i}`;
    const kind = (input.kind ?? SourceKind.ARTICLE) as SourceKind;
    if (!KINDS.has(kind)) problem(`${at}/kind`, `"${kind}" is not one of ${[...KINDS].join(', ')}`);

    let key: string | null = null;
    if (given(input.key)) {
      if (isValidKey(input.key)) key = input.key;
      else problem(`${at}/key`, `"${input.key}" is not a valid key (lowercase letters, digits and ":._-", at most 200)`);
    } else if (!given(input.url)) {
      problem(`${at}/url`, 'is required when the source has no key (the key is derived from it)');
    }

    let canonical: string | null = null;
    if (given(input.url)) {
      canonical = input.url.length <= MAX_URL_LENGTH ? canonicalUrl(input.url) : null;
      if (canonical === null) problem(`${at}/url`, `"${input.url.slice(0, 200)}" is not an absolute http(s) URL`);
      else if (!given(input.key)) key = deriveSourceKey(input.url);
    } else if (KINDS_NEEDING_URL.has(kind) && given(input.key)) {
      problem(`${at}/url`, `is required for a source of kind ${kind}`);
    }

    if (key !== null && firstIndexOfKey.get(key) !== i) {
      const first = firstIndexOfKey.get(key)!;
      const where = given(input.key) ? `${at}/key` : `${at}/url`;
      const why = given(input.key) ? '' : ' derived from this url';
      problem(where, `key "${key}"${why} is also the key of /sources/${first}; each source may appear once`);
    }

    if (given(input.title) && input.title.trim() === '') problem(`${at}/title`, 'must not be blank (leave it out instead)');

    let outletKey: string | null = null;
    if (given(input.outlet)) {
      const o = input.outlet;
      if (!isOutletKey(o.key)) {
        problem(`${at}/outlet/key`, `"${o.key}" is not an outlet key (\`outlet:\` followed by lowercase letters, digits and ":._-")`);
      } else {
        outletKey = o.key;
      }
      if (given(o.name)) {
        let ok = true;
        if (o.name.trim() === '') {
          problem(`${at}/outlet/name`, 'must not be blank');
          ok = false;
        }
        if (given(o.country) && !COUNTRY_PATTERN.test(o.country)) {
          problem(`${at}/outlet/country`, `"${o.country}" is not an ISO 3166-1 alpha-2 country code (e.g. BG)`);
          ok = false;
        }
        if (ok && outletKey) {
          const outlet: PlannedOutlet = {
            key: outletKey,
            name: o.name,
            nameFolded: foldText(o.name),
            country: given(o.country) ? o.country.toUpperCase() : null,
          };
          const earlier = namedOutlets.get(outletKey);
          if (!earlier) namedOutlets.set(outletKey, { outlet, path: `${at}/outlet` });
          else if (outletDefinition(earlier.outlet) !== outletDefinition(outlet)) {
            problem(`${at}/outlet`, `outlet "${outletKey}" is described differently at ${earlier.path}`);
          }
        }
      } else {
        if (given(o.country)) problem(`${at}/outlet/country`, 'is only taken together with the outlet name');
        if (outletKey && !known.outlets.has(outletKey) && !outletsNamedHere.has(outletKey)) {
          problem(`${at}/outlet`, `no outlet with key "${outletKey}": give its name to create it`);
        }
      }
    }

    let publishedAt: string | null = null;
    if (given(input.publishedAt)) {
      publishedAt = parsePublishedAt(input.publishedAt);
      if (publishedAt === null) {
        problem(
          `${at}/publishedAt`,
          `"${input.publishedAt}" is neither an ISO-8601 instant with offset (2026-03-05T09:01:00+02:00) nor a date (YYYY[-MM[-DD]])`,
        );
      }
    }

    if (given(input.language) && !LANGUAGE_PATTERN.test(input.language)) {
      problem(`${at}/language`, `"${input.language}" is not a BCP-47 language tag (e.g. en, pt-BR)`);
    }

    let derivedFrom: string[] | null = null;
    const longDerivation = listTooLong(input.derivedFrom, LIST_BOUNDS.derivedFrom, `${at}/derivedFrom`, 'derivedFrom');
    if (longDerivation) problem(longDerivation.path, longDerivation.message);
    if (given(input.derivedFrom)) {
      derivedFrom = [];
      const seen = new Set<string>();
      input.derivedFrom.forEach((ref, j) => {
        const path = `${at}/derivedFrom/${j}`;
        if (!isValidKey(ref)) problem(path, `"${ref}" is not a valid key`);
        else if (ref === key) problem(path, 'a source cannot derive from itself');
        else if (seen.has(ref)) problem(path, `"${ref}" is listed twice`);
        else if (!known.sources.has(ref) && !firstIndexOfKey.has(ref)) {
          problem(path, `no source with key "${ref}" (neither stored nor in this input)`);
        } else derivedFrom!.push(ref);
        seen.add(ref);
      });
    }

    if (key === null) return;
    sources.push({
      key,
      kind,
      url: input.url ?? null,
      canonicalUrl: canonical,
      title: input.title ?? null,
      titleFolded: given(input.title) ? foldText(input.title) : null,
      outletKey,
      publishedAt,
      publishedText: given(input.publishedAt) ? input.publishedAt : null,
      language: input.language ?? null,
      derivedFrom,
    });
  });

  return { sources, outlets: [...namedOutlets.values()].map((n) => n.outlet), problems };
}
