import { Problem } from './types';

/**
 * What PostgreSQL cannot store, checked at validation so that a package that passes is a package
 * that can be written (a failure at write time would come after other items were written):
 * - text cannot hold the NUL character (U+0000), in any string;
 * - a statement's search vector (English stems plus plain words of its text) must stay under
 *   1 MB; at most about eight bytes of vector per byte of text, so texts are bounded at 100,000
 *   bytes (a long speech, not a document);
 * - a B-tree index entry holds at most 2,704 bytes: names (indexed with the key) and URLs
 *   (canonical URL index) are bounded well under it, in bytes, since one character may take four.
 */
export const MAX_STATEMENT_TEXT_BYTES = 100_000;
export const MAX_NAME_BYTES = 2_000;
export const MAX_URL_BYTES = 2_000;

/**
 * How many items each list of an item may hold. Every list that is read back as a plain list
 * (without `first`) is bounded here, checked at validation (packages, and each subgraph's write path)
 * and by a constraint in the database, so that the gateway prices it by its real size
 * (gateway/src/cost-rules.ts) and no answer grows with the data. A statement's `topics` on read
 * are its own plus those of the claims it takes a stance on: at most
 * `topics + stances * claimTopics` (STATEMENT_TOPICS_READ).
 */
export const LIST_BOUNDS = {
  /** Actor.aliases */
  aliases: 100,
  /** Actor.memberships */
  memberships: 100,
  /** Source.derivedFrom */
  derivedFrom: 20,
  /** Claim.topics */
  claimTopics: 10,
  /** a statement's own topics (Statement.ownTopics) */
  topics: 10,
  /** Statement.stances (with the two above, Statement.topics holds at most 110: the bulk export's page of 100 stays under the cost limit) */
  stances: 10,
  /** Statement.relations */
  relations: 20,
  /** Statement.attestations */
  attestations: 20,
} as const;

/** Statement.topics: its own topics and those of each claim it takes a stance on. */
export const STATEMENT_TOPICS_READ = LIST_BOUNDS.topics + LIST_BOUNDS.stances * LIST_BOUNDS.claimTopics;

/** A problem when `value` is a list longer than `max` (`what`: the list's name in the message). */
export function listTooLong(value: unknown, max: number, path: string, what: string): Problem | undefined {
  if (!Array.isArray(value) || value.length <= max) return undefined;
  return { path, message: `${what}: ${value.length} given, at most ${max} per item (README "Security and limits")` };
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

// eslint-disable-next-line no-control-regex -- NUL is the one character PostgreSQL text cannot hold, so a path names it
const NUL = /\u0000/g;

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1').replace(NUL, '\\u0000');
}

function nulProblems(value: unknown, path: string, out: Problem[], depth = 0): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push({ path, message: 'must not contain the NUL character (U+0000): the database cannot store it' });
    return;
  }
  if (depth > 32 || value === null || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k.includes('\u0000')) out.push({ path: `${path}/${escapePointer(k)}`, message: 'a field name must not contain the NUL character (U+0000)' });
    nulProblems(v, `${path}/${escapePointer(k)}`, out, depth + 1);
  }
}

function tooLong(value: unknown, max: number, path: string, what: string, out: Problem[]): void {
  if (typeof value !== 'string') return;
  const n = bytes(value);
  if (n > max) out.push({ path, message: `${what} is ${n} bytes in UTF-8; the database holds at most ${max}` });
}

const list = (doc: Record<string, unknown>, name: string): Record<string, unknown>[] =>
  Array.isArray(doc[name]) ? (doc[name] as unknown[]).filter((x): x is Record<string, unknown> => !!x && typeof x === 'object') : [];

/** Problems of a (parsed, possibly invalid) package document against the database's limits. */
export function databaseLimitProblems(doc: unknown): Problem[] {
  const out: Problem[] = [];
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return out;
  nulProblems(doc, '', out);
  const d = doc as Record<string, unknown>;
  const bounded = (item: Record<string, unknown>, field: string, max: number, at: string) => {
    const p = listTooLong(item[field], max, `${at}/${field}`, field);
    if (p) out.push(p);
  };
  list(d, 'actors').forEach((a, i) => {
    tooLong(a.name, MAX_NAME_BYTES, `/actors/${i}/name`, 'the name', out);
    bounded(a, 'aliases', LIST_BOUNDS.aliases, `/actors/${i}`);
    bounded(a, 'memberships', LIST_BOUNDS.memberships, `/actors/${i}`);
  });
  list(d, 'claims').forEach((c, i) => bounded(c, 'topics', LIST_BOUNDS.claimTopics, `/claims/${i}`));
  list(d, 'sources').forEach((s, i) => {
    tooLong(s.url, MAX_URL_BYTES, `/sources/${i}/url`, 'the URL', out);
    const outlet = s.outlet && typeof s.outlet === 'object' ? (s.outlet as Record<string, unknown>) : undefined;
    tooLong(outlet?.name, MAX_NAME_BYTES, `/sources/${i}/outlet/name`, 'the outlet name', out);
    bounded(s, 'derivedFrom', LIST_BOUNDS.derivedFrom, `/sources/${i}`);
  });
  list(d, 'statements').forEach((s, i) => {
    tooLong(s.text, MAX_STATEMENT_TEXT_BYTES, `/statements/${i}/text`, 'the text', out);
    for (const field of ['topics', 'stances', 'relations', 'attestations'] as const) bounded(s, field, LIST_BOUNDS[field], `/statements/${i}`);
  });
  return out;
}
