import 'reflect-metadata';
import { runSubgraphMain, SUBGRAPH_SECRET_HEADER } from '@newsgraph/kit';
import { loadStatementsConfig } from './config';
import { createStatementsDataSource } from './data-source';
import { createHttpNodeOwners } from './node/node-owners';
import { createHttpActorsDirectory } from './rollup/actors-directory';
import { createHttpExternalReferences } from './statement/external-references';
import { createStatementsSubgraph } from './subgraph';

/** `node dist/main.js migrate` applies pending migrations; `node dist/main.js [serve]` serves the statements subgraph. */
runSubgraphMain({
  name: 'statements',
  loadConfig: loadStatementsConfig,
  createDataSource: (url, statementTimeoutMs) => createStatementsDataSource(url, undefined, statementTimeoutMs),
  createServer: (deps, { config }) => {
    // actors' internal endpoints require the same secret as its GraphQL endpoint
    const secretHeader: Record<string, string> = config.subgraphSecret ? { [SUBGRAPH_SECRET_HEADER]: config.subgraphSecret } : {};
    return createStatementsSubgraph({
      ...deps,
      countCache: config.countCache,
      directory: createHttpActorsDirectory(config.actorsUrl, secretHeader),
      // `node(id:)` asks the owners of actors, sources and outlets whether an id exists
      owners: createHttpNodeOwners({ actors: config.actorsUrl, sources: config.sourcesUrl }, secretHeader),
      externalReferences: createHttpExternalReferences(config.actorsUrl, config.sourcesUrl, secretHeader),
    });
  },
});
