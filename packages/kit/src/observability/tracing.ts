import { context, Context, diag, DiagLogLevel, isSpanContextValid, propagation, ROOT_CONTEXT, Span, trace, Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { Logger } from './logger';

export interface TracingOptions {
  /** the `service.name` of every span */
  serviceName: string;
  /** false (NEWSGRAPH_TRACING=off): no spans at all; logs then carry only the request id */
  enabled: boolean;
  /** the OTLP/HTTP traces URL (`…/v1/traces`); unset: spans stay in the process and are never sent */
  exportUrl?: string;
  /** where the exporter's own failures go */
  logger?: Logger;
  /**
   * Register the AsyncLocalStorage context manager, so that the active span follows async code by
   * itself (default true). The gateway passes false: it hands each span's context on explicitly,
   * because on Node 20 any live AsyncLocalStorage runs a hook on every promise, and the gateway's
   * runtime makes many per request (BENCHMARKS.md, session 6).
   */
  contextManager?: boolean;
}

export interface Tracing {
  enabled: boolean;
  exporting: boolean;
  /** sends what is still queued and stops; call it on the way out */
  shutdown(): Promise<void>;
}

/** The tracer every newsgraph span comes from (a no-op until startTracing registers a provider). */
export function tracer(): Tracer {
  return trace.getTracer('newsgraph');
}

/**
 * Installs OpenTelemetry for this process: an AsyncLocalStorage context manager (the active span
 * follows the request through callbacks and promises), the W3C `traceparent` propagator, and a
 * tracer provider. Spans are always made, so that logs can name their trace, but they leave the
 * process only when an OTLP endpoint is configured. Once per process (main.ts).
 */
export function startTracing(options: TracingOptions): Tracing {
  if (!options.enabled) return { enabled: false, exporting: false, shutdown: async () => {} };
  if (options.contextManager ?? true) context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  if (options.logger) {
    const log = options.logger;
    diag.setLogger(
      {
        error: (message, ...args) => log.warn({ args }, `opentelemetry: ${message}`),
        warn: (message, ...args) => log.warn({ args }, `opentelemetry: ${message}`),
        info: () => {},
        debug: () => {},
        verbose: () => {},
      },
      DiagLogLevel.WARN,
    );
  }
  const spanProcessors: SpanProcessor[] = [];
  // OTEL_BSP_* (batch size, schedule delay) are read by the processor itself, as the spec says
  if (options.exportUrl) spanProcessors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url: options.exportUrl })));
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }),
    spanProcessors,
  });
  trace.setGlobalTracerProvider(provider);
  return {
    enabled: true,
    exporting: spanProcessors.length > 0,
    shutdown: async () => {
      await provider.shutdown();
    },
  };
}

/** The context a caller's `traceparent` header describes (the root context when there is none). */
export function contextFromHeaders(headers: Record<string, string | string[] | undefined>): Context {
  return propagation.extract(ROOT_CONTEXT, headers, {
    keys: (carrier) => Object.keys(carrier),
    get: (carrier, key) => {
      const value = carrier[key.toLowerCase()];
      return Array.isArray(value) ? value[0] : value;
    },
  });
}

/** `traceparent` (and `tracestate`) for an outgoing request made inside `ctx`. */
export function traceHeaders(ctx: Context = context.active()): Record<string, string> {
  const headers: Record<string, string> = {};
  propagation.inject(ctx, headers);
  return headers;
}

/** traceId and spanId of a span, when it is a real (recording) one. */
export function spanIds(span: Span | undefined): { traceId?: string; spanId?: string } {
  const ids = span?.spanContext();
  return ids && isSpanContextValid(ids) ? { traceId: ids.traceId, spanId: ids.spanId } : {};
}

// The OpenTelemetry API as the gateway uses it: through the kit, which owns the dependency.
export { context as otelContext, trace as otelTrace, ROOT_CONTEXT, SpanKind, SpanStatusCode } from '@opentelemetry/api';
export type { Context as OtelContext, Span } from '@opentelemetry/api';
