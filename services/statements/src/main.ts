import 'reflect-metadata';
import {
  ConfigError,
  ensureDatabase,
  loadSubgraphConfig,
  logStartupFailure,
  NO_SECRET_WARNING,
  observeProcess,
  readSwitch,
  readUrl,
  stopOnSignals,
  SUBGRAPH_SECRET_HEADER,
  SubgraphConfig,
} from '@newsgraph/kit';
import { createStatementsDataSource } from './data-source';
import { createHttpNodeOwners } from './node/node-owners';
import { createHttpActorsDirectory } from './rollup/actors-directory';
import { createStatementsSubgraph } from './subgraph';
import { createHttpExternalReferences } from './statement/external-references';

/** The subgraph's configuration plus ACTORS_URL, SOURCES_URL and NEWSGRAPH_COUNT_CACHE, every problem listed at once. */
function loadConfig(env: NodeJS.ProcessEnv): { config: SubgraphConfig; actorsUrl: string; sourcesUrl: string; countCache: boolean } {
  const problems: string[] = [];
  const actorsUrl = readUrl(env, 'ACTORS_URL', ['http:', 'https:'], problems) ?? 'http://127.0.0.1:4001/graphql';
  const sourcesUrl = readUrl(env, 'SOURCES_URL', ['http:', 'https:'], problems) ?? 'http://127.0.0.1:4003/graphql';
  const countCache = readSwitch(env, 'NEWSGRAPH_COUNT_CACHE', true, problems);
  let config: SubgraphConfig;
  try {
    config = loadSubgraphConfig(env, 'statements');
  } catch (e) {
    throw e instanceof ConfigError ? new ConfigError([...e.problems, ...problems]) : e;
  }
  if (problems.length) throw new ConfigError(problems);
  return { config, actorsUrl, sourcesUrl, countCache };
}

/** The only impure file: environment, ports, signals, exit codes. */
async function main(): Promise<void> {
  const { config, actorsUrl, sourcesUrl, countCache } = loadConfig(process.env);
  const observed = observeProcess('statements', config.observability);
  const { logger } = observed;

  await ensureDatabase(config.databaseUrl);
  // migrations may run long (an index over a large table); serving queries may not
  const dataSource = createStatementsDataSource(config.databaseUrl, undefined, process.argv[2] === 'migrate' ? undefined : config.statementTimeoutMs);
  await dataSource.initialize();
  if (process.argv[2] === 'migrate') {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    logger.info({ applied: ran.map((m) => m.name) }, `${ran.length} migration(s) applied`);
    await dataSource.destroy();
    return;
  }
  if (await dataSource.showMigrations()) {
    await dataSource.destroy();
    throw new Error('the database has pending migrations; run `node services/statements/dist/main.js migrate` first');
  }
  const secretHeader: Record<string, string> = config.subgraphSecret ? { [SUBGRAPH_SECRET_HEADER]: config.subgraphSecret } : {};
  const server = await createStatementsSubgraph({
    countCache,
    dataSource,
    writeTokens: config.writeTokens,
    // actors' internal endpoints require the same secret as its GraphQL endpoint
    directory: createHttpActorsDirectory(actorsUrl, secretHeader),
    // `node(id:)` asks the owners of actors, sources and outlets whether an id exists
    owners: createHttpNodeOwners({ actors: actorsUrl, sources: sourcesUrl }, secretHeader),
    externalReferences: createHttpExternalReferences(actorsUrl, sourcesUrl, secretHeader),
    production: config.production,
    subgraphSecret: config.subgraphSecret,
    logger,
    metricsToken: config.observability.metricsToken,
    listenerLimits: config.listenerLimits,
  });
  if (!config.subgraphSecret) logger.warn(NO_SECRET_WARNING);
  const running = await server.listen(config.port, config.host);
  logger.info({ url: running.url, exportingSpans: observed.tracing.exporting }, `subgraph ready at ${running.url}`);
  process.send?.({ type: 'ready', service: 'statements', url: running.url, port: running.port });

  // close() completes the subscriptions and closes their sockets, then the live feed (its LISTEN connection)
  stopOnSignals('statements', async () => {
    await running.close();
    await dataSource.destroy();
    await observed.shutdown();
  }, undefined, logger);
}

main().catch((e) => {
  logStartupFailure('statements', e);
  process.exit(1);
});
