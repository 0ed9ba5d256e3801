import { parseGlobalId } from '@newsgraph/kit';
import DataLoader from 'dataloader';
import type { NodeOwners } from '../node/node-owners';
import { ActorsDirectory, PathResult, RollupInterval, RollupResult } from './actors-directory';

/**
 * What one request asks other subgraphs, batched: roll-ups, top-level actors and roll-up paths
 * from the actors subgraph, and whether a foreign node exists (`node(id:)`).
 */
export function createDirectoryLoaders(directory: ActorsDirectory, owners?: NodeOwners) {
  const rollup = new DataLoader<string, RollupResult>(async (keys) => {
    const found = await directory.rollup(keys);
    return keys.map((k) => found.get(k) ?? { exists: false, intervals: [] });
  });

  /** Whether another subgraph has this entity, keyed by global id; one request per owner and batch. */
  const foreignNodeKnown = new DataLoader<string, boolean>(async (ids) => {
    if (!owners) return ids.map(() => true);
    return owners.known(ids.map((id) => parseGlobalId(id)));
  });

  /** Per actor: its top-level actors and when (position/top-level.ts); one request to actors per batch. */
  const topLevel = new DataLoader<string, RollupInterval[]>(
    async (keys) => {
      const found = await directory.topLevel(keys);
      return keys.map((k) => found.get(k) ?? []);
    },
    { maxBatchSize: 10_000 },
  );

  /** Roll-up paths, keyed `actor␟target␟day` (attribution/); one request to actors per batch. */
  const path = new DataLoader<string, PathResult>(
    async (ids) =>
      directory.paths(
        ids.map((id) => {
          const [actor, to, on] = id.split('\u001f');
          return { actor, to, on };
        }),
      ),
    { maxBatchSize: 10_000 },
  );

  return { rollup, foreignNodeKnown, topLevel, path };
}
