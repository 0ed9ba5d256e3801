export { buildStatementsSchema, createStatementsSubgraph } from './subgraph';
export { createStatementsDataSource } from './data-source';
export { createHttpActorsDirectory } from './rollup/actors-directory';
export type { ActorsDirectory, RollupInterval, RollupResult } from './rollup/actors-directory';
export { createFixedActorsDirectory } from './rollup/fixed-directory';
export { createStatementFeed, feedCursor } from './feed/feed.hub';
export type { StatementFeed, StatementFeedOptions } from './feed/feed.hub';
export type { FeedEvent } from './feed/feed.types';
