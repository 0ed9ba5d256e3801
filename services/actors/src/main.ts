import 'reflect-metadata';
import { ensureDatabase, loadSubgraphConfig, logStartupFailure, NO_SECRET_WARNING, observeProcess, stopOnSignals } from '@newsgraph/kit';
import { createActorsDataSource } from './data-source';
import { createActorsSubgraph } from './subgraph';

/**
 * `node dist/main.js migrate` applies pending migrations and exits;
 * `node dist/main.js` serves the actors subgraph (and refuses to when migrations are pending).
 * The only file that reads the environment, opens ports or exits.
 */
async function main(): Promise<void> {
  const config = loadSubgraphConfig(process.env, 'actors');
  const observed = observeProcess('actors', config.observability);
  const { logger } = observed;
  await ensureDatabase(config.databaseUrl);
  // migrations may run long (an index over a large table); serving queries may not
  const dataSource = createActorsDataSource(config.databaseUrl, undefined, process.argv[2] === 'migrate' ? undefined : config.statementTimeoutMs);
  await dataSource.initialize();

  if (process.argv[2] === 'migrate') {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    logger.info({ applied: applied.map((m) => m.name) }, `migrations: ${applied.length ? applied.map((m) => m.name).join(', ') : 'none pending'}`);
    await dataSource.destroy();
    return;
  }

  if (await dataSource.showMigrations()) {
    await dataSource.destroy();
    throw new Error('the database has pending migrations: run `node services/actors/dist/main.js migrate` first');
  }

  const subgraph = await createActorsSubgraph({
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
  process.send?.({ type: 'ready', service: 'actors', url: running.url, port: running.port });

  stopOnSignals('actors', async () => {
    await running.close();
    await dataSource.destroy();
    await observed.shutdown();
  }, undefined, logger);
}

main().catch((e) => {
  logStartupFailure('actors', e);
  process.exit(1);
});
