import { Quotation } from '../types';
import { KnownClaim } from './lookup';
import { AFFIRMATION_MARKERS, DENIAL_MARKERS, STANCE_CUES } from './stance-cues';
import { contentWords, fold } from './words';

export type StanceKind = 'AFFIRMS' | 'DENIES';

export interface ProposedStance {
  claim: string;
  stance: StanceKind;
  /** how well the statement's words cover the claim's, 0..1 (BM25, relative to the claim's own score) */
  match: number;
  /** cue: the attribution verb says it ("denied"); words: read in the quotation; speaker: the same speaker's other statement in the article; graph: already stored */
  from: 'cue' | 'words' | 'speaker' | 'graph';
  /** not sure enough to go in unreviewed */
  review: boolean;
}

/**
 * A claim is proposed at all (for review) from this relative match on, with at least
 * MIN_SHARED words in common: low enough that a quotation naming two of a claim's distinctive words
 * ("the use of bases") reaches the reviewer, high enough that two country names alone do not ...
 */
export const MIN_MATCH = 0.3;
export const MIN_SHARED = 2;
/** ... and without review from this one, with the polarity from the cue. */
export const SURE_MATCH = 0.6;

const K1 = 1.2;
const B = 0.75;

/** Okapi BM25 over claim texts; scores are divided by the claim's score against itself. */
export class ClaimIndex {
  private readonly docs: Array<{ claim: KnownClaim; tf: Map<string, number>; length: number; self: number }>;
  private readonly idf = new Map<string, number>();
  private readonly avgLength: number;

  constructor(claims: KnownClaim[]) {
    const bags = claims.map((claim) => {
      const words = contentWords(claim.text);
      const tf = new Map<string, number>();
      for (const w of words) tf.set(w, (tf.get(w) ?? 0) + 1);
      return { claim, tf, length: words.length, self: 0 };
    });
    const df = new Map<string, number>();
    for (const d of bags) for (const w of d.tf.keys()) df.set(w, (df.get(w) ?? 0) + 1);
    const n = bags.length;
    for (const [w, f] of df) this.idf.set(w, Math.log(1 + (n - f + 0.5) / (f + 0.5)));
    this.avgLength = bags.reduce((s, d) => s + d.length, 0) / Math.max(1, n);
    this.docs = bags;
    for (const d of this.docs) d.self = this.score([...d.tf.keys()], d);
  }

  private shared(queryTerms: string[], d: { tf: Map<string, number> }): number {
    return queryTerms.filter((q) => d.tf.has(q)).length;
  }

  private score(queryTerms: string[], d: { tf: Map<string, number>; length: number }): number {
    let s = 0;
    for (const q of queryTerms) {
      const f = d.tf.get(q);
      if (!f) continue;
      s += (this.idf.get(q) ?? 0) * ((f * (K1 + 1)) / (f + K1 * (1 - B + (B * d.length) / (this.avgLength || 1))));
    }
    return s;
  }

  /** Claims by relative match, best first, those at or above `min`. */
  search(text: string, min = MIN_MATCH): Array<{ claim: KnownClaim; match: number }> {
    const terms = [...new Set(contentWords(text))];
    return this.docs
      .filter((d) => this.shared(terms, d) >= MIN_SHARED)
      .map((d) => ({ claim: d.claim, match: d.self > 0 ? Math.min(1, this.score(terms, d) / d.self) : 0 }))
      .filter((r) => r.match >= min)
      .sort((a, b) => b.match - a.match || (a.claim.key < b.claim.key ? -1 : 1));
  }
}

function has(text: string, markers: string[]): boolean {
  const t = ` ${fold(text)} `;
  return markers.some((m) => {
    const f = fold(m);
    return /^\w/.test(f) ? new RegExp(`(^|[^\\p{L}])${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'u').test(t) : t.includes(f);
  });
}

/**
 * The polarity a quotation takes toward what it is about: from its cue when the cue says it
 * (deny/reject/refute -> DENIES, confirm/agree -> AFFIRMS), else from its words (a denial or a
 * negation inside the quote -> DENIES; plain assertion -> AFFIRMS, since a speaker who says the
 * claim's content asserts it).
 */
export function polarityOf(q: Pick<Quotation, 'cue' | 'text'>, language: string): { stance: StanceKind; from: 'cue' | 'words'; strong: boolean } {
  const cue = (q.cue ?? '').toLowerCase();
  if ((STANCE_CUES.DENIES as readonly string[]).includes(cue)) return { stance: 'DENIES', from: 'cue', strong: true };
  if ((STANCE_CUES.AFFIRMS as readonly string[]).includes(cue)) return { stance: 'AFFIRMS', from: 'cue', strong: true };
  const lang = DENIAL_MARKERS[language] ? language : 'en';
  if (has(q.text, DENIAL_MARKERS[lang]))
    return { stance: 'DENIES', from: 'words', strong: /deny|denied|niego|niega|negó|reject|rechaz|desmient|falso|false|untrue/.test(fold(q.text)) };
  return { stance: 'AFFIRMS', from: 'words', strong: has(q.text, AFFIRMATION_MARKERS[lang] ?? []) };
}

/**
 * Stances proposed for one quotation: the claims its words match (BM25), with the polarity of
 * `polarityOf`. The best match is proposed from MIN_MATCH on, others only when sure; anything
 * short of a sure match with the polarity from the cue is marked for review.
 */
export function proposeStances(q: Pick<Quotation, 'cue' | 'text'>, language: string, index: ClaimIndex): ProposedStance[] {
  const hits = index.search(q.text);
  if (!hits.length) return [];
  const polarity = polarityOf(q, language);
  // a question asserts nothing: whatever it matches is for a person to judge
  const question = /[?¿]/.test(q.text);
  return hits
    .filter((h, i) => i === 0 || h.match >= SURE_MATCH)
    .map((h) => ({
      claim: h.claim.key,
      stance: polarity.stance,
      match: Math.round(h.match * 1000) / 1000,
      from: polarity.from,
      review: question || !(h.match >= SURE_MATCH && (polarity.from === 'cue' || polarity.strong)),
    }));
}
