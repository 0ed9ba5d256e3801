import 'reflect-metadata';
import { runSubgraphMain } from '@newsgraph/kit';
import { loadAlertsConfig } from './config';
import { createAlertsDataSource } from './data-source';
import { Deliverer } from './delivery/deliverer';
import { GatewayLink } from './gateway-link';
import { createAlertsSubgraph } from './subgraph';
import { WebhookStore } from './webhook/webhook.store';

/**
 * `node dist/main.js migrate` applies pending migrations; `node dist/main.js [serve]` serves the
 * webhooks subgraph and runs their deliverer beside it.
 */
runSubgraphMain({
  name: 'alerts',
  loadConfig: loadAlertsConfig,
  createDataSource: createAlertsDataSource,
  createServer: async (deps, { config, observed }) => {
    const gateway = new GatewayLink(config.gatewayUrl);
    // npm start and the tests start the gateway after the subgraphs and say where it listens
    process.on('message', (m: { type?: string; url?: string }) => {
      if (m?.type === 'gateway' && typeof m.url === 'string') gateway.set(m.url);
    });
    const deliverer = new Deliverer({
      store: new WebhookStore(deps.dataSource),
      gateway,
      databaseUrl: config.databaseUrl,
      metrics: observed.metrics,
      logger: observed.logger,
      retryBaseMs: config.retryBaseMs,
      maxAttempts: config.maxAttempts,
      timeoutMs: config.timeoutMs,
      allowPrivate: config.allowPrivateReceivers,
    });
    const server = await createAlertsSubgraph({
      ...deps,
      gateway,
      allowPrivateReceivers: config.allowPrivateReceivers,
      changed: () => deliverer.changed(),
    });
    return { server, started: () => deliverer.start(), stopping: () => deliverer.stop() };
  },
});
