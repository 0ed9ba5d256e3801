import 'reflect-metadata';
import { ConfigError, ensureDatabase, loadSubgraphConfig, NO_SECRET_WARNING, readUrl, stopOnSignals, SUBGRAPH_SECRET_HEADER } from '@newsgraph/kit';
import { createStatementsDataSource } from './data-source';
import { createHttpActorsDirectory } from './rollup/actors-directory';
import { createStatementsSubgraph } from './subgraph';

/** The only impure file: environment, ports, signals, exit codes. */
async function main(): Promise<void> {
  const config = loadSubgraphConfig(process.env, 'statements');
  const problems: string[] = [];
  const actorsUrl = readUrl(process.env, 'ACTORS_URL', ['http:', 'https:'], problems) ?? 'http://127.0.0.1:4001/graphql';
  if (problems.length) throw new ConfigError(problems);

  await ensureDatabase(config.databaseUrl);
  const dataSource = createStatementsDataSource(config.databaseUrl);
  await dataSource.initialize();
  if (process.argv[2] === 'migrate') {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    console.log(`statements: ${ran.length} migration(s) applied`);
    await dataSource.destroy();
    return;
  }
  if (await dataSource.showMigrations()) {
    await dataSource.destroy();
    throw new Error('statements: the database has pending migrations; run `node services/statements/dist/main.js migrate` first');
  }
  const server = await createStatementsSubgraph({
    dataSource,
    writeTokens: config.writeTokens,
    // actors' internal endpoints require the same secret as its GraphQL endpoint
    directory: createHttpActorsDirectory(
      actorsUrl,
      config.subgraphSecret ? { [SUBGRAPH_SECRET_HEADER]: config.subgraphSecret } : {},
    ),
    production: config.production,
    subgraphSecret: config.subgraphSecret,
  });
  if (!config.subgraphSecret) console.warn(`statements: ${NO_SECRET_WARNING}`);
  const running = await server.listen(config.port, config.host);
  console.log(`statements subgraph ready at ${running.url}`);
  process.send?.({ type: 'ready', service: 'statements', url: running.url, port: running.port });

  // close() completes the subscriptions and closes their sockets, then the live feed (its LISTEN connection)
  stopOnSignals('statements', async () => {
    await running.close();
    await dataSource.destroy();
  });
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
