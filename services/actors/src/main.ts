import 'reflect-metadata';
import { ConfigError, ensureDatabase, loadSubgraphConfig, NO_SECRET_WARNING, stopOnSignals } from '@newsgraph/kit';
import { createActorsDataSource } from './data-source';
import { createActorsSubgraph } from './subgraph';

/**
 * `node dist/main.js migrate` applies pending migrations and exits;
 * `node dist/main.js` serves the actors subgraph (and refuses to when migrations are pending).
 * The only file that reads the environment, opens ports or exits.
 */
async function main(): Promise<void> {
  const config = loadSubgraphConfig(process.env, 'actors');
  await ensureDatabase(config.databaseUrl);
  const dataSource = createActorsDataSource(config.databaseUrl);
  await dataSource.initialize();

  if (process.argv[2] === 'migrate') {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    console.log(`[actors] migrations: ${applied.length ? applied.map((m) => m.name).join(', ') : 'none pending'}`);
    await dataSource.destroy();
    return;
  }

  if (await dataSource.showMigrations()) {
    await dataSource.destroy();
    console.error('[actors] the database has pending migrations: run `node services/actors/dist/main.js migrate` first');
    process.exit(1);
  }

  const subgraph = await createActorsSubgraph({
    dataSource,
    writeTokens: config.writeTokens,
    production: config.production,
    subgraphSecret: config.subgraphSecret,
  });
  if (!config.subgraphSecret) console.warn(`[actors] ${NO_SECRET_WARNING}`);
  const running = await subgraph.listen(config.port, config.host);
  console.log(`[actors] subgraph ready at ${running.url}`);
  process.send?.({ type: 'ready', service: 'actors', url: running.url, port: running.port });

  stopOnSignals('actors', async () => {
    await running.close();
    await dataSource.destroy();
  });
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
