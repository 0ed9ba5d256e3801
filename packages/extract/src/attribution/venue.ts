import type { Lexicon } from '../lexicon/types';
import type { FrameToken } from './frame';

const MEDIUM = /^(radio|television|tv|newspaper|daily|podcast|channel|network|radio station|radio|televisión|cadena|emisora|diario|periódico)$/;

/** A capitalised run from `i` ("Cadena SER", "El País"), with a medium word after it ("radio"). */
const MONTHS =
  /^(january|february|march|april|may|june|july|august|september|october|november|december|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)$/;

function properRun(tokens: FrameToken[], i: number, lex: Lexicon): string | undefined {
  if (!tokens[i] || lex.weekdays.includes(tokens[i].lower) || MONTHS.test(tokens[i].lower)) return undefined;
  let j = i;
  while (j < tokens.length && tokens[j].word && (tokens[j].cap || (j > i && lex.nameConnectors.has(tokens[j].lower) && tokens[j + 1]?.cap))) j++;
  if (j === i) return undefined;
  if (tokens[j] && MEDIUM.test(tokens[j].lower)) j++;
  return tokens
    .slice(i, j)
    .map((t) => t.text)
    .join(' ');
}

/**
 * Where the words were said, from the attribution: "told Cadena SER radio", "in an interview with
 * El País", "in a statement", "en declaraciones a la Cadena SER", "en un comunicado".
 */
export function venueFrom(tokens: FrameToken[], lex: Lexicon): string | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i].lower;
    if ((w === 'told' || w === 'tells') && tokens[i + 1]?.cap) {
      const v = properRun(tokens, i + 1, lex);
      if (v) return v;
    }
    for (const intro of lex.venueIntroducers) {
      if (intro.length < 2 && intro[0] !== 'on' && intro[0] !== 'en') continue;
      if (!intro.every((x, k) => tokens[i + k]?.lower === x)) continue;
      let j = i + intro.length;
      if (tokens[j] && lex.determiners.has(tokens[j].lower) && tokens[j + 1]?.cap) j++;
      const v = tokens[j]?.cap ? properRun(tokens, j, lex) : undefined;
      if (v) return v;
    }
    // "in a statement", "at a news conference", "en un comunicado"
    if ((w === 'in' || w === 'at' || w === 'en' || w === 'durante') && tokens[i + 1] && lex.determiners.has(tokens[i + 1].lower)) {
      for (let n = 3; n >= 1; n--) {
        const phrase = tokens
          .slice(i + 2, i + 2 + n)
          .map((t) => t.lower)
          .join(' ');
        if (lex.venueNouns.has(phrase)) return phrase;
      }
    }
  }
  return undefined;
}
