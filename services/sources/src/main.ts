import 'reflect-metadata';
import { runSubgraphMain } from '@newsgraph/kit';
import { createSourcesDataSource } from './data-source';
import { createSourcesSubgraph } from './subgraph';

/** `node dist/main.js migrate` applies pending migrations; `node dist/main.js [serve]` serves the sources subgraph. */
runSubgraphMain({
  name: 'sources',
  createDataSource: (url, statementTimeoutMs) => createSourcesDataSource(url, undefined, statementTimeoutMs),
  createServer: (deps) => createSourcesSubgraph(deps),
});
