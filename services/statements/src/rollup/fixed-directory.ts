import { ActorsDirectory, PathResult, RollupInterval, RollupResult } from './actors-directory';

/**
 * An actors directory answering from a fixed list of roll-up intervals, for tests of this
 * subgraph alone (the real roll-up is the actors subgraph's, tested there and end to end).
 * `topLevel` names the targets that count as top-level actors; an actor's top-level intervals are
 * then its intervals in those targets' roll-ups. A path is one direct step (the real paths are
 * the actors subgraph's).
 */
export function createFixedActorsDirectory(
  rollups: Record<string, RollupInterval[]>,
  options: { topLevel?: readonly string[] } = {},
): ActorsDirectory & { calls: number } {
  const within = (i: RollupInterval, on: string) => (!i.from || on >= i.from) && (!i.to || on < i.to);
  const directory = {
    calls: 0,
    async rollup(targets: readonly string[]) {
      directory.calls += 1;
      return new Map<string, RollupResult>(targets.map((t) => [t, rollups[t] ? { exists: true, intervals: rollups[t] } : { exists: false, intervals: [] }]));
    },
    async paths(items: readonly { actor: string; to: string; on: string }[]): Promise<PathResult[]> {
      directory.calls += 1;
      return items.map(({ actor, to, on }) => {
        if (!rollups[to]) return { targetExists: false, steps: null };
        if (actor === to) return { targetExists: true, steps: [] };
        const holds = rollups[to].some((i) => i.actor === actor && within(i, on));
        return {
          targetExists: true,
          steps: holds ? [{ child: actor, parent: to, relation: 'PART_OF' as const, role: null, from: null, to: null }] : null,
        };
      });
    },
    async topLevel(actors: readonly string[]) {
      directory.calls += 1;
      return new Map(
        actors.map((a) => [
          a,
          (options.topLevel ?? []).flatMap((t) => (rollups[t] ?? []).filter((i) => i.actor === a).map((i) => ({ actor: t, from: i.from, to: i.to }))),
        ]),
      );
    },
  };
  return directory;
}
