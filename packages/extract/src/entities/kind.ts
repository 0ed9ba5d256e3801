import type { ActorKind } from '../types';
import { CAPITALS, COUNTRIES, GOVERNMENT_WORDS, ORG_WORDS, SEATS } from '../lexicon/world';
import { fold } from '../text/fold';

const folded = (set: Set<string>): Set<string> => new Set([...set].map(fold));
const F_COUNTRIES = folded(COUNTRIES);
const F_CAPITALS = folded(CAPITALS);
const F_SEATS = folded(SEATS);
const F_ORG = folded(ORG_WORDS);
const F_GOV = folded(GOVERNMENT_WORDS);

/**
 * The kind of a name as printed. Countries and their capitals (a capital that speaks is its
 * government: "Madrid said"), seats of power ("the White House", "the Kremlin"), names holding
 * an organisation word ("Ministry of …", "… Inc."), acronyms; a person otherwise.
 */
export function kindOfName(name: string): ActorKind {
  const f = fold(name).replace(/^the /, '');
  if (F_COUNTRIES.has(f)) return 'COUNTRY';
  if (F_CAPITALS.has(f)) return 'GOVERNMENT';
  const ws = f.split(/\s+/);
  if (F_SEATS.has(f)) return F_GOV.has(f) ? 'GOVERNMENT' : 'ORGANIZATION';
  if (ws.some((w) => F_GOV.has(w))) return 'GOVERNMENT';
  if (ws.some((w) => F_ORG.has(w))) return 'ORGANIZATION';
  // acronyms: NATO, PSOE, UEFA (two capitals at least, no lowercase)
  if (/^[\p{Lu}&.]{2,8}$/u.test(name.replace(/\s/g, '')) && !/^(?:\p{Lu}\.)+$/u.test(name)) return 'ORGANIZATION';
  return 'PERSON';
}

export function isCountryOrCapital(name: string): boolean {
  const f = fold(name);
  return F_COUNTRIES.has(f) || F_CAPITALS.has(f);
}
