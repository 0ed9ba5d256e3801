import 'reflect-metadata';
import { ensureDatabase, loadSubgraphConfig, logStartupFailure, NO_SECRET_WARNING, observeProcess, stopOnSignals } from '@newsgraph/kit';
import { createSourcesDataSource } from './data-source';
import { createSourcesSubgraph } from './subgraph';

/**
 * The sources subgraph process. `node dist/main.js migrate` applies pending migrations and exits;
 * `node dist/main.js` serves (and refuses to when migrations are pending).
 */
async function main(command: string | undefined): Promise<void> {
  const config = loadSubgraphConfig(process.env, 'sources');
  const observed = observeProcess('sources', config.observability);
  const { logger } = observed;
  await ensureDatabase(config.databaseUrl);
  // migrations may run long (an index over a large table); serving queries may not
  const dataSource = createSourcesDataSource(config.databaseUrl, undefined, command === 'migrate' ? undefined : config.statementTimeoutMs);
  await dataSource.initialize();

  if (command === 'migrate') {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    logger.info({ applied: applied.map((m) => m.name) }, applied.length ? `applied ${applied.map((m) => m.name).join(', ')}` : 'database is up to date');
    await dataSource.destroy();
    return;
  }
  if (command !== undefined && command !== 'serve') {
    await dataSource.destroy();
    throw new Error(`Unknown command "${command}"; use "migrate" or no argument to serve`);
  }

  if (await dataSource.showMigrations()) {
    await dataSource.destroy();
    throw new Error('the database has pending migrations; run `node services/sources/dist/main.js migrate` first');
  }

  const subgraph = await createSourcesSubgraph({
    dataSource,
    writeTokens: config.writeTokens,
    production: config.production,
    subgraphSecret: config.subgraphSecret,
    logger,
    metricsToken: config.observability.metricsToken,
    listenerLimits: config.listenerLimits,
  });
  if (!config.subgraphSecret) logger.warn(NO_SECRET_WARNING);
  const running = await subgraph.listen(config.port, config.host);
  logger.info({ url: running.url, exportingSpans: observed.tracing.exporting }, `subgraph ready at ${running.url}`);
  process.send?.({ type: 'ready', service: 'sources', url: running.url, port: running.port });
  stopOnSignals('sources', async () => {
    await running.close();
    await dataSource.destroy();
    await observed.shutdown();
  }, undefined, logger);
}

main(process.argv[2]).catch((error: unknown) => {
  logStartupFailure('sources', error);
  process.exit(1);
});
