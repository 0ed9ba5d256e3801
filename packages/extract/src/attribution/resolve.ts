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

export function toSpeaker(e: Entity, surface: string): Speaker {
  const role = e.roles[0];
  const speaker: Speaker = { name: e.name, kind: e.kind, surface, aliases: [...e.aliases].filter((a) => a !== e.name) };
  if (role?.role) speaker.role = role.role;
  if (role?.organization) speaker.organization = role.organization;
  return speaker;
}

/** Every mention before `position` within `back` sentences, most recent first. */
function recentMentions(registry: Registry, sentence: number, position: number, back: number): Array<{ entity: Entity; sentence: number; start: number; first: boolean }> {
  const out: Array<{ entity: Entity; sentence: number; start: number; first: boolean }> = [];
  for (const e of registry.entities) {
    for (const m of e.mentions) {
      if (m.start >= position || m.sentence < sentence - back) continue;
      out.push({ entity: e, sentence: m.sentence, start: m.start, first: false });
    }
  }
  out.sort((a, b) => a.start - b.start);
  // the first person named in a sentence is most often its subject
  let lastSentence = -1;
  for (const o of out) {
    if (o.sentence !== lastSentence && o.entity.kind === 'PERSON') {
      o.first = true;
      lastSentence = o.sentence;
    }
  }
  return out.reverse();
}

function resolveAnaphor(
  gender: 'm' | 'f' | 'n' | 'p' | undefined,
  registry: Registry,
  history: SpeakerHistory[],
  sentence: number,
  position: number,
): { entity: Entity; distance: number } | null {
  const persons = gender === 'm' || gender === 'f' || gender === undefined;
  const fits = (e: Entity): boolean => {
    if (gender === 'n') return e.kind !== 'PERSON' && e.kind !== 'COUNTRY';
    if (gender === 'p') return e.kind !== 'PERSON';
    if (e.kind !== 'PERSON') return false;
    return !(gender && e.gender && e.gender !== gender);
  };
  const last = [...history].reverse().find((h) => h.position < position && h.sentence >= sentence - 3 && fits(h.entity));
  let best: { entity: Entity; distance: number; score: number } | null = null;
  for (const m of recentMentions(registry, sentence, position, 2)) {
    if (!fits(m.entity)) continue;
    const d = sentence - m.sentence;
    let score = -d * 0.8 + m.start / 1e7;
    if (m.first) score += 1;
    if (last && last.entity === m.entity) score += 2;
    if (!best || score > best.score) best = { entity: m.entity, distance: d, score };
  }
  if (best) return best;
  if (last) return { entity: last.entity, distance: sentence - last.sentence };
  void persons;
  return null;
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
      return { speaker: toSpeaker(found.entity, surface), entity: found.entity, how: ref.type === 'pronoun' ? 'pronoun' : 'null-subject', distance: found.distance };
    }
    case 'title': {
      let best: Entity | undefined;
      let bestAt = -1;
      let after: Entity | undefined;
      for (const e of registry.entities) {
        if (e.kind !== 'PERSON') continue;
        const roleWords = new Set(e.roles.flatMap((r) => r.role.split(/\s+/).map(fold)));
        if (!ref.heads.some((h) => roleWords.has(h))) continue;
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
      if (!e) return { speaker: null, how: 'unresolved', distance: 0 };
      return { speaker: toSpeaker(e, ref.text), entity: e, how: 'title', distance: 0 };
    }
    case 'org': {
      const wanted = ORG_TRANSLATIONS[ref.noun] ?? [ref.noun];
      let best: Entity | undefined;
      for (const e of registry.entities) {
        if (e.kind === 'PERSON' || e.kind === 'COUNTRY') continue;
        const matches = wanted.length === 0 ? e.kind === 'ORGANIZATION' : e.words.some((w) => wanted.includes(w));
        if (!matches) continue;
        const before = e.mentions.filter((m) => m.start < position);
        if (before.length && (!best || before[before.length - 1].start > best.mentions.filter((m) => m.start < position).pop()!.start)) best = e;
      }
      if (best) return { speaker: toSpeaker(best, ref.text), entity: best, how: 'org', distance: 0 };
      if (ref.qualified) {
        return { speaker: { name: ref.text, kind: ref.kind, surface: ref.text, aliases: [] }, how: 'org', distance: 0 };
      }
      return { speaker: null, how: 'unresolved', distance: 0 };
    }
    case 'group':
      return { speaker: { name: ref.text, kind: ref.kind, surface: ref.text, aliases: [] }, how: 'group', distance: 0 };
  }
}
