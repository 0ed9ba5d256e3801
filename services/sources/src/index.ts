export { buildSourcesSchema, createSourcesSubgraph, SourcesSubgraphDeps } from './subgraph';
export { createSourcesDataSource, sourcesMigrations } from './data-source';
