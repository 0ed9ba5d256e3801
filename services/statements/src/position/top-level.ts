import type DataLoader from 'dataloader';
import { RollupInterval } from '../rollup/actors-directory';

/** What deciding a statement's top-level actors needs of it. */
export interface SpokenBy {
  speakerKey: string;
  onBehalfOfKey: string | null;
  /** the day it was said, YYYY-MM-DD */
  saidOn: string;
}

/**
 * The top-level actors a statement is by: those its speaker or its `onBehalfOf` actor rolls up to
 * on the day it was said, stopping at the first top-level actor on each way up (the actors
 * subgraph's rule: no `partOf`, not a person). A statement that reaches none (a person speaking
 * for no organisation that day) has its speaker as its top-level actor, so no statement drops out
 * of a "who" view. Sorted by key.
 */
export function topLevelOf(s: SpokenBy, intervals: (actor: string) => readonly RollupInterval[]): string[] {
  const found = new Set<string>();
  for (const actor of s.onBehalfOfKey ? [s.speakerKey, s.onBehalfOfKey] : [s.speakerKey]) {
    for (const i of intervals(actor)) {
      if ((i.from === null || s.saidOn >= i.from) && (i.to === null || s.saidOn < i.to)) found.add(i.actor);
    }
  }
  if (found.size === 0) found.add(s.speakerKey);
  return [...found].sort();
}

/** Loads the top-level intervals of every actor the rows name (one request), then applies topLevelOf. */
export async function topLevelOfAll(rows: readonly SpokenBy[], loader: DataLoader<string, RollupInterval[]>): Promise<string[][]> {
  const actors = new Set<string>();
  for (const r of rows) {
    actors.add(r.speakerKey);
    if (r.onBehalfOfKey) actors.add(r.onBehalfOfKey);
  }
  const keys = [...actors];
  const loaded = await loader.loadMany(keys);
  const byActor = new Map<string, RollupInterval[]>();
  keys.forEach((k, n) => {
    const v = loaded[n];
    if (v instanceof Error) throw v;
    byActor.set(k, v);
  });
  return rows.map((r) => topLevelOf(r, (a) => byActor.get(a) ?? []));
}
