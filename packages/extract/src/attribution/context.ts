import type { Lexicon } from '../lexicon/types';
import type { Registry } from '../entities/registry';
import type { Quotation } from '../types';
import type { Frame } from './frame';
import type { Resolved, SpeakerHistory } from './resolve';

/** What the attribution rules share while walking one article. */
export interface Context {
  text: string;
  lex: Lexicon;
  registry: Registry;
  history: SpeakerHistory[];
  /** publication day YYYY-MM-DD, when known */
  published?: string;
  /** the last attributed quotation: a quote with no cue of its own may continue it */
  last?: { resolved: Resolved; frame: Frame; saidAt?: string; venue?: string; cue?: string; cueText?: string };
  quotations: Quotation[];
  /** every sentence of the article, by index */
  frames: Frame[];
}

/**
 * The same speaker going on in the next sentence ("Albares told Cadena SER radio that … “…,” he
 * said") is still speaking where and when the last attribution said.
 */
export function continuing(ctx: Context, resolved: Resolved, frame: Frame): { venue?: string; saidAt?: string } {
  const last = ctx.last;
  if (!last || !resolved.entity || last.resolved.entity !== resolved.entity || frame.index - last.frame.index > 1) return {};
  return { venue: last.venue, saidAt: last.saidAt };
}

export function remember(ctx: Context, resolved: Resolved, frame: Frame, position: number, q: Quotation): void {
  ctx.quotations.push(q);
  if (resolved.entity) ctx.history.push({ entity: resolved.entity, sentence: frame.index, position });
  if (resolved.speaker) ctx.last = { resolved, frame, saidAt: q.saidAt, venue: q.venue, cue: q.cue, cueText: q.cueText };
}
