import { logStartupFailure, observeProcess, stopOnSignals } from '@newsgraph/kit';
import { loadGatewayConfig } from './config';
import { createGateway } from './create-gateway';

/** The only impure file of the gateway: environment, port, signals, exit codes. */
async function main(): Promise<void> {
  const config = loadGatewayConfig(process.env);
  // the gateway hands span contexts on explicitly (observability.ts): no async context manager
  const observed = observeProcess('gateway', config.observability, { contextManager: false });
  const { logger } = observed;
  const gateway = createGateway({ ...config.gateway, logger });
  if (gateway.plannerFallbackReason) {
    logger.warn({ reason: gateway.plannerFallbackReason }, 'the Rust query planner cannot load here; planning with the JavaScript planner');
  }
  const running = await gateway.listen(config.port, config.host);
  const { trusted, redisUrl } = config.gateway.persistedQueries;
  const { responseCache } = config.gateway;
  logger.info(
    {
      url: running.url,
      metricsUrl: running.metricsUrl,
      planner: gateway.planner,
      exportingSpans: observed.tracing.exporting,
      responseCache: !responseCache.enabled ? 'off' : redisUrl ? 'shared through Redis' : 'in this process',
      persistedQueries: trusted ? `trusted documents (${trusted.size})` : redisUrl ? 'automatic, shared through Redis' : 'automatic, in this process',
    },
    `gateway ready at ${running.url} (${gateway.planner} query planner)`,
  );
  process.send?.({ type: 'ready', service: 'gateway', url: running.url, port: running.port, metricsUrl: running.metricsUrl });
  stopOnSignals(
    'gateway',
    async () => {
      await running.close();
      await observed.shutdown();
    },
    undefined,
    logger,
  );
}

main().catch((e) => {
  logStartupFailure('gateway', e);
  process.exit(1);
});
