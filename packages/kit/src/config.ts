import { DEFAULT_STATEMENT_TIMEOUT_MS, withDatabase } from './database';
import { DEFAULT_LISTENER_LIMITS, ListenerLimits } from './listener-limits';
import { LOG_LEVELS, LogLevel } from './observability/logger';

export type ServiceName = 'actors' | 'statements' | 'sources' | 'alerts';

export const DEFAULT_PORTS: Record<ServiceName | 'gateway', number> = {
  gateway: 4000,
  actors: 4001,
  statements: 4002,
  sources: 4003,
  alerts: 4004,
};

export interface SubgraphConfig {
  service: ServiceName;
  host: string;
  port: number;
  databaseUrl: string;
  writeTokens: string[];
  /** NODE_ENV=production: masks details, turns introspection off on direct calls */
  production: boolean;
  /**
   * NEWSGRAPH_SUBGRAPH_SECRET: what the gateway must send in `x-newsgraph-subgraph-secret`.
   * Required in production; unset in development means "accept every caller" (main warns).
   */
  subgraphSecret?: string;
  /** NEWSGRAPH_STATEMENT_TIMEOUT_MS: PostgreSQL statement_timeout of the serving pool; default 8000 */
  statementTimeoutMs: number;
  /** NEWSGRAPH_REQUEST_TIMEOUT_MS, NEWSGRAPH_HEADERS_TIMEOUT_MS, NEWSGRAPH_KEEPALIVE_TIMEOUT_MS, NEWSGRAPH_MAX_CONNECTIONS */
  listenerLimits: ListenerLimits;
  observability: ObservabilityConfig;
}

/** Logs, traces and metrics of one process (README "Observability"). */
export interface ObservabilityConfig {
  /** LOG_LEVEL; default info */
  logLevel: LogLevel;
  /** NEWSGRAPH_TRACING (on|off); off makes no spans at all. Default on */
  tracing: boolean;
  /** `service.name` of the spans: OTEL_SERVICE_NAME, else the service's own name */
  serviceName: string;
  /**
   * Where spans are sent (OTLP/HTTP JSON): OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as given, else
   * OTEL_EXPORTER_OTLP_ENDPOINT + `/v1/traces`. Unset: spans never leave the process.
   */
  otlpTracesUrl?: string;
  /** NEWSGRAPH_METRICS_TOKEN: /metrics then needs `Authorization: Bearer <token>` */
  metricsToken?: string;
}

type Env = Record<string, string | undefined>;

/** Thrown with every configuration problem at once, so one restart fixes them all. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads a port variable; records a problem instead of throwing. */
export function readPort(env: Env, name: string, fallback: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    problems.push(`${name} must be a port number (0-65535), got "${raw}"`);
    return fallback;
  }
  return n;
}

/** Reads a positive integer variable (unset or blank: `fallback`); records a problem instead of throwing. */
export function readPositiveInt(env: Env, name: string, fallback: number, problems: string[]): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) {
    problems.push(`${name} must be a positive integer, got "${env[name]}"`);
    return fallback;
  }
  return n;
}

/** Reads a URL variable; records a problem instead of throwing. */
export function readUrl(env: Env, name: string, protocols: string[], problems: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  try {
    const u = new URL(raw);
    if (!protocols.includes(u.protocol)) {
      problems.push(`${name} must be a ${protocols.join(' or ')} URL, got "${raw}"`);
      return undefined;
    }
    return raw;
  } catch {
    problems.push(`${name} is not a URL: "${raw}"`);
    return undefined;
  }
}

/** Reads an on/off variable (unset or blank: `fallback`); records a problem instead of throwing. */
export function readSwitch(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (raw !== 'on' && raw !== 'off') {
    problems.push(`${name} must be on or off, got "${env[name]}"`);
    return fallback;
  }
  return raw === 'on';
}

/**
 * The database of a service: `<SERVICE>_DATABASE_URL` as given, or the `newsgraph_<service>`
 * database on the `DATABASE_URL` server.
 */
export function serviceDatabaseUrl(env: Env, service: ServiceName, problems: string[]): string | undefined {
  const own = `${service.toUpperCase()}_DATABASE_URL`;
  const pg = ['postgres:', 'postgresql:'];
  const specific = readUrl(env, own, pg, problems);
  if (specific) return specific;
  const shared = readUrl(env, 'DATABASE_URL', pg, problems);
  if (shared) return withDatabase(shared, `newsgraph_${service}`);
  if (!env[own] && !env.DATABASE_URL) {
    problems.push(`DATABASE_URL (or ${own}) is not set; \`npm start\` provides an embedded PostgreSQL`);
  }
  return undefined;
}

export function readTokens(env: Env): string[] {
  return (env.NEWSGRAPH_WRITE_TOKENS ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}

// here rather than in listener-limits.ts, which config.ts imports: no import circle
/** NEWSGRAPH_REQUEST_TIMEOUT_MS, NEWSGRAPH_HEADERS_TIMEOUT_MS, NEWSGRAPH_KEEPALIVE_TIMEOUT_MS, NEWSGRAPH_MAX_CONNECTIONS. */
export function readListenerLimits(env: Record<string, string | undefined>, problems: string[]): ListenerLimits {
  const d = DEFAULT_LISTENER_LIMITS;
  const limits = {
    requestTimeoutMs: readPositiveInt(env, 'NEWSGRAPH_REQUEST_TIMEOUT_MS', d.requestTimeoutMs, problems),
    headersTimeoutMs: readPositiveInt(env, 'NEWSGRAPH_HEADERS_TIMEOUT_MS', d.headersTimeoutMs, problems),
    keepAliveTimeoutMs: readPositiveInt(env, 'NEWSGRAPH_KEEPALIVE_TIMEOUT_MS', d.keepAliveTimeoutMs, problems),
    maxConnections: readPositiveInt(env, 'NEWSGRAPH_MAX_CONNECTIONS', d.maxConnections, problems),
  };
  // Node refuses a headers timeout longer than the request timeout
  limits.headersTimeoutMs = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs);
  return limits;
}

/** Pure: the configuration of one subgraph from an environment, or a ConfigError listing every problem. */
export function loadSubgraphConfig(env: Env, service: ServiceName): SubgraphConfig {
  const problems: string[] = [];
  const prefix = service.toUpperCase();
  const port = readPort(env, `${prefix}_PORT`, DEFAULT_PORTS[service], problems);
  const databaseUrl = serviceDatabaseUrl(env, service, problems);
  const production = env.NODE_ENV === 'production';
  const subgraphSecret = readSubgraphSecret(env, production, problems);
  const observability = readObservability(env, service, problems);
  const statementTimeoutMs = readPositiveInt(env, 'NEWSGRAPH_STATEMENT_TIMEOUT_MS', DEFAULT_STATEMENT_TIMEOUT_MS, problems);
  const listenerLimits = readListenerLimits(env, problems);
  if (problems.length) throw new ConfigError(problems);
  return {
    statementTimeoutMs,
    listenerLimits,
    service,
    host: env[`${prefix}_HOST`] || '127.0.0.1',
    port,
    databaseUrl: databaseUrl!,
    writeTokens: readTokens(env),
    production,
    subgraphSecret,
    observability,
  };
}

/**
 * Pure: a subgraph's configuration plus variables of its own (`readOwn` records its problems in
 * the list it is given), or one ConfigError listing every problem of both.
 */
export function loadExtendedSubgraphConfig<T extends object>(env: Env, service: ServiceName, readOwn: (problems: string[]) => T): SubgraphConfig & T {
  const problems: string[] = [];
  let base: SubgraphConfig | undefined;
  try {
    base = loadSubgraphConfig(env, service);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    problems.push(...e.problems);
  }
  const own = readOwn(problems);
  if (problems.length || !base) throw new ConfigError(problems);
  return { ...base, ...own };
}

/** LOG_LEVEL, NEWSGRAPH_TRACING, OTEL_* and NEWSGRAPH_METRICS_TOKEN; records a problem for each bad one. */
export function readObservability(env: Env, service: ServiceName | 'gateway', problems: string[]): ObservabilityConfig {
  const level = env.LOG_LEVEL?.trim() || 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  }
  const tracing = readSwitch(env, 'NEWSGRAPH_TRACING', true, problems);
  const web = ['http:', 'https:'];
  const tracesEndpoint = readUrl(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', web, problems);
  const endpoint = readUrl(env, 'OTEL_EXPORTER_OTLP_ENDPOINT', web, problems);
  // the base endpoint gets the signal's path appended, as the OpenTelemetry spec says
  const otlpTracesUrl = tracesEndpoint ?? (endpoint ? `${endpoint.replace(/\/+$/, '')}/v1/traces` : undefined);
  const metricsToken = env.NEWSGRAPH_METRICS_TOKEN?.trim();
  if (env.NEWSGRAPH_METRICS_TOKEN !== undefined && env.NEWSGRAPH_METRICS_TOKEN !== '' && !metricsToken) {
    problems.push('NEWSGRAPH_METRICS_TOKEN is blank');
  }
  return {
    logLevel: level as LogLevel,
    tracing,
    serviceName: env.OTEL_SERVICE_NAME?.trim() || service,
    otlpTracesUrl,
    metricsToken: metricsToken || undefined,
  };
}

/** The shared gateway-to-subgraph secret; records a problem when production lacks a usable one. */
export function readSubgraphSecret(env: Env, production: boolean, problems: string[]): string | undefined {
  const raw = env.NEWSGRAPH_SUBGRAPH_SECRET?.trim();
  if (!raw) {
    if (production) problems.push('NEWSGRAPH_SUBGRAPH_SECRET is required in production (subgraphs must answer only the gateway)');
    return undefined;
  }
  if (production && raw.length < 16) problems.push('NEWSGRAPH_SUBGRAPH_SECRET must be at least 16 characters in production');
  return raw;
}

/** The warning a development subgraph logs when it runs without a secret. */
export const NO_SECRET_WARNING = 'NEWSGRAPH_SUBGRAPH_SECRET is not set: this subgraph accepts requests from anyone (development only; `npm start` sets one)';
