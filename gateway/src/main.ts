import {
  ConfigError,
  DEFAULT_PORTS,
  logStartupFailure,
  observeProcess,
  readObservability,
  readPort,
  readSwitch,
  readUrl,
  stopOnSignals,
} from '@newsgraph/kit';
import { createGateway } from './create-gateway';
import { QueryPlanner } from './planner';

/** The only impure file of the gateway: environment, port, signals, exit codes. */
async function main(): Promise<void> {
  const env = process.env;
  const problems: string[] = [];
  const port = readPort(env, 'GATEWAY_PORT', DEFAULT_PORTS.gateway, problems);
  const web = ['http:', 'https:'];
  const subgraphUrls = {
    actors: readUrl(env, 'ACTORS_URL', web, problems) ?? `http://127.0.0.1:${DEFAULT_PORTS.actors}/graphql`,
    statements: readUrl(env, 'STATEMENTS_URL', web, problems) ?? `http://127.0.0.1:${DEFAULT_PORTS.statements}/graphql`,
    sources: readUrl(env, 'SOURCES_URL', web, problems) ?? `http://127.0.0.1:${DEFAULT_PORTS.sources}/graphql`,
  };
  const positive = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n <= 0) problems.push(`${name} must be a positive integer, got "${raw}"`);
    return n;
  };
  const rateLimit = { limit: positive('NEWSGRAPH_WRITE_RATE_LIMIT', 30), windowMs: positive('NEWSGRAPH_WRITE_RATE_WINDOW_MS', 10_000) };
  const upstreamTimeout = positive('NEWSGRAPH_UPSTREAM_TIMEOUT_MS', 10_000);
  const deduplicateInflight = readSwitch(env, 'NEWSGRAPH_DEDUPE_INFLIGHT', true, problems);
  const production = env.NODE_ENV === 'production';
  const subgraphSecret = env.NEWSGRAPH_SUBGRAPH_SECRET || undefined;
  if (production && !subgraphSecret) problems.push('NEWSGRAPH_SUBGRAPH_SECRET is required in production');
  const plannerChoice = (env.NEWSGRAPH_QUERY_PLANNER || 'auto') as QueryPlanner;
  if (!['auto', 'rust', 'js'].includes(plannerChoice)) problems.push(`NEWSGRAPH_QUERY_PLANNER must be auto, rust or js, got "${plannerChoice}"`);
  const observability = readObservability(env, 'gateway', problems);
  if (problems.length) throw new ConfigError(problems);
  const observed = observeProcess('gateway', observability);
  const { logger } = observed;
  const gateway = createGateway({
    subgraphUrls,
    production,
    subgraphSecret,
    rateLimit,
    upstreamTimeout,
    planner: plannerChoice,
    deduplicateInflight,
    allowedOrigins: (env.NEWSGRAPH_ALLOWED_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    logger,
    metricsToken: observability.metricsToken,
    reviewQueueDir: env.NEWSGRAPH_REVIEW_QUEUE || undefined,
  });
  if (gateway.plannerFallbackReason) {
    logger.warn({ reason: gateway.plannerFallbackReason }, 'the Rust query planner cannot load here; planning with the JavaScript planner');
  }
  const running = await gateway.listen(port, env.GATEWAY_HOST || '127.0.0.1');
  logger.info(
    { url: running.url, planner: gateway.planner, exportingSpans: observed.tracing.exporting },
    `gateway ready at ${running.url} (${gateway.planner} query planner)`,
  );
  process.send?.({ type: 'ready', service: 'gateway', url: running.url, port: running.port });
  stopOnSignals('gateway', async () => {
    await running.close();
    await observed.shutdown();
  }, undefined, logger);
}

main().catch((e) => {
  logStartupFailure('gateway', e);
  process.exit(1);
});
