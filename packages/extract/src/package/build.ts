import { deriveStatementKey, NewsPackage, PackageStatement, PACKAGE_FORMAT } from '@newsgraph/news-package';
import { linkActor } from '../link/actors';
import { ClaimIndex, polarityOf, ProposedStance, proposeStances } from '../link/claims';
import { GraphLookup } from '../link/lookup';
import { nameForm } from '../link/words';
import { Article, Extraction, Quotation } from '../types';
import { outletKey, sourceKey } from './keys';
import { mergeKnown, shareStancesWithinSpeaker } from './merge';
import { resolveSpeakers, speakerId } from './speakers';

/** Something the output must say about an article (CONTRACT.md section 7: a missing date is one). */
export interface ArticleProblem {
  /** where: a field of the input (`/publishedAt`), `/quotations/3`, or '' for the article */
  where: string;
  message: string;
  /** the article could not be read at all: no package */
  fatal?: boolean;
}

/** What became of one quotation the finder found. */
export interface QuotationOutcome {
  /** index in `extraction.quotations` */
  index: number;
  /** the statement it became (several quotations may become one when they are the same words) */
  statementKey?: string;
  speakerKey?: string;
  /** the speaker is an actor the graph already knows (linked through the lookup) */
  speakerKnown: boolean;
  stances: ProposedStance[];
  review: boolean;
  /** why it is not in the package */
  leftOut?: string;
  /** the graph holds this statement already: the package carries it as stored, plus this article's attestation */
  known?: boolean;
}

export interface MentionLink {
  name: string;
  key: string;
}

/** Statements from quotations below this confidence are marked for review. */
export const REVIEW_BELOW = 0.75;

/** The day (YYYY-MM-DD) of a publication date or instant, in the offset it was given with. */
export function publicationDay(publishedAt: string | undefined): string | undefined {
  return publishedAt && /^\d{4}-\d{2}-\d{2}/.test(publishedAt) ? publishedAt.slice(0, 10) : undefined;
}

/**
 * The source's outlet: an outlet the graph knows (same name, or the key this name makes) by key
 * alone, since an outlet written with a name also has its country reset; a new one with its name.
 */
async function outletOf(name: string, lookup: GraphLookup | undefined): Promise<{ key: string; name?: string }> {
  const key = outletKey(name);
  const known = lookup?.findOutlets ? await lookup.findOutlets(name) : [];
  const same = known.find((o) => nameForm(o.name) === nameForm(name)) ?? known.find((o) => o.key === key);
  return same ? { key: same.key } : { key, name };
}

export interface BuiltPackage {
  package: NewsPackage;
  problems: ArticleProblem[];
  quotations: QuotationOutcome[];
  mentions: MentionLink[];
}

/**
 * One news package for one article: its source, the actors for speakers the graph does not know,
 * and one statement per attributed quotation (CONTRACT.md section 7). With a lookup, speakers and
 * mentions are linked to known actors, new speakers get the membership their apposition names, and
 * statements get the stances their words and cue propose. Pure apart from the lookup's answers.
 */
export async function buildPackage(article: Article, extraction: Extraction, lookup?: GraphLookup): Promise<BuiltPackage> {
  const problems: ArticleProblem[] = [];
  const day = publicationDay(article.publishedAt);
  if (!day) {
    problems.push({
      where: '/publishedAt',
      message: 'no publication date found: statements the article does not date otherwise are left out (the day of extraction is never used)',
    });
  }
  const language = article.language ?? extraction.language;
  const srcKey = sourceKey(article, day);
  const source = {
    key: srcKey,
    kind: article.url ? ('ARTICLE' as const) : ('OTHER' as const),
    ...(article.url ? { url: article.url } : {}),
    ...(article.title ? { title: article.title } : {}),
    ...(article.outlet ? { outlet: await outletOf(article.outlet, lookup) } : {}),
    ...(article.publishedAt ? { publishedAt: article.publishedAt } : {}),
    ...(language ? { language } : {}),
  };

  const speakers = await resolveSpeakers(extraction.quotations, lookup, day);
  const index = lookup ? new ClaimIndex(await lookup.listClaims()) : null;

  const outcomes: QuotationOutcome[] = [];
  const drafts: Array<{ outcome: QuotationOutcome; q: Quotation; statement: PackageStatement; strong: { stance: 'AFFIRMS' | 'DENIES' } | null }> = [];
  const byKey = new Map<string, PackageStatement>();
  extraction.quotations.forEach((q, i) => {
    const outcome: QuotationOutcome = { index: i, speakerKnown: false, stances: [], review: true };
    outcomes.push(outcome);
    if (!q.speaker) return void (outcome.leftOut = 'nobody is quoted as saying it');
    const entry = speakers.get(speakerId(q.speaker));
    if (!entry) return void (outcome.leftOut = `the speaker is not named ("${q.speaker.name}")`);
    outcome.speakerKey = entry.key;
    outcome.speakerKnown = entry.link !== null;
    const saidAt = q.saidAt ?? day;
    if (!saidAt) return void (outcome.leftOut = 'no date: the article has no publication date and does not date these words');
    const key = deriveStatementKey(entry.key, saidAt.slice(0, 10), q.text);
    outcome.statementKey = key;
    const stances = index ? proposeStances(q, language, index) : [];
    const polarity = polarityOf(q, language);
    outcome.stances = stances;
    const existing = byKey.get(key);
    if (existing) {
      // the same words by the same speaker on the same day: one statement (the first reading kept)
      outcome.review = existing.extraction?.review ?? true;
      return;
    }
    const statement: PackageStatement = {
      key,
      speaker: entry.key,
      ...(entry.onBehalfOf ? { onBehalfOf: entry.onBehalfOf } : {}),
      text: q.text,
      ...(language ? { language } : {}),
      form: q.form,
      saidAt,
      ...(q.venue ? { venue: q.venue } : {}),
      attestations: [{ source: srcKey, quotedText: q.text }],
      extraction: { confidence: Math.round(q.confidence * 1000) / 1000, start: q.start, end: q.end, review: true },
    };
    byKey.set(key, statement);
    drafts.push({ outcome, q, statement, strong: polarity.strong ? { stance: polarity.stance } : null });
  });

  shareStancesWithinSpeaker(drafts.map((d) => ({ speaker: d.statement.speaker, stances: d.outcome.stances, strong: d.strong })));
  for (const d of drafts) {
    const stances = d.outcome.stances;
    if (stances.length) d.statement.stances = stances.map((s) => ({ claim: s.claim, stance: s.stance }));
    const review = d.q.confidence < REVIEW_BELOW || stances.some((s) => s.review);
    d.statement.extraction!.review = review;
    d.outcome.review = review;
  }
  for (const o of outcomes) if (o.statementKey && !drafts.some((d) => d.outcome === o)) o.review = byKey.get(o.statementKey)?.extraction?.review ?? true;

  // statements the graph holds already: written again as stored, plus this source's attestation
  const known = drafts.length && lookup?.findStatements ? await lookup.findStatements(drafts.map((d) => d.statement.key!)) : [];
  const knownByKey = new Map(known.map((k) => [k.key, k]));
  const statements = drafts.map((d) => {
    const k = knownByKey.get(d.statement.key!);
    if (!k) return d.statement;
    d.outcome.stances = k.stances.map((st) => ({ claim: st.claim, stance: st.stance, match: 1, from: 'graph' as const, review: false }));
    d.outcome.review = k.extraction?.review ?? false;
    d.outcome.known = true;
    return mergeKnown(d.statement, k);
  });

  const mentions: MentionLink[] = [];
  if (lookup) {
    const seen = new Set<string>();
    for (const m of extraction.mentions) {
      const id = `${m.kind}\n${nameForm(m.name)}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const link = await linkActor({ name: m.name, kind: m.kind }, lookup);
      if (link) mentions.push({ name: m.name, key: link.key });
    }
  }

  const actors = [...speakers.values()].filter((s) => s.actor && drafts.some((d) => d.statement.speaker === s.key)).map((s) => s.actor!);
  const pkg: NewsPackage = {
    format: PACKAGE_FORMAT,
    ...(actors.length ? { actors } : {}),
    sources: [source],
    ...(statements.length ? { statements } : {}),
  };
  return { package: pkg, problems, quotations: outcomes, mentions };
}
