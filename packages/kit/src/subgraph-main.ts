import type { DataSource } from 'typeorm';
import { loadSubgraphConfig, NO_SECRET_WARNING, ServiceName, SubgraphConfig } from './config';
import { ensureDatabase } from './database';
import { createLogger } from './observability/logger';
import { logStartupFailure, observeProcess, ProcessObservability } from './observability/process';
import { SubgraphDeps, SubgraphServer } from './server';
import { stopOnSignals } from './shutdown';

/** What `node services/<name>/dist/main.js [command]` does; no command means `serve`. */
export const SUBGRAPH_COMMANDS = ['serve', 'migrate'] as const;
export type SubgraphCommand = (typeof SUBGRAPH_COMMANDS)[number];

/** The exit code of a command line the process does not understand (as shells use 2 for misuse). */
export const USAGE_EXIT_CODE = 2;

/** A subgraph server with work of its own around it (alerts' deliverer). */
export interface ServedSubgraph {
  server: SubgraphServer;
  /** runs once the server listens */
  started?(): void;
  /** runs on shutdown, before the server closes */
  stopping?(): Promise<void>;
}

export interface SubgraphMainOptions<TConfig extends SubgraphConfig> {
  name: ServiceName;
  /**
   * Pure: the configuration from the environment, throwing a ConfigError that lists every problem.
   * @default (env) => loadSubgraphConfig(env, name)
   */
  loadConfig?: (env: NodeJS.ProcessEnv) => TConfig;
  /**
   * The service's data source. `statementTimeoutMs` is undefined for `migrate`: a migration may
   * run long (an index over a large table), serving queries may not.
   */
  createDataSource(url: string, statementTimeoutMs: number | undefined): DataSource;
  /** Builds the server, not listening; `deps` come from the configuration and the process. */
  createServer(deps: SubgraphDeps, process: { config: TConfig; observed: ProcessObservability }): Promise<SubgraphServer | ServedSubgraph>;
}

/** The command of an argument list, or undefined when it names none of SUBGRAPH_COMMANDS. */
export function subgraphCommand(args: readonly string[]): SubgraphCommand | undefined {
  if (args.length > 1) return undefined;
  const given = args[0] ?? 'serve';
  return (SUBGRAPH_COMMANDS as readonly string[]).includes(given) ? (given as SubgraphCommand) : undefined;
}

/**
 * The whole of a subgraph's main.ts: reads the command and the configuration, then either applies
 * pending migrations and exits, or serves (refusing to while migrations are pending) until a
 * signal or its supervisor's going away stops it. Exit codes: 0 stopped cleanly, 1 could not
 * start (the last line says why; a bad configuration lists every problem) or could not stop
 * cleanly, 2 an unknown command. The only function here that reads the environment or exits.
 */
export function runSubgraphMain<TConfig extends SubgraphConfig>(options: SubgraphMainOptions<TConfig>): void {
  const args = process.argv.slice(2);
  const command = subgraphCommand(args);
  if (!command) {
    createLogger({ service: options.name }).fatal({ args }, `unknown command "${args.join(' ')}": use "migrate", or "serve" (the default when none is given)`);
    process.exit(USAGE_EXIT_CODE);
  }
  runCommand(options, command, process.env).catch((error: unknown) => {
    logStartupFailure(options.name, error);
    process.exit(1);
  });
}

async function runCommand<TConfig extends SubgraphConfig>(
  options: SubgraphMainOptions<TConfig>,
  command: SubgraphCommand,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const { name } = options;
  const config = options.loadConfig ? options.loadConfig(env) : (loadSubgraphConfig(env, name) as TConfig);
  const observed = observeProcess(name, config.observability);
  const { logger } = observed;
  await ensureDatabase(config.databaseUrl);
  const dataSource = options.createDataSource(config.databaseUrl, command === 'migrate' ? undefined : config.statementTimeoutMs);
  await dataSource.initialize();

  if (command === 'migrate') {
    try {
      const applied = (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
      logger.info({ applied }, applied.length ? `applied ${applied.join(', ')}` : 'database is up to date');
    } finally {
      await dataSource.destroy();
      await observed.shutdown();
    }
    return;
  }
  if (await dataSource.showMigrations()) {
    await dataSource.destroy();
    throw new Error(`the database has pending migrations; run \`node services/${name}/dist/main.js migrate\` first`);
  }

  const deps: SubgraphDeps = {
    dataSource,
    writeTokens: config.writeTokens,
    production: config.production,
    subgraphSecret: config.subgraphSecret,
    logger,
    metrics: observed.metrics,
    metricsToken: config.observability.metricsToken,
    listenerLimits: config.listenerLimits,
  };
  const made = await options.createServer(deps, { config, observed });
  const served: ServedSubgraph = 'server' in made ? made : { server: made };
  if (!config.subgraphSecret) logger.warn(NO_SECRET_WARNING);
  const running = await served.server.listen(config.port, config.host);
  served.started?.();
  logger.info({ url: running.url, exportingSpans: observed.tracing.exporting }, `subgraph ready at ${running.url}`);
  process.send?.({ type: 'ready', service: name, url: running.url, port: running.port });

  stopOnSignals(
    name,
    async () => {
      await served.stopping?.();
      // completes the subscriptions and closes their sockets first, then what feeds them
      await running.close();
      await dataSource.destroy();
      await observed.shutdown();
    },
    undefined,
    logger,
  );
}
