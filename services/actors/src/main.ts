import 'reflect-metadata';
import { runSubgraphMain } from '@newsgraph/kit';
import { createActorsDataSource } from './data-source';
import { createActorsSubgraph } from './subgraph';

/** `node dist/main.js migrate` applies pending migrations; `node dist/main.js [serve]` serves the actors subgraph. */
runSubgraphMain({
  name: 'actors',
  createDataSource: (url, statementTimeoutMs) => createActorsDataSource(url, undefined, statementTimeoutMs),
  createServer: (deps) => createActorsSubgraph(deps),
});
