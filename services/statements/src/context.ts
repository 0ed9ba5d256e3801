import { Caller } from '@newsgraph/kit';
import { DataSource } from 'typeorm';
import { createClaimLoaders } from './claim/claim.loaders';
import type { StatementFeed } from './feed/feed.hub';
import type { NodeOwners } from './node/node-owners';
import { ActorsDirectory } from './rollup/actors-directory';
import { createDirectoryLoaders } from './rollup/directory.loaders';
import { CountCache } from './statement/count-cache';
import type { ExternalReferences } from './statement/external-references';
import { createStatementLoaders } from './statement/statement.loaders';
import { createTopicLoaders } from './topic/topic.loaders';

export type StatementsLoaders = ReturnType<typeof createLoaders>;

/** Everything a resolver may need; the loaders are new for every request. */
export interface StatementsContext {
  caller: Caller;
  db: DataSource;
  directory: ActorsDirectory;
  /** the live feed of this process (subscriptions) */
  feed: StatementFeed;
  loaders: StatementsLoaders;
  /** list counts of this process, kept until the next write (optional: tests may leave it out) */
  counts?: CountCache;
  /** who to ask whether another subgraph's entity exists (`node(id:)`); absent: ids are trusted */
  owners?: NodeOwners;
  /** checks that the speakers and sources a write names exist (optional: tests of this subgraph alone) */
  external?: ExternalReferences;
}

/** One request's DataLoaders, from the rooms that own them. */
export function createLoaders(db: DataSource, directory: ActorsDirectory, owners?: NodeOwners) {
  const remote = createDirectoryLoaders(directory, owners);
  return {
    ...remote,
    ...createStatementLoaders(db, remote.rollup),
    ...createClaimLoaders(db),
    ...createTopicLoaders(db),
  };
}
