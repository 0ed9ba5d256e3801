export { buildStatementsSchema, createStatementsSubgraph } from './subgraph';
export { createStatementsDataSource } from './data-source';
export { createHttpActorsDirectory } from './rollup/actors-directory';
export type { ActorsDirectory, RollupInterval, RollupResult } from './rollup/actors-directory';
export { createFixedActorsDirectory } from './rollup/fixed-directory';
