import type { Speaker } from '../types';
import type { Entity, Registry } from '../entities/registry';
import { fold } from '../text/fold';
import type { SpeakerRef } from './speaker-np';

/** Who spoke where, in article order: the antecedent pronouns and null subjects look back to. */
export interface SpeakerHistory {
  entity: Entity;
  sentence: number;
  position: number;
}

export interface Resolved {
  speaker: Speaker | null;
  entity?: Entity;
  /** how the speaker was found, for the confidence */
  how: 'name' | 'pronoun' | 'title' | 'org' | 'group' | 'null-subject' | 'unresolved';
  /** sentences between the words naming the speaker and the cue */
  distance: number;
}

const ORG_TRANSLATIONS: Record<string, string[]> = {
  ministry: ['ministry', 'ministerio', 'department'],
  ministerio: ['ministerio', 'ministry'],
  government: ['government', 'gobierno', 'administration', 'executive', 'ejecutivo'],
  gobierno: ['gobierno', 'government', 'ejecutivo', 'moncloa'],
  ejecutivo: ['gobierno', 'ejecutivo', 'government'],
  company: [],
  empresa: [],
  compania: [],
  firm: [],
  airline: [],
  carrier: [],
  aerolinea: [],
  group: [],
  grupo: [],
  entidad: [],
  firma: [],
  team: [],
  equipo: [],
  club: ['club', 'fc', 'cf'],
  police: ['police', 'policia', 'guardia'],
  policia: ['policia', 'police', 'guardia', 'mossos', 'ertzaintza'],
  court: ['court', 'tribunal'],
  tribunal: ['tribunal', 'court', 'audiencia', 'juzgado'],
  juzgado: ['juzgado', 'tribunal'],
  ayuntamiento: ['ayuntamiento', 'consistorio'],
  council: ['council'],
  party: ['party', 'partido'],
  partido: ['partido', 'pp', 'psoe', 'vox'],
};

/** nouns that name whichever organisation the article is about, when no name holds the noun */
const GENERIC_ORGS = new Set(['club', 'bank', 'union', 'party', 'agencia', 'banco', 'sindicato', 'partido']);

export function toSpeaker(e: Entity, surface: string): Speaker {
  const role = e.roles[0];
  const speaker: Speaker = { name: e.name, kind: e.kind, surface, aliases: [...e.aliases].filter((a) => a !== e.name) };
  if (role?.role) speaker.role = role.role;
  if (role?.organization) speaker.organization = role.organization;
  return speaker;
}

interface Candidate {
  entity: Entity;
  sentence: number;
  start: number;
  /** the first non-possessive person named in its sentence: most often its subject */
  first: boolean;
}

/** Every mention before `position` within `back` sentences. */
function recentMentions(registry: Registry, sentence: number, position: number, back: number): Candidate[] {
  const out: Candidate[] = [];
  for (const e of registry.entities) {
    for (const m of e.mentions) {
      if (m.start >= position || m.sentence < sentence - back) continue;
      out.push({ entity: e, sentence: m.sentence, start: m.start, first: false });
    }
  }
  out.sort((a, b) => a.start - b.start);
  let lastSentence = -1;
  for (const o of out) {
    const m = o.entity.mentions.find((x) => x.start === o.start);
    if (o.sentence !== lastSentence && o.entity.kind === 'PERSON' && !m?.possessive && !m?.afterPreposition) {
      o.first = true;
      lastSentence = o.sentence;
    }
  }
  return out;
}

/**
 * The antecedent of a pronoun, a null subject or an unresolved title: the person (or, for "it",
 * the organisation) most likely meant, from recency, subject position and who spoke last.
 * Looks two sentences back first, then up to five.
 */
export function resolveAnaphor(
  gender: 'm' | 'f' | 'n' | 'p' | undefined,
  registry: Registry,
  history: SpeakerHistory[],
  sentence: number,
  position: number,
  avoid?: (e: Entity) => boolean,
): { entity: Entity; distance: number } | null {
  const fits = (e: Entity): boolean => {
    if (gender === 'n') return e.kind !== 'PERSON' && e.kind !== 'COUNTRY';
    if (gender === 'p') return e.kind !== 'PERSON';
    if (e.kind !== 'PERSON') return false;
    return !(gender && e.gender && e.gender !== gender);
  };
  const last = [...history].reverse().find((h) => h.position < position && h.sentence >= sentence - 4 && fits(h.entity));
  for (const back of [2, 5]) {
    let best: { entity: Entity; distance: number; score: number } | null = null;
    // whoever spoke last stays a candidate a little longer than any other mention: speakers continue
    if (last && !avoid?.(last.entity)) best = { entity: last.entity, distance: sentence - last.sentence, score: -(sentence - last.sentence) + 2 };
    for (const m of recentMentions(registry, sentence, position, back)) {
      if (!fits(m.entity)) continue;
      const d = sentence - m.sentence;
      let score = -d + m.start / 1e7;
      if (m.first) score += 1.2;
      if (last && last.entity === m.entity) score += 1;
      if (avoid?.(m.entity)) score -= 1.5;
      if (!best || score > best.score) best = { entity: m.entity, distance: d, score };
    }
    if (best) return best;
  }
  if (last) return { entity: last.entity, distance: sentence - last.sentence };
  return null;
}

/** "The minister … Rachel Ostrowski told MPs": a title whose person is named just after it. */
function cataphor(registry: Registry, sentence: number, position: number): Entity | undefined {
  let best: { e: Entity; start: number } | undefined;
  for (const e of registry.entities) {
    if (e.kind !== 'PERSON') continue;
    const m = e.mentions.find((x) => x.start > position && x.sentence <= sentence + 1 && !x.possessive);
    if (m && (!best || m.start < best.start)) best = { e, start: m.start };
  }
  return best?.e;
}

export function resolveSpeaker(ref: SpeakerRef | null, registry: Registry, history: SpeakerHistory[], sentence: number, position: number): Resolved {
  if (!ref) return { speaker: null, how: 'unresolved', distance: 0 };
  switch (ref.type) {
    case 'name': {
      const e = registry.entityAt(ref.mention.start) ?? registry.lookup(ref.mention.text, ref.mention.kind);
      if (!e) return { speaker: null, how: 'unresolved', distance: 0 };
      return { speaker: toSpeaker(e, ref.mention.text), entity: e, how: 'name', distance: 0 };
    }
    case 'pronoun':
    case 'none': {
      const gender = ref.type === 'pronoun' ? ref.gender : undefined;
      const found = resolveAnaphor(gender, registry, history, sentence, position);
      if (!found) return { speaker: null, how: 'unresolved', distance: 0 };
      const surface = ref.type === 'pronoun' ? ref.text : '';
      return {
        speaker: toSpeaker(found.entity, surface),
        entity: found.entity,
        how: ref.type === 'pronoun' ? 'pronoun' : 'null-subject',
        distance: found.distance,
      };
    }
    case 'title': {
      let best: Entity | undefined;
      let bestAt = -1;
      let after: Entity | undefined;
      const refText = ` ${fold(ref.text)} `;
      for (const e of registry.entities) {
        if (e.kind !== 'PERSON') continue;
        const roleWords = new Set(e.roles.flatMap((r) => r.role.split(/\s+/).map(fold)));
        // "the minister", or a title naming the same office: "el titular del Ministerio del Interior"
        // for "el ministro del Interior"
        const sameOffice = e.roles.some((r) => r.organization && r.organization.length > 3 && refText.includes(` ${fold(r.organization)} `));
        if (!ref.heads.some((h) => roleWords.has(h)) && !sameOffice) continue;
        if (ref.gender && e.gender && ref.gender !== e.gender) continue;
        const before = e.mentions.filter((m) => m.start < position);
        if (before.length) {
          const at = before[before.length - 1].start;
          if (at > bestAt) {
            best = e;
            bestAt = at;
          }
        } else if (!after) after = e;
      }
      const e = best ?? after;
      if (e) return { speaker: toSpeaker(e, ref.text), entity: e, how: 'title', distance: 0 };
      // "the lawyer of Harvey Colchado": someone else, named by a person the article names
      const ofWhom = ref.text
        .split(/ (?:de|del|of|for) (?:la |el |the )?/)
        .slice(1)
        .join(' ');
      const ofPerson = /\p{Lu}/u.test(ofWhom) && registry.lookup(ofWhom, 'PERSON')?.kind === 'PERSON';
      if (ref.indefinite || ofPerson) {
        // "a senior administration official": nobody the article names
        return { speaker: { name: ref.text, kind: 'PERSON', surface: ref.text, aliases: [] }, how: 'title', distance: 0 };
      }
      // a title the article never gave anyone ("the Scot", "el técnico"): most often the person just talked about
      const hasOtherRole = (x: Entity): boolean => x.roles.length > 0 && !x.roles.some((r) => ref.heads.some((h) => fold(r.role).includes(h)));
      const found = resolveAnaphor(ref.gender, registry, history, sentence, position, hasOtherRole) ?? null;
      if (found) return { speaker: toSpeaker(found.entity, ref.text), entity: found.entity, how: 'pronoun', distance: found.distance };
      const next = cataphor(registry, sentence, position);
      if (next) return { speaker: toSpeaker(next, ref.text), entity: next, how: 'pronoun', distance: 1 };
      return { speaker: null, how: 'unresolved', distance: 0 };
    }
    case 'org': {
      const wanted = ORG_TRANSLATIONS[ref.noun] ?? [ref.noun];
      const spoke = new Set(history.filter((h) => h.position < position).map((h) => h.entity));
      let best: { e: Entity; score: number } | undefined;
      for (const e of registry.entities) {
        if (e.kind === 'COUNTRY' || (e.kind === 'PERSON' && !ref.qualified)) continue;
        const named = ref.qualified ? e.words[0] === ref.noun || e.words.includes(ref.noun) : false;
        const matches = named || (wanted.length === 0 ? e.kind === 'ORGANIZATION' : e.words.some((w) => wanted.includes(w)));
        if (!matches) continue;
        const before = e.mentions.filter((m) => m.start < position);
        if (!before.length) continue;
        const lastAt = before[before.length - 1].start;
        const subject = before.some((m) => !m.possessive);
        const score = lastAt / 1e7 + (spoke.has(e) ? 1 : 0) + (subject ? 0.5 : 0) + (named ? 2 : 0);
        if (!best || score > best.score) best = { e, score };
      }
      if (!best && !ref.qualified && ORG_TRANSLATIONS[ref.noun] === undefined && GENERIC_ORGS.has(ref.noun)) {
        return resolveSpeaker({ ...ref, noun: 'company' }, registry, history, sentence, position);
      }
      if (best) return { speaker: toSpeaker(best.e, ref.text), entity: best.e, how: 'org', distance: 0 };
      // an organisation the article does not name otherwise: as printed ("regional health agency", "council")
      return { speaker: { name: ref.text, kind: ref.kind, surface: ref.text, aliases: [] }, how: 'org', distance: 0 };
    }
    case 'group':
      return { speaker: { name: ref.text, kind: ref.kind, surface: ref.text, aliases: [] }, how: 'group', distance: 0 };
  }
}
