import type { ActorKind } from '../types';
import { fold } from '../text/fold';
import type { NameMention } from './names';

/** One actor of the article: every name it goes by, its fullest name, the roles it was given. */
export interface Entity {
  id: number;
  /** the fullest name the article prints for it */
  name: string;
  kind: ActorKind;
  words: string[];
  aliases: Set<string>;
  roles: Array<{ role: string; organization?: string }>;
  gender?: 'm' | 'f';
  mentions: NameMention[];
}

/** `short` is `long` with words left out ("Albares" in "José Manuel Albares", "Sanchez" in "Pedro Sánchez"). */
function subsequence(short: string[], long: string[]): boolean {
  let j = 0;
  for (const w of long) if (w === short[j]) j++;
  return j === short.length;
}

const comparable = (a: ActorKind, b: ActorKind): boolean => a === b || (a !== 'PERSON' && b !== 'PERSON' && a !== 'COUNTRY' && b !== 'COUNTRY');

export class Registry {
  readonly entities: Entity[] = [];
  private byMention = new Map<number, Entity>();

  /** Add mentions in article order; a mention joins the entity whose name contains its words. */
  add(m: NameMention): Entity {
    if (m.kind === 'PERSON' && m.words.length === 1) {
      const org = this.entities.find((e) => e.kind !== 'PERSON' && e.kind !== 'COUNTRY' && e.words.length > 1 && e.words[0] === m.words[0]);
      if (org) m.kind = org.kind;
    }
    const found = this.match(m.words, m.kind);
    let e = found;
    if (!e) {
      e = { id: this.entities.length, name: m.text, kind: m.kind, words: m.words, aliases: new Set(), roles: [], mentions: [] };
      this.entities.push(e);
    } else if (m.words.length > e.words.length) {
      e.aliases.add(e.name);
      e.name = m.text;
      e.words = m.words;
    } else if (m.text !== e.name) {
      e.aliases.add(m.text);
    }
    if (m.role && !e.roles.some((r) => r.role === m.role)) e.roles.push({ role: m.role, organization: m.organization });
    if (m.gender && !e.gender) e.gender = m.gender;
    e.mentions.push(m);
    this.byMention.set(m.start, e);
    return e;
  }

  private match(words: string[], kind: ActorKind): Entity | undefined {
    let best: Entity | undefined;
    for (const e of this.entities) {
      if (!comparable(e.kind, kind)) continue;
      const same = e.words.join(' ') === words.join(' ');
      // organisations: "Orbit" is "Orbit Technologies", "Chemicals Agency" is "European Chemicals Agency"
      const orgShort = (a: string[], b: string[]): boolean => subsequence(a, b) && (a.length >= 2 || a[0] === b[0]);
      const related =
        same || (kind === 'PERSON' ? subsequence(words, e.words) || subsequence(e.words, words) : orgShort(words, e.words) || orgShort(e.words, words));
      if (!related) continue;
      // the most recently mentioned wins when several fit ("Smith" after two Smiths)
      if (!best || e.mentions[e.mentions.length - 1].start > best.mentions[best.mentions.length - 1].start) best = e;
    }
    return best;
  }

  entityAt(start: number): Entity | undefined {
    return this.byMention.get(start);
  }

  /** The entity a name printed anywhere refers to (for names found outside the first pass). */
  lookup(text: string, kind: ActorKind): Entity | undefined {
    return this.match(text.split(/\s+/).map(fold), kind);
  }
}
