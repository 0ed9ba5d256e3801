import { ActorsDirectory, RollupInterval, RollupResult } from './actors-directory';

/**
 * An actors directory answering from a fixed list of roll-up intervals, for tests of this
 * subgraph alone (the real roll-up is the actors subgraph's, tested there and end to end).
 */
export function createFixedActorsDirectory(rollups: Record<string, RollupInterval[]>): ActorsDirectory & { calls: number } {
  const directory = {
    calls: 0,
    async rollup(targets: readonly string[]) {
      directory.calls += 1;
      return new Map<string, RollupResult>(
        targets.map((t) => [t, rollups[t] ? { exists: true, intervals: rollups[t] } : { exists: false, intervals: [] }]),
      );
    },
    async ancestors(items: readonly { actor: string; on: string }[]) {
      directory.calls += 1;
      return items.map(({ actor, on }) =>
        Object.entries(rollups)
          .filter(([, intervals]) => intervals.some((i) => i.actor === actor && (!i.from || on >= i.from) && (!i.to || on < i.to)))
          .map(([target]) => target),
      );
    },
  };
  return directory;
}
