export { buildActorsSchema, createActorsSubgraph } from './subgraph';
export { createActorsDataSource, actorsMigrations } from './data-source';
export { RollupService } from './rollup/rollup.service';
export type { RollupResult, AncestorsItem } from './rollup/rollup.service';
export type { RollupInterval } from './rollup/rollup.rules';
