import 'reflect-metadata';
import { ensureDatabase, logStartupFailure, NO_SECRET_WARNING, observeProcess, stopOnSignals } from '@newsgraph/kit';
import { loadAlertsConfig } from './config';
import { createAlertsDataSource } from './data-source';
import { Deliverer } from './delivery/deliverer';
import { GatewayLink } from './gateway-link';
import { createAlertsSubgraph } from './subgraph';
import { WebhookStore } from './webhook/webhook.store';

/**
 * The alerts process: the webhooks subgraph and their deliverer. `node dist/main.js migrate`
 * applies pending migrations and exits; `node dist/main.js` serves.
 */
async function main(command: string | undefined): Promise<void> {
  const config = loadAlertsConfig(process.env);
  const observed = observeProcess('alerts', config.observability);
  const { logger } = observed;
  await ensureDatabase(config.databaseUrl);
  const dataSource = createAlertsDataSource(config.databaseUrl);
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
    throw new Error('the database has pending migrations; run `node services/alerts/dist/main.js migrate` first');
  }

  const gateway = new GatewayLink(config.gatewayUrl);
  // npm start and the tests start the gateway after the subgraphs and say where it listens
  process.on('message', (m: { type?: string; url?: string }) => {
    if (m?.type === 'gateway' && typeof m.url === 'string') gateway.set(m.url);
  });
  const deliverer = new Deliverer({
    store: new WebhookStore(dataSource),
    gateway,
    databaseUrl: config.databaseUrl,
    metrics: observed.metrics,
    logger,
    retryBaseMs: config.retryBaseMs,
    maxAttempts: config.maxAttempts,
    timeoutMs: config.timeoutMs,
    allowPrivate: config.allowPrivateReceivers,
  });
  const subgraph = await createAlertsSubgraph({
    dataSource,
    writeTokens: config.writeTokens,
    gateway,
    allowPrivateReceivers: config.allowPrivateReceivers,
    changed: () => deliverer.changed(),
    production: config.production,
    subgraphSecret: config.subgraphSecret,
    logger,
    metrics: observed.metrics,
    metricsToken: config.observability.metricsToken,
  });
  if (!config.subgraphSecret) logger.warn(NO_SECRET_WARNING);
  const running = await subgraph.listen(config.port, config.host);
  deliverer.start();
  logger.info({ url: running.url, exportingSpans: observed.tracing.exporting }, `subgraph ready at ${running.url}`);
  process.send?.({ type: 'ready', service: 'alerts', url: running.url, port: running.port });
  stopOnSignals('alerts', async () => {
    await deliverer.stop();
    await running.close();
    await dataSource.destroy();
    await observed.shutdown();
  }, undefined, logger);
}

main(process.argv[2]).catch((error: unknown) => {
  logStartupFailure('alerts', error);
  process.exit(1);
});
