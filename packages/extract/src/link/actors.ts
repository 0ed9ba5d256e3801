import { ActorKind } from '../types';
import { GraphLookup, KnownActor, SEARCH_PAGE } from './lookup';
import { nameForm, nameTokens } from './words';

/** A name from the article tied to an actor the graph knows, and why. */
export interface ActorLink {
  key: string;
  name: string;
  kind: ActorKind;
  /** name: the article's name is the actor's name or an alias; surname: the surname alone, with the full name agreeing */
  via: 'name' | 'surname';
}

export interface NameToLink {
  /** the fullest name the article uses */
  name: string;
  kind: ActorKind;
  /** other names the article uses for the same entity */
  aliases?: string[];
}

/** Kinds that may stand for each other: a person is only ever a person; an organisation may be named by a metonym of a government ("Madrid"). */
function kindsAgree(article: ActorKind, known: ActorKind): boolean {
  if (article === 'OTHER') return true;
  if (article === 'PERSON' || known === 'PERSON') return article === known;
  return true;
}

const namesOf = (a: KnownActor) => [a.name, ...a.aliases].map(nameForm);

/** A proper name worth looking up: at least one capitalised word, not only a title or pronoun. */
export function looksLikeName(text: string): boolean {
  return /\p{Lu}/u.test(text) && !/^(he|she|they|it|we|i|él|ella|ellos|ellas)$/i.test(text.trim());
}

function distinct(actors: KnownActor[]): KnownActor[] {
  const seen = new Map<string, KnownActor>();
  for (const a of actors) if (!seen.has(a.key)) seen.set(a.key, a);
  return [...seen.values()];
}

/** Known actors of an agreeing kind whose name or an alias is exactly `name` (folded). */
async function exact(name: string, kind: ActorKind, lookup: GraphLookup): Promise<KnownActor[]> {
  const form = nameForm(name);
  if (!form) return [];
  const found = await lookup.findActors(name.trim());
  return distinct(found.filter((a) => kindsAgree(kind, a.kind) && namesOf(a).includes(form)));
}

/**
 * The known actor an article's name refers to, or null when not sure. A wrong link is worse than
 * none, so a link needs an exact (case- and accent-folded) match of the fullest name or of one of
 * the article's other proper names, with one candidate only; a person's surname alone links only
 * when exactly one known person carries it and every word of the article's full name is among that
 * person's names. A person never links to an organisation or a country, nor the other way round.
 */
export async function linkActor(target: NameToLink, lookup: GraphLookup): Promise<ActorLink | null> {
  const names = [target.name, ...(target.aliases ?? []).filter(looksLikeName)];
  const matched = new Map<string, KnownActor>();
  for (const n of names) for (const a of await exact(n, target.kind, lookup)) matched.set(a.key, a);
  if (matched.size === 1) {
    const a = [...matched.values()][0];
    return { key: a.key, name: a.name, kind: a.kind, via: 'name' };
  }
  if (matched.size > 1 || target.kind !== 'PERSON') return null;

  const full = nameTokens(target.name);
  if (full.length < 2) return null;
  const surname = full[full.length - 1];
  const found = await lookup.findActors(surname);
  // a full page may hide other people of that surname: then one candidate is no proof of one person
  if (found.length >= SEARCH_PAGE) return null;
  const people = distinct(found.filter((a) => a.kind === 'PERSON' && namesOf(a).some((n) => n.split(' ').pop() === surname)));
  if (people.length !== 1) return null;
  const theirs = new Set(namesOf(people[0]).flatMap((n) => n.split(' ')));
  if (!full.every((t) => theirs.has(t))) return null;
  return { key: people[0].key, name: people[0].name, kind: people[0].kind, via: 'surname' };
}
