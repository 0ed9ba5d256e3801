import { parseSaidAt } from '@newsgraph/news-package';
import { RollupInterval } from '../rollup/actors-directory';

/**
 * A small generated world for the position tests: two countries, their governments, people who
 * join, leave and change sides, and a few hundred statements taking stances on four claims over
 * two months, drawn from a seeded generator so every run is the same. With it, a reference model
 * written straight from the definitions (CONTRACT.md section 3 and the README's "top-level"),
 * against which the SQL is checked.
 */
export const TOP_LEVEL = ['country:a', 'country:b'];
export const CLAIMS = ['claim:ceasefire-agreed', 'claim:troops-withdrawn', 'claim:talks-scheduled', 'claim:aid-blocked'];

export const ROLLUPS: Record<string, RollupInterval[]> = {
  'country:a': [
    { actor: 'country:a', from: null, to: null },
    { actor: 'org:gov-a', from: null, to: null },
    { actor: 'person:ana', from: null, to: null },
    { actor: 'person:ben', from: null, to: '2026-01-31' },
    { actor: 'person:eli', from: '2026-02-10', to: null },
  ],
  'country:b': [
    { actor: 'country:b', from: null, to: null },
    { actor: 'org:gov-b', from: null, to: null },
    { actor: 'person:cy', from: null, to: null },
    { actor: 'person:ben', from: '2026-01-31', to: null },
  ],
  'org:gov-a': [
    { actor: 'org:gov-a', from: null, to: null },
    { actor: 'person:ana', from: null, to: null },
    { actor: 'person:ben', from: null, to: '2026-01-31' },
    { actor: 'person:eli', from: '2026-02-10', to: null },
  ],
  'person:ben': [{ actor: 'person:ben', from: null, to: null }],
  'person:dee': [{ actor: 'person:dee', from: null, to: null }],
};

const SPEAKERS = ['person:ana', 'person:ben', 'person:cy', 'person:dee', 'person:eli', 'org:gov-a', 'org:gov-b'];

/** mulberry32: small, seeded, good enough to spread test data */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedStatement {
  key: string;
  speaker: string;
  onBehalfOf?: string;
  text: string;
  saidAt: string;
  topics: string[];
  stances: { claim: string; stance: 'AFFIRMS' | 'DENIES' }[];
  attestations: { source: string }[];
}

export function generateStatements(n: number, seed = 15): GeneratedStatement[] {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
  // each speaker leans one way on each claim, and sometimes says the opposite: turns happen
  const lean = new Map(SPEAKERS.flatMap((s) => CLAIMS.map((c) => [`${s}|${c}`, rnd() < 0.5] as const)));
  const out: GeneratedStatement[] = [];
  for (let i = 0; i < n; i++) {
    const speaker = pick(SPEAKERS);
    const day = new Date(Date.UTC(2026, 0, 1 + Math.floor(rnd() * 60))).toISOString().slice(0, 10);
    // some instants late in the evening west of UTC: their day is not their UTC day
    const saidAt = rnd() < 0.3 ? `${day}T${pick(['08:15', '13:40', '22:30'])}:00${pick(['+02:00', '-05:00', 'Z'])}` : day;
    const stances = CLAIMS.filter(() => rnd() < 0.35).map((claim) => {
      const affirms = lean.get(`${speaker}|${claim}`)! !== rnd() < 0.25;
      return { claim, stance: affirms ? ('AFFIRMS' as const) : ('DENIES' as const) };
    });
    const onBehalfOf = speaker.startsWith('person:') && rnd() < 0.2 ? pick(['org:gov-a', 'org:gov-b']) : undefined;
    out.push({
      key: `stmt:gen-${String(i).padStart(4, '0')}`,
      speaker,
      ...(onBehalfOf ? { onBehalfOf } : {}),
      text: `Generated remark number ${i} on the negotiations`,
      saidAt,
      topics: [pick(['talks', 'aid', 'security'])],
      stances,
      attestations: [{ source: 'src:generated-wire' }],
    });
  }
  return out;
}

// ---- the reference model ----

const within = (i: RollupInterval, day: string) => (i.from === null || day >= i.from) && (i.to === null || day < i.to);

export const dayOf = (s: GeneratedStatement) => parseSaidAt(s.saidAt)!.day;
export const instantOf = (s: GeneratedStatement) => parseSaidAt(s.saidAt)!.instant;

function rollsUp(actor: string | undefined, target: string, day: string): boolean {
  return actor !== undefined && (ROLLUPS[target] ?? []).some((i) => i.actor === actor && within(i, day));
}

export function isBy(s: GeneratedStatement, target: string): boolean {
  return rollsUp(s.speaker, target, dayOf(s)) || rollsUp(s.onBehalfOf, target, dayOf(s));
}

export function topLevelOfStatement(s: GeneratedStatement): string[] {
  const found = TOP_LEVEL.filter((t) => isBy(s, t));
  return found.length ? found : [s.speaker];
}

/** Statements in time order: the instant, then the key. */
export function inTimeOrder(list: readonly GeneratedStatement[]): GeneratedStatement[] {
  return [...list].sort((a, b) => (instantOf(a) < instantOf(b) ? -1 : instantOf(a) > instantOf(b) ? 1 : a.key < b.key ? -1 : 1));
}

export function stanceOn(s: GeneratedStatement, claim: string) {
  return s.stances.find((x) => x.claim === claim)?.stance;
}

/** [before key, after key, claim, actor, from, to] for each turn of `actorsOf`'s stance, in time order of `after`. */
export function referenceChanges(all: readonly GeneratedStatement[], claims: readonly string[], actorsOf: (s: GeneratedStatement) => string[]): string[][] {
  const out: { row: string[]; order: string[] }[] = [];
  for (const claim of claims) {
    const last = new Map<string, GeneratedStatement>();
    for (const s of inTimeOrder(all.filter((x) => stanceOn(x, claim)))) {
      for (const actor of actorsOf(s)) {
        const before = last.get(actor);
        if (before && stanceOn(before, claim) !== stanceOn(s, claim)) {
          out.push({ row: [before.key, s.key, claim, actor, stanceOn(before, claim)!, stanceOn(s, claim)!], order: [instantOf(s), s.key, claim, actor] });
        }
        last.set(actor, s);
      }
    }
  }
  const cmp = (a: string[], b: string[]) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
  };
  return out.sort((a, b) => cmp(a.order, b.order)).map((x) => x.row);
}
