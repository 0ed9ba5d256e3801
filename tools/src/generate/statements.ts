import { canonicalUrl, foldText } from '@newsgraph/news-package';
import { Random, Zipf } from './random';
import { ROLES, SAY_EN, SAY_OTHER, TOPICS, VENUES, WIRE_OUTLETS } from './vocabulary';
import { dayText, FIRST_DAY, LAST_DAY, termAt, World } from './world';

export interface StatementRow {
  key: string;
  speakerKey: string;
  onBehalfOfKey: string | null;
  text: string;
  language: string;
  form: string;
  saidAt: string;
  saidOn: string;
  saidAtText: string;
  venue: string | null;
  topics: string[];
  allTopics: string[];
}

export interface StanceRow {
  statementKey: string;
  claimKey: string;
  stance: 'AFFIRMS' | 'DENIES';
  ordinal: number;
}
export interface RelationRow {
  statementKey: string;
  type: string;
  targetKey: string;
  ordinal: number;
}
export interface AttestationRow {
  statementKey: string;
  ordinal: number;
  sourceKey: string;
  quotedText: string | null;
}
export interface SourceRow {
  key: string;
  kind: string;
  url: string;
  canonicalUrl: string;
  title: string;
  titleFolded: string;
  outletKey: string;
  publishedAt: string;
  publishedText: string;
  language: string;
}
export interface DerivationRow {
  sourceKey: string;
  ordinal: number;
  derivedFromKey: string;
}

export interface Batch {
  statements: StatementRow[];
  stances: StanceRow[];
  relations: RelationRow[];
  attestations: AttestationRow[];
  sources: SourceRow[];
  derivations: DerivationRow[];
}

/** What the generator knows it wrote, for checks: statements by each country (roll-up included). */
export interface Expectations {
  byCountry: Record<string, number>;
  byCountryAndTopic: Record<string, number>;
  /** claims that have both an AFFIRMS and a DENIES stance: their statements have DERIVED contradictions */
  contestedClaims: number;
  explicitContradictions: number;
}

const KINDS: Array<[string, number]> = [
  ['ARTICLE', 0.8],
  ['BROADCAST', 0.08],
  ['PRESS_BRIEFING', 0.07],
  ['SOCIAL_POST', 0.05],
];

/**
 * Statements in chronological order with their stances, relations, attestations and the sources
 * they are attested by. A generator of batches, so a million statements never sit in memory.
 */
export class StatementGenerator {
  private readonly countryZipf: Zipf;
  private readonly ministryZipf: Zipf;
  private readonly roleZipf = new Zipf(ROLES.length, 1.5);
  private readonly topicZipf = new Zipf(TOPICS.length, 1.0);
  private readonly claimZipf: Zipf;
  private readonly outletZipf: Zipf;
  private readonly commentatorZipf: Zipf;
  private readonly lastByClaim = new Map<string, { AFFIRMS?: string; DENIES?: string }>();
  private readonly recentSources: string[] = [];
  private readonly recentWire: string[] = [];
  private produced = 0;
  private sourceSeq = 0;
  private previousKey: string | null = null;
  readonly expect: Expectations = { byCountry: {}, byCountryAndTopic: {}, contestedClaims: 0, explicitContradictions: 0 };

  constructor(
    private readonly world: World,
    private readonly random: Random,
    readonly total: number,
  ) {
    this.countryZipf = new Zipf(world.countries.length, 1.2);
    this.ministryZipf = new Zipf(world.terms[0].length, 1.0);
    this.claimZipf = new Zipf(world.claimBlockSize, 1.0);
    this.outletZipf = new Zipf(world.outlets.length, 0.9);
    this.commentatorZipf = new Zipf(world.commentators[0].length, 1.3);
  }

  get done(): boolean {
    return this.produced >= this.total;
  }

  next(size: number): Batch {
    const batch: Batch = { statements: [], stances: [], relations: [], attestations: [], sources: [], derivations: [] };
    const end = Math.min(this.total, this.produced + size);
    for (let i = this.produced; i < end; i++) this.one(i, batch);
    this.produced = end;
    return batch;
  }

  private one(i: number, batch: Batch): void {
    const r = this.random;
    const key = `stmt:gen-${i + 1}`;
    const fraction = (i + r.next()) / this.total;
    const day = FIRST_DAY + Math.min(LAST_DAY - FIRST_DAY, Math.floor(fraction * (LAST_DAY - FIRST_DAY + 1)));
    const saidOn = dayText(day);
    let saidAt: string;
    let saidAtText: string;
    if (r.chance(0.6)) {
      const minutes = r.int(6 * 60, 22 * 60);
      saidAtText = `${saidOn}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00Z`;
      saidAt = new Date(Date.parse(saidAtText)).toISOString();
    } else {
      saidAtText = saidOn;
      saidAt = `${saidOn}T00:00:00.000Z`;
    }

    const ci = this.countryZipf.sample(r);
    const country = this.world.countries[ci];
    const govKey = `org:${country.code}-government`;
    let speaker: string;
    let onBehalf: string | null = null;
    let rollsUp = true;
    const who = r.next();
    if (who < 0.02) speaker = `country:${country.code}`;
    else if (who < 0.1) speaker = govKey;
    else if (who < 0.15) speaker = this.world.terms[ci][this.ministryZipf.sample(r)][0][0].organization;
    else {
      const term = who < 0.9 ? termAt(this.world.terms[ci][this.ministryZipf.sample(r)][this.roleZipf.sample(r)], day) : null;
      if (term) {
        speaker = term.person;
        if (r.chance(0.3)) onBehalf = term.organization;
      } else {
        speaker = this.world.commentators[ci][this.commentatorZipf.sample(r)];
        rollsUp = false;
      }
    }

    const stances: StanceRow[] = [];
    const relations: RelationRow[] = [];
    const ownTopics = new Set<string>();
    let about: string;
    let claimTopics: readonly string[];
    if (r.chance(0.6)) {
      const block = Math.floor(fraction * Math.ceil(this.world.claims.length / this.world.claimBlockSize));
      const index = Math.min(this.world.claims.length - 1, block * this.world.claimBlockSize + this.claimZipf.sample(r));
      const claim = this.world.claims[index];
      // a country mostly keeps one line on a claim, so countries contradict each other
      const line = (hash(`${claim.key}|${country.code}`) & 1) === 0 ? 'AFFIRMS' : 'DENIES';
      const stance = r.chance(0.85) ? line : line === 'AFFIRMS' ? 'DENIES' : 'AFFIRMS';
      stances.push({ statementKey: key, claimKey: claim.key, stance, ordinal: 0 });
      const last = this.lastByClaim.get(claim.key) ?? {};
      const opposite = stance === 'AFFIRMS' ? last.DENIES : last.AFFIRMS;
      const same = last[stance];
      this.lastByClaim.set(claim.key, last);
      if (!same && opposite) this.expect.contestedClaims += 1;
      last[stance] = key;
      if (opposite && r.chance(0.05)) {
        relations.push({ statementKey: key, type: 'CONTRADICTS', targetKey: opposite, ordinal: relations.length });
        this.expect.explicitContradictions += 1;
      }
      if (same && r.chance(0.03)) relations.push({ statementKey: key, type: 'SUPPORTS', targetKey: same, ordinal: relations.length });
      for (const t of claim.topics) ownTopics.add(t);
      about = `${stance === 'AFFIRMS' ? '' : 'it is false that '}${claim.text}`;
      if (!r.chance(0.7)) ownTopics.clear();
      if (r.chance(0.2)) ownTopics.add(TOPICS[this.topicZipf.sample(r)]);
      claimTopics = claim.topics;
    } else {
      ownTopics.add(TOPICS[this.topicZipf.sample(r)]);
      if (r.chance(0.3)) ownTopics.add(TOPICS[this.topicZipf.sample(r)]);
      about = `the situation on ${[...ownTopics].map((t) => t.replace(/-/g, ' ')).join(' and ')} is under control`;
      claimTopics = [];
    }
    if (this.previousKey && r.chance(0.01)) relations.push({ statementKey: key, type: 'RESPONDS_TO', targetKey: this.previousKey, ordinal: relations.length });
    this.previousKey = key;

    const language = r.chance(0.4) && SAY_OTHER[country.lang] ? country.lang : 'en';
    const verb = language === 'en' ? r.pick(SAY_EN) : r.pick(SAY_OTHER[language]);
    const text = `${country.name} ${verb} ${about}.`;
    const topics = [...ownTopics].sort();
    const allTopics = [...new Set([...topics, ...claimTopics])].sort();
    batch.statements.push({
      key,
      speakerKey: speaker,
      onBehalfOfKey: onBehalf,
      text,
      language,
      form: r.pick(['DIRECT_QUOTE', 'INDIRECT_QUOTE', 'PARAPHRASE']),
      saidAt,
      saidOn,
      saidAtText,
      venue: r.chance(0.3) ? `${r.pick(VENUES)} in ${country.capital}` : null,
      topics,
      allTopics,
    });
    batch.stances.push(...stances);
    batch.relations.push(...relations);
    if (rollsUp) {
      this.expect.byCountry[country.code] = (this.expect.byCountry[country.code] ?? 0) + 1;
      for (const t of allTopics) {
        const k = `${country.code}|${t}`;
        this.expect.byCountryAndTopic[k] = (this.expect.byCountryAndTopic[k] ?? 0) + 1;
      }
    }

    const count = r.chance(0.7) ? 1 : r.chance(0.75) ? 2 : 3;
    const used = new Set<string>();
    for (let a = 0; a < count; a++) {
      let source: string;
      if (this.recentSources.length > 20 && r.chance(0.4)) source = r.pick(this.recentSources);
      else source = this.newSource(batch, text, language, saidAt, day);
      if (used.has(source)) continue;
      used.add(source);
      batch.attestations.push({ statementKey: key, ordinal: used.size - 1, sourceKey: source, quotedText: r.chance(0.5) ? text.slice(0, 120) : null });
    }
  }

  private newSource(batch: Batch, text: string, language: string, saidAt: string, day: number): string {
    const r = this.random;
    const n = (this.sourceSeq += 1);
    const outletIndex = this.outletZipf.sample(r);
    const outlet = this.world.outlets[outletIndex];
    const key = `src:gen-${n}`;
    const url = `https://${outlet.domain}/${dayText(day).replace(/-/g, '/')}/story-${n}`;
    const published = new Date(Date.parse(saidAt) + r.int(10, 600) * 60_000).toISOString().replace('.000Z', 'Z');
    let u = r.next();
    let kind = 'OTHER';
    for (const [k, p] of KINDS)
      if ((u -= p) < 0) {
        kind = k;
        break;
      }
    const title = text.length > 90 ? `${text.slice(0, 87)}...` : text;
    batch.sources.push({
      key,
      kind,
      url,
      canonicalUrl: canonicalUrl(url)!,
      title,
      titleFolded: foldText(title),
      outletKey: outlet.key,
      publishedAt: published,
      publishedText: published,
      language,
    });
    if (outletIndex < WIRE_OUTLETS) {
      this.recentWire.push(key);
      if (this.recentWire.length > 50) this.recentWire.shift();
    } else if (this.recentWire.length && r.chance(0.25)) {
      batch.derivations.push({ sourceKey: key, ordinal: 0, derivedFromKey: r.pick(this.recentWire) });
    }
    this.recentSources.push(key);
    if (this.recentSources.length > 500) this.recentSources.shift();
    return key;
  }
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
