import { createHash } from 'node:crypto';
import { PackageActor, PackageMembership } from '@newsgraph/news-package';
import { ActorLink, linkActor, looksLikeName } from '../link/actors';
import { GraphLookup } from '../link/lookup';
import { nameForm } from '../link/words';
import { Quotation, Speaker } from '../types';
import { actorKey } from './keys';

const FORMER = /\b(former|ex-|ex |exministr|expresident|antiguo|antigua)/i;

export interface SpeakerEntry {
  speaker: Speaker;
  link: ActorLink | null;
  key: string;
  /** the package defines this actor (not known to the graph) */
  actor?: PackageActor;
  onBehalfOf?: string;
}

export function speakerId(s: Speaker): string {
  return `${s.kind}\n${nameForm(s.name)}`;
}

/** The article's names for a speaker, for a new actor's aliases: proper names only, the name itself left out. */
function aliasesOf(speakers: Speaker[], name: string): string[] {
  const own = nameForm(name);
  const seen = new Set<string>([own]);
  const out: string[] = [];
  for (const s of speakers) {
    for (const a of [s.name, ...s.aliases, s.surface]) {
      const t = a.trim();
      const f = nameForm(t);
      if (!t || seen.has(f) || !looksLikeName(t) || /^\p{Ll}/u.test(t)) continue;
      seen.add(f);
      out.push(t);
    }
  }
  return out;
}

export async function resolveSpeakers(quotations: Quotation[], lookup: GraphLookup | undefined, day: string | undefined): Promise<Map<string, SpeakerEntry>> {
  const groups = new Map<string, Speaker[]>();
  for (const q of quotations) if (q.speaker) groups.set(speakerId(q.speaker), [...(groups.get(speakerId(q.speaker)) ?? []), q.speaker]);
  const out = new Map<string, SpeakerEntry>();
  const usedKeys = new Map<string, string>();
  for (const [id, all] of groups) {
    const speaker = all[0];
    if (!looksLikeName(speaker.name)) continue; // "the minister" with no name anywhere: nobody to attribute to
    const aliases = aliasesOf(all, speaker.name);
    const link = lookup ? await linkActor({ name: speaker.name, kind: speaker.kind, aliases }, lookup) : null;
    // the role named in an apposition ("White House spokeswoman Karoline Leavitt"), in an organisation the graph knows
    const withRole = all.find((s) => s.organization && s.role && !FORMER.test(s.role));
    const org = lookup && withRole ? await linkActor({ name: withRole.organization!, kind: 'ORGANIZATION' }, lookup) : null;
    const entry: SpeakerEntry = { speaker, link, key: link?.key ?? '' };
    if (org && org.key !== link?.key) entry.onBehalfOf = org.key;
    if (!link) {
      let key = actorKey(speaker.name, speaker.kind);
      // two different speakers whose names make the same slug must not become one actor
      if (usedKeys.has(key) && usedKeys.get(key) !== id) key = `${key}-${usedKeys.size + 1}`;
      usedKeys.set(key, id);
      entry.key = key;
      const memberships: PackageMembership[] =
        org && speaker.kind === 'PERSON' ? [{ organization: org.key, role: withRole!.role!, ...(day ? { from: day } : {}) }] : [];
      entry.actor = {
        key,
        kind: speaker.kind,
        name: speaker.name,
        // without a lookup nobody checked that the key is free: an actor upsert replaces the stored
        // aliases when it gives some, so a package meant for a graph that knows this person would
        // wipe theirs; name and kind alone leave a known actor's aliases and memberships as they are
        ...(aliases.length && lookup ? { aliases } : {}),
        ...(memberships.length ? { memberships } : {}),
      };
    }
    out.set(id, entry);
  }
  // a new speaker must not take over the key of an actor the graph knows under another name
  const fresh = [...out.values()].filter((e) => e.actor);
  const taken = fresh.length && lookup?.existingActors ? await lookup.existingActors(fresh.map((e) => e.key)) : new Set<string>();
  for (const e of fresh) {
    if (!taken.has(e.key)) continue;
    e.key = `${e.key}-${createHash('sha256').update(e.speaker.name).digest('hex').slice(0, 6)}`;
    e.actor!.key = e.key;
  }
  return out;
}
