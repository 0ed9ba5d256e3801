import {
  ConfigError,
  DEFAULT_PORTS,
  ObservabilityConfig,
  readListenerLimits,
  readObservability,
  readPort,
  readPositiveInt,
  readSubgraphSecret,
  readSwitch,
  readTokens,
  readUrl,
} from '@newsgraph/kit';
import { readResponseCacheConfig } from './cache';
import type { GatewayOptions } from './create-gateway';
import { loadTrustedDocuments } from './http/persisted-queries';
import { QueryPlanner } from './planner';
import { DEFAULT_SUBSCRIPTION_CAPS } from './subscription-caps';

/** OpenTelemetry's Prometheus exporter port, the usual place to look for a process's metrics. */
const DEFAULT_METRICS_PORT = 9464;
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const PLANNERS: readonly QueryPlanner[] = ['auto', 'rust', 'js'];

export interface GatewayConfig {
  /** GATEWAY_PORT; default 4000 */
  port: number;
  /** GATEWAY_HOST; default 127.0.0.1 */
  host: string;
  observability: ObservabilityConfig;
  /** what createGateway takes, less the process's logger */
  gateway: Omit<GatewayOptions, 'logger' | 'metrics'> & Required<Pick<GatewayOptions, 'persistedQueries' | 'responseCache'>>;
}

type Env = Record<string, string | undefined>;

/**
 * The gateway's configuration from an environment, or one ConfigError listing every bad variable
 * (README "Configuration"). Reads nothing but `env` and the trusted-documents file it names.
 */
export function loadGatewayConfig(env: Env, readTrustedDocuments: (file: string) => Map<string, string> = loadTrustedDocuments): GatewayConfig {
  const problems: string[] = [];
  const port = readPort(env, 'GATEWAY_PORT', DEFAULT_PORTS.gateway, problems);
  const web = ['http:', 'https:'];
  const subgraphUrls = {
    actors: readUrl(env, 'ACTORS_URL', web, problems) ?? `http://127.0.0.1:${DEFAULT_PORTS.actors}/graphql`,
    statements: readUrl(env, 'STATEMENTS_URL', web, problems) ?? `http://127.0.0.1:${DEFAULT_PORTS.statements}/graphql`,
    sources: readUrl(env, 'SOURCES_URL', web, problems) ?? `http://127.0.0.1:${DEFAULT_PORTS.sources}/graphql`,
    alerts: readUrl(env, 'ALERTS_URL', web, problems) ?? `http://127.0.0.1:${DEFAULT_PORTS.alerts}/graphql`,
  };
  const positive = (name: string, fallback: number) => readPositiveInt(env, name, fallback, problems);
  const rateLimit = { limit: positive('NEWSGRAPH_WRITE_RATE_LIMIT', 30), windowMs: positive('NEWSGRAPH_WRITE_RATE_WINDOW_MS', 10_000) };
  const upstreamTimeout = positive('NEWSGRAPH_UPSTREAM_TIMEOUT_MS', 10_000);
  const subscriptionCaps = {
    perSocket: positive('NEWSGRAPH_WS_SUBSCRIPTIONS_PER_SOCKET', DEFAULT_SUBSCRIPTION_CAPS.perSocket),
    perClient: positive('NEWSGRAPH_WS_SUBSCRIPTIONS_PER_CLIENT', DEFAULT_SUBSCRIPTION_CAPS.perClient),
  };
  const deduplicateInflight = readSwitch(env, 'NEWSGRAPH_DEDUPE_INFLIGHT', true, problems);
  const shareSubscriptions = readSwitch(env, 'NEWSGRAPH_SHARED_SUBSCRIPTIONS', true, problems);
  const production = env.NODE_ENV === 'production';
  const subgraphSecret = readSubgraphSecret(env, production, problems);
  const planner = (env.NEWSGRAPH_QUERY_PLANNER || 'auto') as QueryPlanner;
  if (!PLANNERS.includes(planner)) problems.push(`NEWSGRAPH_QUERY_PLANNER must be auto, rust or js, got "${planner}"`);
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
      trusted = readTrustedDocuments(env.NEWSGRAPH_TRUSTED_DOCUMENTS);
    } catch (e) {
      problems.push(e instanceof Error ? e.message : String(e));
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return {
    port,
    host: env.GATEWAY_HOST || '127.0.0.1',
    observability,
    gateway: {
      subgraphUrls,
      production,
      subgraphSecret,
      rateLimit,
      writeTokens: readTokens(env),
      upstreamTimeout,
      subscriptionCaps,
      listenerLimits,
      planner,
      deduplicateInflight,
      shareSubscriptions,
      allowedOrigins: (env.NEWSGRAPH_ALLOWED_ORIGINS ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      persistedQueries: { redisUrl, trusted },
      responseCache,
      metricsListen: { port: metricsPort, host: metricsHost },
      metricsToken: observability.metricsToken,
      reviewQueueDir: env.NEWSGRAPH_REVIEW_QUEUE || undefined,
    },
  };
}
