import { PackageStatement } from '@newsgraph/news-package';
import { ProposedStance } from '../link/claims';
import { KnownStatement } from '../link/lookup';

/**
 * A statement the graph holds already (the same words reported by another outlet, or this article
 * extracted before) is written whole on ingest, so the package carries it as stored (a reviewer's
 * corrections win) plus this article's attestation when it is not there yet.
 */
export function mergeKnown(ours: PackageStatement, known: KnownStatement): PackageStatement {
  const attestations: PackageStatement['attestations'] = [...known.attestations];
  for (const a of ours.attestations) if (!attestations.some((k) => k.source === a.source)) attestations.push(a);
  const { key, speaker, onBehalfOf, text, language, form, saidAt, venue, topics, stances, relations, extraction } = known;
  return {
    key,
    speaker,
    ...(onBehalfOf ? { onBehalfOf } : {}),
    text,
    ...(language ? { language } : {}),
    ...(form ? { form } : {}),
    saidAt,
    ...(venue ? { venue } : {}),
    ...(topics.length ? { topics } : {}),
    ...(stances.length ? { stances } : {}),
    ...(relations.length ? { relations } : {}),
    attestations,
    ...(extraction ? { extraction } : ours.extraction ? { extraction: ours.extraction } : {}),
  };
}

/**
 * Same speaker, same polarity: a speaker whose quotation in this article plainly denies (or
 * confirms) something, and whose other statement here takes that stance on a claim, is proposed to
 * take it on that claim too, for review. A reader does the same: the minister's "I categorically
 * deny any change" is a denial of what the article says he denied.
 */
export function shareStancesWithinSpeaker(
  statements: Array<{ speaker: string; stances: ProposedStance[]; strong: { stance: 'AFFIRMS' | 'DENIES' } | null }>,
): void {
  for (const s of statements) {
    if (!s.strong) continue;
    for (const other of statements) {
      if (other === s || other.speaker !== s.speaker) continue;
      for (const st of other.stances) {
        if (st.from === 'speaker' || st.stance !== s.strong.stance || s.stances.some((x) => x.claim === st.claim)) continue;
        s.stances.push({ claim: st.claim, stance: st.stance, match: st.match, from: 'speaker', review: true });
      }
    }
  }
}
