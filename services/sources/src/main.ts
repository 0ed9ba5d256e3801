import 'reflect-metadata';
import { ensureDatabase, loadSubgraphConfig, NO_SECRET_WARNING, stopOnSignals } from '@newsgraph/kit';
import { createSourcesDataSource } from './data-source';
import { createSourcesSubgraph } from './subgraph';

/**
 * The sources subgraph process. `node dist/main.js migrate` applies pending migrations and exits;
 * `node dist/main.js` serves (and refuses to when migrations are pending).
 */
async function main(command: string | undefined): Promise<void> {
  const config = loadSubgraphConfig(process.env, 'sources');
  await ensureDatabase(config.databaseUrl);
  const dataSource = createSourcesDataSource(config.databaseUrl);
  await dataSource.initialize();

  if (command === 'migrate') {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    console.log(`sources: ${applied.length ? `applied ${applied.map((m) => m.name).join(', ')}` : 'database is up to date'}`);
    await dataSource.destroy();
    return;
  }
  if (command !== undefined && command !== 'serve') {
    await dataSource.destroy();
    throw new Error(`Unknown command "${command}"; use "migrate" or no argument to serve`);
  }

  if (await dataSource.showMigrations()) {
    await dataSource.destroy();
    throw new Error('sources: the database has pending migrations; run `node services/sources/dist/main.js migrate` first');
  }

  const subgraph = await createSourcesSubgraph({
    dataSource,
    writeTokens: config.writeTokens,
    production: config.production,
    subgraphSecret: config.subgraphSecret,
  });
  if (!config.subgraphSecret) console.warn(`sources: ${NO_SECRET_WARNING}`);
  const running = await subgraph.listen(config.port, config.host);
  console.log(`sources subgraph ready at ${running.url}`);
  process.send?.({ type: 'ready', service: 'sources', url: running.url, port: running.port });
  stopOnSignals('sources', async () => {
    await running.close();
    await dataSource.destroy();
  });
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
