export { buildSourcesSchema, createSourcesSubgraph, SourcesSubgraphDeps } from './subgraph';
export { createSourcesDataSource, sourcesEntities, sourcesMigrations } from './data-source';
