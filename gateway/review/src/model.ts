/**
 * The review's state and every edit a person can make, as pure functions over plain data, so the
 * page's behaviour does not hide in event handlers. Types mirror the news package
 * (newsgraph.package/v1) and the review document the gateway serves (newsgraph.review/v1).
 */

export type Form = 'DIRECT_QUOTE' | 'INDIRECT_QUOTE' | 'PARAPHRASE';
export type StanceKind = 'AFFIRMS' | 'DENIES';
export const FORMS: Form[] = ['DIRECT_QUOTE', 'INDIRECT_QUOTE', 'PARAPHRASE'];
export const FORM_LABELS: Record<Form, string> = { DIRECT_QUOTE: 'direct quote', INDIRECT_QUOTE: 'reported speech', PARAPHRASE: 'paraphrase' };

export interface Actor {
  key: string;
  kind?: string;
  name: string;
  [more: string]: unknown;
}

export interface Statement {
  key?: string;
  speaker: string;
  onBehalfOf?: string | null;
  text: string;
  form?: Form;
  saidAt: string;
  stances?: { claim: string; stance: StanceKind }[];
  attestations: { source: string; quotedText?: string | null }[];
  extraction?: { confidence: number; start: number; end: number; review: boolean } | null;
  [more: string]: unknown;
}

export interface NewsPackage {
  format: 'newsgraph.package/v1';
  actors?: Actor[];
  sources?: { key?: string; [more: string]: unknown }[];
  claims?: { key: string; text: string; topics?: string[] }[];
  statements?: Statement[];
}

export interface Article {
  text: string;
  title?: string;
  url?: string;
  outlet?: string;
  publishedAt?: string;
  language?: string;
}

export interface Problem {
  path: string;
  message: string;
}

export interface ReviewDocument {
  format: 'newsgraph.review/v1';
  article: Article;
  package: NewsPackage;
  problems: Problem[];
  ingested?: number[];
  origin?: { feed: string; item: string; fetchedAt: string };
  mentions?: { name: string; key: string }[];
}

export type Decision = 'pending' | 'accepted' | 'dropped' | 'ingested';

export interface Item {
  /** index in the document's package.statements */
  index: number;
  statement: Statement;
  speakerName: string;
  /** the speaker key names an actor the graph already has */
  speakerKnown: boolean;
  decision: Decision;
  /** bounds in the article's text; null when the extractor gave none */
  start: number | null;
  end: number | null;
  edited: boolean;
}

export interface Review {
  doc: ReviewDocument;
  /** a queue entry's id, when the document came from the queue */
  queueId: string | null;
  items: Item[];
  /** names of actors the graph knows, by key (for linked speakers) */
  known: Record<string, string>;
  /** claim texts by key (package claims and claims the graph knows) */
  claims: Record<string, string>;
}

export function createReview(doc: ReviewDocument, queueId: string | null, known: Record<string, string>, claims: Record<string, string>): Review {
  const defined = new Map((doc.package.actors ?? []).map((a) => [a.key, a.name]));
  const ingested = new Set(doc.ingested ?? []);
  const items = (doc.package.statements ?? []).map((s, index): Item => {
    const e = s.extraction;
    const bounded = e && Number.isInteger(e.start) && Number.isInteger(e.end) && doc.article.text.slice(e.start, e.end) === s.text;
    return {
      index,
      statement: structuredClone(s),
      speakerName: defined.get(s.speaker) ?? known[s.speaker] ?? s.speaker,
      speakerKnown: !defined.has(s.speaker) && s.speaker in known,
      decision: ingested.has(index) ? 'ingested' : 'pending',
      start: bounded ? e!.start : null,
      end: bounded ? e!.end : null,
      edited: false,
    };
  });
  const claimTexts: Record<string, string> = { ...claims };
  for (const c of doc.package.claims ?? []) claimTexts[c.key] = c.text;
  return { doc, queueId, items, known, claims: claimTexts };
}

export function decide(item: Item, decision: 'accepted' | 'dropped' | 'pending'): void {
  if (item.decision !== 'ingested') item.decision = decision;
}

export function setForm(item: Item, form: Form): void {
  item.statement.form = form;
  item.edited = true;
}

/** A speaker by key and name: a known actor's key links to it; any other key defines a new actor with that name. */
export function setSpeaker(review: Review, item: Item, key: string, name: string): void {
  item.statement.speaker = key.trim();
  item.speakerName = name.trim();
  item.speakerKnown = key.trim() in review.known && !(review.doc.package.actors ?? []).some((a) => a.key === key.trim());
  item.edited = true;
}

/** One stance (or none: claim ''), replacing the proposed ones. */
export function setStance(item: Item, claim: string, stance: StanceKind | ''): void {
  item.statement.stances = claim && stance ? [{ claim, stance }] : [];
  item.edited = true;
}

/** New bounds in the article's text; the statement's words become exactly that span. */
export function setBounds(review: Review, item: Item, start: number, end: number): string | null {
  const text = review.doc.article.text;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start >= end) {
    return `bounds must be whole numbers with 0 ≤ start < end ≤ ${text.length}`;
  }
  const words = text.slice(start, end);
  if (!words.trim()) return 'those bounds hold no words';
  item.start = start;
  item.end = end;
  item.statement.text = words;
  item.statement.attestations = item.statement.attestations.map((a) => ({ ...a, quotedText: words }));
  if (item.statement.extraction) item.statement.extraction = { ...item.statement.extraction, start, end };
  item.edited = true;
  return null;
}

/** The statement's offsets moved to the nearest word edges: a person nudges bounds by whole words. */
export function nudge(review: Review, item: Item, edge: 'start' | 'end', words: -1 | 1): string | null {
  if (item.start === null || item.end === null) return 'this quotation has no bounds in the text';
  const text = review.doc.article.text;
  const step = (pos: number, dir: -1 | 1): number => {
    let p = pos;
    if (dir > 0) {
      while (p < text.length && /\s/.test(text[p])) p++;
      while (p < text.length && !/\s/.test(text[p])) p++;
    } else {
      while (p > 0 && /\s/.test(text[p - 1])) p--;
      while (p > 0 && !/\s/.test(text[p - 1])) p--;
    }
    return p;
  };
  if (edge === 'start') {
    // moving the start forward past a word: to the next word's first letter
    let s = step(item.start, words);
    if (words > 0) while (s < text.length && /\s/.test(text[s])) s++;
    return setBounds(review, item, s, item.end);
  }
  let e = step(item.end, words);
  if (words < 0) while (e > 0 && /\s/.test(text[e - 1])) e--;
  return setBounds(review, item, item.start, e);
}

export function counts(review: Review): Record<Decision, number> {
  const c: Record<Decision, number> = { pending: 0, accepted: 0, dropped: 0, ingested: 0 };
  for (const item of review.items) c[item.decision]++;
  return c;
}

/** A new actor's kind from its key's prefix, the house's convention (`person:`, `org:`, `country:`, `gov:`). */
export function kindOfKey(key: string): string {
  const prefix = key.slice(0, key.indexOf(':'));
  return { person: 'PERSON', org: 'ORGANIZATION', country: 'COUNTRY', gov: 'GOVERNMENT', government: 'GOVERNMENT' }[prefix] ?? 'OTHER';
}

/**
 * The package of the accepted statements, as the person corrected them: their own actors (renamed
 * when a person changed a name; new when a person typed a key nobody has), the article's source,
 * and the claims their stances name; each keeps its `extraction` (offsets, confidence) with
 * `review: false`, since a person has checked it. Keys of statements are left out so that the gateway derives
 * them from the corrected speaker, day and words (CONTRACT.md section 2), like it derives any other.
 */
export function acceptedPackage(review: Review): { pkg: NewsPackage; indices: number[] } {
  const accepted = review.items.filter((i) => i.decision === 'accepted');
  const defined = new Map((review.doc.package.actors ?? []).map((a) => [a.key, a]));
  const actors = new Map<string, Actor>();
  const addActor = (key: string, name: string | null) => {
    if (actors.has(key)) return;
    const base = defined.get(key);
    if (base) {
      actors.set(key, name && name !== base.name ? { ...structuredClone(base), name } : structuredClone(base));
      const a = actors.get(key)!;
      if (typeof a.partOf === 'string') addActor(a.partOf, null);
      for (const m of (a.memberships as { organization: string }[] | undefined) ?? []) addActor(m.organization, null);
    } else if (name && !(key in review.known)) {
      actors.set(key, { key, kind: kindOfKey(key), name });
    }
  };
  const statements: Statement[] = accepted.map((item) => {
    addActor(item.statement.speaker, item.speakerName);
    if (item.statement.onBehalfOf) addActor(item.statement.onBehalfOf, null);
    const { key: _key, ...rest } = item.statement;
    // a person has now checked it: the graph keeps how it was found, no longer marked for review
    return (rest.extraction ? { ...rest, extraction: { ...rest.extraction, review: false } } : rest) as Statement;
  });
  const claimKeys = new Set(statements.flatMap((s) => (s.stances ?? []).map((x) => x.claim)));
  const claims = (review.doc.package.claims ?? []).filter((c) => claimKeys.has(c.key));
  const pkg: NewsPackage = { format: 'newsgraph.package/v1' };
  if (actors.size) pkg.actors = [...actors.values()];
  if (review.doc.package.sources?.length) pkg.sources = review.doc.package.sources;
  if (claims.length) pkg.claims = claims;
  pkg.statements = statements;
  return { pkg, indices: accepted.map((i) => i.index) };
}

/** `/statements/2/speaker` of the accepted package -> "quotation 5: speaker" (numbering as on the page). */
export function describePath(path: string, indices: number[]): string {
  const m = /^\/statements\/(\d+)(\/.*)?$/.exec(path);
  if (!m) return path || 'the package';
  const index = indices[Number(m[1])];
  return index === undefined ? path : `quotation ${index + 1}${m[2] ? `: ${m[2].slice(1).replace(/\//g, ' › ')}` : ''}`;
}
