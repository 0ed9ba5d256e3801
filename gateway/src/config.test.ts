import { ConfigError } from '@newsgraph/kit';
import { loadGatewayConfig } from './config';

/** The problems a ConfigError lists, or a failure when the configuration was accepted. */
function problemsOf(env: Record<string, string>): string[] {
  try {
    loadGatewayConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error('the configuration was accepted');
}

describe('loadGatewayConfig', () => {
  test('an empty environment gives the documented defaults', () => {
    const config = loadGatewayConfig({});
    expect(config.port).toBe(4000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.gateway).toMatchObject({
      subgraphUrls: {
        actors: 'http://127.0.0.1:4001/graphql',
        statements: 'http://127.0.0.1:4002/graphql',
        sources: 'http://127.0.0.1:4003/graphql',
        alerts: 'http://127.0.0.1:4004/graphql',
      },
      production: false,
      subgraphSecret: undefined,
      rateLimit: { limit: 30, windowMs: 10_000 },
      upstreamTimeout: 10_000,
      subscriptionCaps: { perSocket: 50, perClient: 200 },
      planner: 'auto',
      deduplicateInflight: true,
      shareSubscriptions: true,
      allowedOrigins: [],
      writeTokens: [],
      metricsListen: { port: 9464, host: '127.0.0.1' },
      persistedQueries: { redisUrl: undefined, trusted: undefined },
    });
  });

  test('what is set is what is used', () => {
    const config = loadGatewayConfig({
      GATEWAY_PORT: '0',
      GATEWAY_HOST: '0.0.0.0',
      STATEMENTS_URL: 'https://statements.internal/graphql',
      NEWSGRAPH_WRITE_RATE_LIMIT: ' 5 ',
      NEWSGRAPH_QUERY_PLANNER: 'js',
      NEWSGRAPH_WRITE_TOKENS: 'a, b',
      NEWSGRAPH_ALLOWED_ORIGINS: 'https://one.example, https://two.example',
      REDIS_URL: 'redis://127.0.0.1:6379',
      NEWSGRAPH_SHARED_SUBSCRIPTIONS: 'off',
    });
    expect(config.port).toBe(0);
    expect(config.gateway.shareSubscriptions).toBe(false);
    expect(config.host).toBe('0.0.0.0');
    expect(config.gateway.subgraphUrls?.statements).toBe('https://statements.internal/graphql');
    expect(config.gateway.rateLimit).toEqual({ limit: 5, windowMs: 10_000 });
    expect(config.gateway.planner).toBe('js');
    expect(config.gateway.writeTokens).toEqual(['a', 'b']);
    expect(config.gateway.allowedOrigins).toEqual(['https://one.example', 'https://two.example']);
    expect(config.gateway.persistedQueries.redisUrl).toBe('redis://127.0.0.1:6379');
    // with GATEWAY_PORT=0 the metrics listener takes a free port too
    expect(config.gateway.metricsListen).toEqual({ port: 0, host: '127.0.0.1' });
  });

  test('every bad variable is reported at once', () => {
    expect(
      problemsOf({
        GATEWAY_PORT: '70000',
        ACTORS_URL: 'ftp://actors/graphql',
        NEWSGRAPH_WRITE_RATE_LIMIT: '0',
        NEWSGRAPH_UPSTREAM_TIMEOUT_MS: 'ten seconds',
        NEWSGRAPH_WS_SUBSCRIPTIONS_PER_SOCKET: '2.5',
        NEWSGRAPH_DEDUPE_INFLIGHT: 'yes',
        NEWSGRAPH_QUERY_PLANNER: 'fast',
        NEWSGRAPH_REQUEST_TIMEOUT_MS: '-1',
        LOG_LEVEL: 'loud',
        REDIS_URL: 'http://redis',
      }).sort(),
    ).toEqual(
      [
        'GATEWAY_PORT must be a port number (0-65535), got "70000"',
        'ACTORS_URL must be a http: or https: URL, got "ftp://actors/graphql"',
        'NEWSGRAPH_WRITE_RATE_LIMIT must be a positive integer, got "0"',
        'NEWSGRAPH_UPSTREAM_TIMEOUT_MS must be a positive integer, got "ten seconds"',
        'NEWSGRAPH_WS_SUBSCRIPTIONS_PER_SOCKET must be a positive integer, got "2.5"',
        'NEWSGRAPH_DEDUPE_INFLIGHT must be on or off, got "yes"',
        'NEWSGRAPH_QUERY_PLANNER must be auto, rust or js, got "fast"',
        'NEWSGRAPH_REQUEST_TIMEOUT_MS must be a positive integer, got "-1"',
        'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
        'REDIS_URL must be a redis: or rediss: URL, got "http://redis"',
      ].sort(),
    );
  });

  test('production requires a subgraph secret of 16 characters or more and a guarded /metrics off loopback', () => {
    expect(problemsOf({ NODE_ENV: 'production', GATEWAY_METRICS_HOST: '0.0.0.0' }).sort()).toEqual(
      [
        'NEWSGRAPH_SUBGRAPH_SECRET is required in production (subgraphs must answer only the gateway)',
        'GATEWAY_METRICS_HOST=0.0.0.0 exposes /metrics beyond this machine: set NEWSGRAPH_METRICS_TOKEN in production',
      ].sort(),
    );
    expect(problemsOf({ NODE_ENV: 'production', NEWSGRAPH_SUBGRAPH_SECRET: 'short' })).toEqual([
      'NEWSGRAPH_SUBGRAPH_SECRET must be at least 16 characters in production',
    ]);
    const config = loadGatewayConfig({ NODE_ENV: 'production', NEWSGRAPH_SUBGRAPH_SECRET: ' a-long-enough-secret ' });
    expect(config.gateway).toMatchObject({ production: true, subgraphSecret: 'a-long-enough-secret' });
  });

  test('an unreadable trusted-documents file is one more problem in the same list', () => {
    const problems = problemsOf({ NEWSGRAPH_TRUSTED_DOCUMENTS: '/no/such/manifest.json', GATEWAY_PORT: 'x' });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toBe('GATEWAY_PORT must be a port number (0-65535), got "x"');
    expect(problems[1]).toMatch(/^NEWSGRAPH_TRUSTED_DOCUMENTS: cannot read \/no\/such\/manifest\.json: /);
  });
});
