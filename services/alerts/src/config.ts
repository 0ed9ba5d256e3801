import { loadExtendedSubgraphConfig, readPositiveInt, readSwitch, readUrl, SubgraphConfig } from '@newsgraph/kit';

export interface AlertsConfig extends SubgraphConfig {
  /** NEWSGRAPH_GATEWAY_URL: where deliveries read the graph; unset: told by the launcher (npm start, tests) */
  gatewayUrl?: string;
  /** NEWSGRAPH_WEBHOOK_ALLOW_PRIVATE: receivers on loopback/private addresses (default: on, off in production) */
  allowPrivateReceivers: boolean;
  retryBaseMs: number;
  maxAttempts: number;
  timeoutMs: number;
}

/** Pure: the alerts service's configuration, or a ConfigError listing every problem. */
export function loadAlertsConfig(env: Record<string, string | undefined>): AlertsConfig {
  const production = env.NODE_ENV === 'production';
  return loadExtendedSubgraphConfig(env, 'alerts', (problems) => ({
    gatewayUrl: readUrl(env, 'NEWSGRAPH_GATEWAY_URL', ['http:', 'https:'], problems),
    allowPrivateReceivers: readSwitch(env, 'NEWSGRAPH_WEBHOOK_ALLOW_PRIVATE', !production, problems),
    retryBaseMs: readPositiveInt(env, 'NEWSGRAPH_WEBHOOK_RETRY_BASE_MS', 1_000, problems),
    maxAttempts: readPositiveInt(env, 'NEWSGRAPH_WEBHOOK_MAX_ATTEMPTS', 12, problems),
    timeoutMs: readPositiveInt(env, 'NEWSGRAPH_WEBHOOK_TIMEOUT_MS', 10_000, problems),
  }));
}
