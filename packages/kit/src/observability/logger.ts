import { context, isSpanContextValid, trace } from '@opentelemetry/api';
import pino, { DestinationStream, Logger } from 'pino';
import { currentScope } from './scope';

export type { Logger } from 'pino';

/** The values LOG_LEVEL accepts (pino's levels). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LoggerOptions {
  /** `service` field of every line: gateway, actors, statements, sources */
  service: string;
  /** @default 'info' */
  level?: LogLevel;
  /** where lines go; default stdout (synchronously, so nothing is lost when the process exits) */
  destination?: DestinationStream;
}

/**
 * The trace and request a line belongs to, read from the active context when it is written: a
 * line logged anywhere inside a request carries its requestId (and traceId/spanId when tracing is
 * on) without anyone passing them along.
 */
export function correlationFields(): { requestId?: string; traceId?: string; spanId?: string } {
  const fields: { requestId?: string; traceId?: string; spanId?: string } = {};
  const scope = currentScope();
  if (scope) fields.requestId = scope.requestId;
  const span = trace.getSpanContext(context.active());
  if (span && isSpanContextValid(span)) {
    fields.traceId = span.traceId;
    fields.spanId = span.spanId;
  } else if (scope?.traceId) {
    fields.traceId = scope.traceId;
    fields.spanId = scope.spanId;
  }
  return fields;
}

/** JSON lines: `{"level":"info","time":"<ISO>","service":"actors",...,"msg":"..."}`. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      // a label reads better than pino's numbers, in a terminal and in a log pipeline
      formatters: { level: (label) => ({ level: label }) },
      mixin: correlationFields,
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** A logger that writes nothing (tests and library use without a process logger). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
