import type { ObservabilityConfig } from '../config';
import { ConfigError } from '../config';
import { createLogger, Logger } from './logger';
import { NewsgraphMetrics, processMetrics } from './metrics';
import { startTracing, Tracing } from './tracing';

export interface ProcessObservability {
  logger: Logger;
  metrics: NewsgraphMetrics;
  tracing: Tracing;
  /** flushes queued spans; the last step of a service's close() */
  shutdown(): Promise<void>;
}

/**
 * Logs, traces and metrics for one service process, from its validated configuration (main.ts).
 * `contextManager: false`: spans do not follow async code by themselves (startTracing).
 */
export function observeProcess(service: string, config: ObservabilityConfig, options: { contextManager?: boolean } = {}): ProcessObservability {
  const logger = createLogger({ service, level: config.logLevel });
  const tracing = startTracing({
    serviceName: config.serviceName,
    enabled: config.tracing,
    exportUrl: config.otlpTracesUrl,
    logger,
    contextManager: options.contextManager,
  });
  return {
    logger,
    metrics: processMetrics(),
    tracing,
    shutdown: async () => {
      try {
        await tracing.shutdown();
      } catch (e) {
        logger.warn({ err: e }, 'could not send the last spans');
      }
    },
  };
}

/**
 * The last line of a service that could not start, as JSON like every other line; a bad
 * configuration lists every problem (`problems`) so one restart fixes them all.
 */
export function logStartupFailure(service: string, error: unknown, logger: Logger = createLogger({ service })): void {
  if (error instanceof ConfigError) logger.fatal({ problems: error.problems }, error.message);
  else logger.fatal({ err: error }, `${service} could not start: ${error instanceof Error ? error.message : String(error)}`);
}
