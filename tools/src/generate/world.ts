import { foldText, parsePartialDate } from '@newsgraph/news-package';
import { Random, Zipf } from './random';
import { COUNTRIES, FIRST_NAMES, LAST_NAMES, MINISTRIES, OUTLET_NAMES, ROLES, TOPICS, ACTIONS, CountrySpec } from './vocabulary';

/** The generated period: statements are spread over these days, oldest first. */
export const FIRST_DAY = Date.UTC(2019, 0, 1) / 86_400_000;
export const LAST_DAY = Date.UTC(2026, 2, 31) / 86_400_000;
/** terms of office start before the statements do, so the first statements have office holders */
const TERMS_START = Date.UTC(2017, 0, 1) / 86_400_000;

export function dayText(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export interface ActorRow {
  key: string;
  kind: 'PERSON' | 'ORGANIZATION' | 'GOVERNMENT' | 'COUNTRY';
  name: string;
  nameFolded: string;
  countryCode: string | null;
  partOf: string | null;
}

export interface AliasRow {
  actorKey: string;
  ordinal: number;
  value: string;
  lang: string | null;
  valueFolded: string;
}

export interface MembershipRow {
  actorKey: string;
  ordinal: number;
  organizationKey: string;
  role: string;
  fromText: string;
  toText: string | null;
  fromDay: string;
  toDayExclusive: string | null;
}

/** One person holding one role in one organisation over [from, to] (day numbers, to inclusive). */
export interface Term {
  person: string;
  organization: string;
  from: number;
  to: number;
}

export interface OutletRow {
  key: string;
  name: string;
  nameFolded: string;
  country: string;
  domain: string;
}

export interface ClaimRow {
  key: string;
  text: string;
  topics: string[];
}

export interface World {
  countries: CountrySpec[];
  actors: ActorRow[];
  aliases: AliasRow[];
  memberships: MembershipRow[];
  /** terms[country][ministry][role], each sorted by start */
  terms: Term[][][][];
  /** people with no office, who comment (their statements roll up to nothing) */
  commentators: string[][];
  outlets: OutletRow[];
  claims: ClaimRow[];
  /** claims are grouped in blocks by time; a statement picks among the claims of its period */
  claimBlockSize: number;
}

const slug = (text: string) =>
  foldText(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** Actors, outlets and claims; statements and sources are generated later, batch by batch. */
export function buildWorld(random: Random, statementCount: number): World {
  const actors: ActorRow[] = [];
  const aliases: AliasRow[] = [];
  const memberships: MembershipRow[] = [];
  const membershipCount = new Map<string, number>();
  let personSeq = 0;
  const newPerson = (country: CountrySpec): string => {
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const name = `${first} ${last}`;
    const key = `person:${slug(name)}-${(personSeq += 1)}`;
    actors.push({ key, kind: 'PERSON', name, nameFolded: foldText(name), countryCode: country.code.toUpperCase(), partOf: null });
    if (random.chance(0.3)) {
      const value = `${first[0]}. ${last}`;
      aliases.push({ actorKey: key, ordinal: 0, value, lang: null, valueFolded: foldText(value) });
    }
    return key;
  };

  const terms: Term[][][][] = [];
  const commentators: string[][] = [];
  for (const c of COUNTRIES) {
    const code = c.code.toUpperCase();
    const countryKey = `country:${c.code}`;
    const govKey = `org:${c.code}-government`;
    actors.push({ key: countryKey, kind: 'COUNTRY', name: c.name, nameFolded: foldText(c.name), countryCode: code, partOf: null });
    aliases.push({ actorKey: countryKey, ordinal: 0, value: c.local, lang: c.lang, valueFolded: foldText(c.local) });
    const govName = `Government of ${c.name}`;
    actors.push({ key: govKey, kind: 'GOVERNMENT', name: govName, nameFolded: foldText(govName), countryCode: code, partOf: countryKey });
    aliases.push({ actorKey: govKey, ordinal: 0, value: `${c.capital}`, lang: 'en', valueFolded: foldText(c.capital) });
    const countryTerms: Term[][][] = [];
    const former: string[] = [];
    for (const [mSlug, mName] of MINISTRIES) {
      const orgKey = `org:${c.code}-${mSlug}`;
      const name = `${mName} of ${c.name}`;
      actors.push({ key: orgKey, kind: 'ORGANIZATION', name, nameFolded: foldText(name), countryCode: code, partOf: govKey });
      const roleTerms: Term[][] = [];
      for (const role of ROLES) {
        const list: Term[] = [];
        let from = TERMS_START - random.int(0, 700);
        while (from <= LAST_DAY) {
          const length = random.int(300, 1600);
          const last = from + length - 1;
          // people change roles: a former office holder of the same country may take this one
          const person = former.length && random.chance(0.25) ? former.splice(random.int(0, former.length), 1)[0] : newPerson(c);
          const open = last >= LAST_DAY;
          const term = { person, organization: orgKey, from, to: open ? Number.MAX_SAFE_INTEGER : last };
          list.push(term);
          const ordinal = membershipCount.get(person) ?? 0;
          membershipCount.set(person, ordinal + 1);
          // some periods are known only to the month, as real biographies often are
          const byMonth = random.chance(0.15);
          const fromText = byMonth ? dayText(from).slice(0, 7) : dayText(from);
          const toText = open ? null : byMonth ? dayText(last).slice(0, 7) : dayText(last);
          memberships.push({
            actorKey: person,
            ordinal,
            organizationKey: orgKey,
            role,
            fromText,
            toText,
            fromDay: parsePartialDate(fromText)!.start,
            toDayExclusive: toText === null ? null : parsePartialDate(toText)!.endExclusive,
          });
          if (byMonth) {
            // the stored period is what counts: widen the term to the months given
            term.from = Date.parse(`${parsePartialDate(fromText)!.start}T00:00:00Z`) / 86_400_000;
            if (toText) term.to = Date.parse(`${parsePartialDate(toText)!.endExclusive}T00:00:00Z`) / 86_400_000 - 1;
          }
          former.push(person);
          from = (byMonth && toText ? term.to : last) + 1;
        }
        roleTerms.push(list);
      }
      countryTerms.push(roleTerms);
    }
    terms.push(countryTerms);
    const pundits: string[] = [];
    for (let k = 0; k < 3 + Math.ceil(statementCount / 20_000); k++) pundits.push(newPerson(c));
    commentators.push(pundits);
  }

  const outlets: OutletRow[] = OUTLET_NAMES.map((name, i) => ({
    key: `outlet:${slug(name)}`,
    name,
    nameFolded: foldText(name),
    country: COUNTRIES[i % COUNTRIES.length].code.toUpperCase(),
    domain: `www.${slug(name)}.example`,
  }));

  const claimCount = Math.max(20, Math.ceil(statementCount / 25));
  const topicZipf = new Zipf(TOPICS.length, 1.0);
  const countryZipf = new Zipf(COUNTRIES.length, 1.2);
  const claims: ClaimRow[] = [];
  for (let i = 0; i < claimCount; i++) {
    const a = COUNTRIES[countryZipf.sample(random)];
    let b = COUNTRIES[countryZipf.sample(random)];
    if (b === a) b = COUNTRIES[(COUNTRIES.indexOf(a) + 1) % COUNTRIES.length];
    const topics = [TOPICS[topicZipf.sample(random)]];
    if (random.chance(0.3)) topics.push(TOPICS[topicZipf.sample(random)]);
    claims.push({
      key: `claim:gen-${i + 1}`,
      text: `${a.name} ${random.pick(ACTIONS)} ${b.name} (${topics[0].replace(/-/g, ' ')})`,
      topics: [...new Set(topics)],
    });
  }
  return { countries: COUNTRIES, actors, aliases, memberships, terms, commentators, outlets, claims, claimBlockSize: 100 };
}

/** The term of office covering `day`, if any. */
export function termAt(list: Term[], day: number): Term | null {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = list[mid];
    if (day < t.from) hi = mid - 1;
    else if (day > t.to) lo = mid + 1;
    else return t;
  }
  return null;
}
