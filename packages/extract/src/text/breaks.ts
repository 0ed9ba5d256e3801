/**
 * A line break inside a sentence (text wrapped at a fixed width: "…in New York\nsaid that…") is
 * a space, not a paragraph. It is one when the line ends without closing a sentence and the next
 * line goes on in lowercase or with a digit; in a text that is wrapped throughout (most single
 * line breaks fall mid-sentence), any single line break that does not follow the end of a
 * sentence is. Two line breaks are always a paragraph.
 */
let lastText = '';
let lastWrapped = false;

function wrappedThroughout(text: string): boolean {
  if (text === lastText) return lastWrapped;
  let single = 0;
  let mid = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (text[i + 1] === '\n' || text[i - 1] === '\n') continue;
    single++;
    if (/[\p{L}\p{N},;]/u.test(text[i - 1] ?? '')) mid++;
  }
  lastText = text;
  lastWrapped = single >= 4 && mid / single >= 0.4;
  return lastWrapped;
}

export function isSoftBreak(text: string, i: number): boolean {
  if (text[i] !== '\n' || text[i + 1] === '\n' || text[i - 1] === '\n') return false;
  let p = i - 1;
  while (p >= 0 && (text[p] === ' ' || text[p] === '\t' || text[p] === '\r')) p--;
  const prev = text[p];
  const next = text[i + 1];
  if (prev === undefined || next === undefined) return false;
  if (/[\p{L}\p{N},;’'-]/u.test(prev) && /[\p{Ll}\p{N}]/u.test(next)) return true;
  return /[\p{L}\p{N},;’'-]/u.test(prev) && wrappedThroughout(text);
}
