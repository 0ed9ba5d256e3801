import { contradictionsOf, ExportedStatement } from './statement-export';

/**
 * A claim as schema.org JSON-LD (https://schema.org/Claim, https://schema.org/ClaimReview).
 *
 * - The claim is a `Claim` (its normalised text, topics as `keywords`); every source that reports
 *   a statement on it is an `appearance` (the earliest one is `firstAppearance`).
 * - Each statement taking a stance on it is a `ClaimReview` of that claim *by the speaker*: the
 *   speaker is the review's `author`, the words are its `reviewBody`, the stance is the rating's
 *   text (`reviewRating.alternateName`: "Affirms" or "Denies"), and the articles that report it are
 *   its `subjectOf`.
 * - schema.org has no claim-to-claim relation, so contradictions use one extension property,
 *   `newsgraph:contradicts` (in the `urn:newsgraph:vocab:` namespace), from a review to the
 *   reviews it contradicts (explicitly or by opposite stances); `newsgraph:explicitlyContradicts`
 *   lists the subset linked by an explicit CONTRADICTS relation (origin EXPLICIT).
 *
 * Node ids are URNs built from newsgraph keys (`urn:newsgraph:statement:<key>`), stable across exports.
 */
export const CLAIM_REVIEW_CONTEXT = [
  'https://schema.org',
  {
    newsgraph: 'urn:newsgraph:vocab:',
    'newsgraph:contradicts': { '@type': '@id' },
    'newsgraph:explicitlyContradicts': { '@type': '@id' },
  },
];

export interface ClaimHead {
  key: string;
  text: string;
  topics: { key: string }[];
}

const id = (kind: string, key: string) => `urn:newsgraph:${kind}:${key}`;
const STANCE_TEXT: Record<string, string> = { AFFIRMS: 'Affirms', DENIES: 'Denies' };

function actorNode(actor: NonNullable<ExportedStatement['speaker']>) {
  return { '@type': actor.kind === 'PERSON' ? 'Person' : 'Organization', '@id': id('actor', actor.key), identifier: actor.key, name: actor.name };
}

function sourceNode(source: NonNullable<ExportedStatement['attestations'][number]['source']>) {
  return {
    '@type': source.kind === 'ARTICLE' ? 'NewsArticle' : 'CreativeWork',
    '@id': id('source', source.key),
    identifier: source.key,
    ...(source.url ? { url: source.url } : {}),
    ...(source.title ? { headline: source.title } : {}),
    ...(source.publishedAt ? { datePublished: source.publishedAt } : {}),
    ...(source.outlet ? { publisher: { '@type': 'Organization', '@id': id('outlet', source.outlet.key), name: source.outlet.name } } : {}),
  };
}

/** The review node of one statement on the claim (null when it takes no stance on this claim). */
export function reviewNode(claim: ClaimHead, s: ExportedStatement): Record<string, unknown> | null {
  const stance = s.stances.find((st) => st.claim === claim.key);
  if (!stance) return null;
  const sources = s.attestations.flatMap((a) => (a.source ? [sourceNode(a.source)] : []));
  return {
    '@type': 'ClaimReview',
    '@id': id('statement', s.key),
    identifier: s.key,
    itemReviewed: { '@id': id('claim', claim.key) },
    claimReviewed: claim.text,
    reviewBody: s.text,
    datePublished: s.saidAt,
    ...(s.language ? { inLanguage: s.language } : {}),
    ...(s.speaker ? { author: actorNode(s.speaker) } : {}),
    reviewRating: { '@type': 'Rating', alternateName: STANCE_TEXT[stance.stance] ?? stance.stance },
    ...(sources.length ? { subjectOf: sources } : {}),
    ...(s.contradictions.length
      ? {
          'newsgraph:contradicts': s.contradictions.map((key) => id('statement', key)),
          'newsgraph:explicitlyContradicts': contradictionsOf(s)
            .filter((c) => c.origin === 'EXPLICIT')
            .map((c) => id('statement', c.statement)),
        }
      : {}),
  };
}

/** The claim node, given every source that reported a statement on it (earliest first). */
export function claimNode(claim: ClaimHead, appearances: { key: string; publishedAt: string | null }[]): Record<string, unknown> {
  const ordered = [...appearances].sort((a, b) => (a.publishedAt ?? '\uffff').localeCompare(b.publishedAt ?? '\uffff'));
  return {
    '@type': 'Claim',
    '@id': id('claim', claim.key),
    identifier: claim.key,
    text: claim.text,
    ...(claim.topics.length ? { keywords: claim.topics.map((t) => t.key) } : {}),
    ...(ordered.length ? { appearance: ordered.map((a) => ({ '@id': id('source', a.key) })), firstAppearance: { '@id': id('source', ordered[0].key) } } : {}),
  };
}
