import {
  ConfigError,
  DEFAULT_PORTS,
  logStartupFailure,
  observeProcess,
  readObservability,
  readPort,
  readListenerLimits,
  readSwitch,
  readTokens,
  readUrl,
  stopOnSignals,
} from '@newsgraph/kit';
import { createGateway } from './create-gateway';
import { loadTrustedDocuments } from './http/persisted-queries';
import { QueryPlanner } from './planner';
import { readResponseCacheConfig } from './cache';

/** OpenTelemetry's Prometheus exporter port, the usual place to look for a process's metrics. */
const DEFAULT_METRICS_PORT = 9464;
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

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
    alerts: readUrl(env, 'ALERTS_URL', web, problems) ?? `http://127.0.0.1:${DEFAULT_PORTS.alerts}/graphql`,
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
  const subscriptionCaps = {
    perSocket: positive('NEWSGRAPH_WS_SUBSCRIPTIONS_PER_SOCKET', 50),
    perClient: positive('NEWSGRAPH_WS_SUBSCRIPTIONS_PER_CLIENT', 200),
  };
  const deduplicateInflight = readSwitch(env, 'NEWSGRAPH_DEDUPE_INFLIGHT', true, problems);
  const production = env.NODE_ENV === 'production';
  const subgraphSecret = env.NEWSGRAPH_SUBGRAPH_SECRET || undefined;
  if (production && !subgraphSecret) problems.push('NEWSGRAPH_SUBGRAPH_SECRET is required in production');
  const plannerChoice = (env.NEWSGRAPH_QUERY_PLANNER || 'auto') as QueryPlanner;
  if (!['auto', 'rust', 'js'].includes(plannerChoice)) problems.push(`NEWSGRAPH_QUERY_PLANNER must be auto, rust or js, got "${plannerChoice}"`);
  const observability = readObservability(env, 'gateway', problems);
  const listenerLimits = readListenerLimits(env, problems);
  // /metrics has a listener of its own, on loopback unless told otherwise; with GATEWAY_PORT=0
  // (tests, tools) it takes a free port too, so that several gateways can run side by side
  const metricsPort = readPort(env, 'GATEWAY_METRICS_PORT', port === 0 ? 0 : DEFAULT_METRICS_PORT, problems);
  const metricsHost = env.GATEWAY_METRICS_HOST || '127.0.0.1';
  if (production && !LOOPBACK.has(metricsHost) && !observability.metricsToken) {
    problems.push(`GATEWAY_METRICS_HOST=${metricsHost} exposes /metrics beyond this machine: set NEWSGRAPH_METRICS_TOKEN in production`);
  }
  const redisUrl = readUrl(env, 'REDIS_URL', ['redis:', 'rediss:'], problems);
  const responseCache = readResponseCacheConfig(env, redisUrl, problems);
  let trusted: Map<string, string> | undefined;
  if (env.NEWSGRAPH_TRUSTED_DOCUMENTS) {
    try {
      trusted = loadTrustedDocuments(env.NEWSGRAPH_TRUSTED_DOCUMENTS);
    } catch (e) {
      problems.push(e instanceof Error ? e.message : String(e));
    }
  }
  if (problems.length) throw new ConfigError(problems);
  const observed = observeProcess('gateway', observability);
  const { logger } = observed;
  const gateway = createGateway({
    subgraphUrls,
    production,
    subgraphSecret,
    rateLimit,
    writeTokens: readTokens(env),
    upstreamTimeout,
    subscriptionCaps,
    listenerLimits,
    planner: plannerChoice,
    deduplicateInflight,
    allowedOrigins: (env.NEWSGRAPH_ALLOWED_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    persistedQueries: { redisUrl, trusted },
    responseCache,
    metricsListen: { port: metricsPort, host: metricsHost },
    logger,
    metricsToken: observability.metricsToken,
    reviewQueueDir: env.NEWSGRAPH_REVIEW_QUEUE || undefined,
  });
  if (gateway.plannerFallbackReason) {
    logger.warn({ reason: gateway.plannerFallbackReason }, 'the Rust query planner cannot load here; planning with the JavaScript planner');
  }
  const running = await gateway.listen(port, env.GATEWAY_HOST || '127.0.0.1');
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
  stopOnSignals('gateway', async () => {
    await running.close();
    await observed.shutdown();
  }, undefined, logger);
}

// The runtime's per-subgraph deadline (upstreamTimeout) leaves a rejection nobody handles when a
// subgraph call ends without a promise (one its client had already abandoned): when the deadline
// fires, 10 s later, it killed the gateway under load (the bench's dashboard on a busy machine).
// A late deadline of an abandoned request is harmless; any other unhandled rejection stays fatal.
process.on('unhandledRejection', (reason) => {
  const name = (reason as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    console.error(JSON.stringify({ level: 'warn', service: 'gateway', msg: `a deadline fired after its request had ended (${String(name)}); ignored` }));
    return;
  }
  throw reason;
});

main().catch((e) => {
  logStartupFailure('gateway', e);
  process.exit(1);
});
