import { badInput } from './errors';

/** Longest search text accepted, in characters: a search, not a document. */
export const MAX_SEARCH_LENGTH = 500;
/** Most words in a full-text search: each is one more term PostgreSQL matches against every vector. */
export const MAX_SEARCH_TERMS = 32;

/**
 * Checks a search argument before it reaches SQL: no NUL (PostgreSQL text cannot hold it), at
 * most MAX_SEARCH_LENGTH characters and, for full-text search, MAX_SEARCH_TERMS words. 68 KB of
 * distinct words once cost 4 s of database time per request; 100 KB of one word overflowed the
 * text-search parser's stack.
 */
export function checkSearch(argument: string, value: string, fullText = false): string {
  if (value.includes('\u0000')) throw badInput(argument, 'must not contain the NUL character (U+0000)');
  const length = [...value].length;
  if (length > MAX_SEARCH_LENGTH) throw badInput(argument, `at most ${MAX_SEARCH_LENGTH} characters, got ${length}`);
  if (fullText) {
    const terms = value.split(/[\s"()|&!:*<>-]+/u).filter((w) => w !== '' && !/^or$/i.test(w)).length;
    if (terms > MAX_SEARCH_TERMS) throw badInput(argument, `at most ${MAX_SEARCH_TERMS} words, got ${terms}`);
  }
  return value;
}
