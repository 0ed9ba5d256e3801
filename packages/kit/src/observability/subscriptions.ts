import { SpanKind } from '@opentelemetry/api';
import type { Logger } from './logger';
import { acceptRequestId, REQUEST_ID_HEADER } from './scope';
import { contextFromHeaders, spanIds, tracer } from './tracing';

/**
 * A subscription over graphql-ws has no HTTP request of its own: the gateway puts the trace
 * context (`traceparent`) and its request id in the subscribe message's `extensions`. This opens a
 * span for the subscription's setup, continuing that trace, and logs one `subscription started`
 * line with the same fields as a request's `request completed` line.
 */
export function noteSubscription(
  logger: Pick<Logger, 'info'>,
  extensions: Record<string, unknown> | null | undefined,
  operationName: string | null,
  result: unknown,
): void {
  const carried: Record<string, string> = {};
  for (const [k, v] of Object.entries(extensions ?? {})) if (typeof v === 'string') carried[k.toLowerCase()] = v;
  const requestId = acceptRequestId(carried[REQUEST_ID_HEADER]);
  const span = tracer().startSpan(
    `subscription ${operationName ?? 'anonymous'}`,
    { kind: SpanKind.SERVER, attributes: { 'newsgraph.request_id': requestId, 'graphql.operation.type': 'subscription' } },
    contextFromHeaders(carried),
  );
  const ok = typeof (result as AsyncIterable<unknown> | null)?.[Symbol.asyncIterator] === 'function';
  span.end();
  logger.info(
    { requestId, ...spanIds(span), operation: operationName ?? 'anonymous', type: 'subscription', transport: 'ws', status: ok ? 'streaming' : 'refused' },
    'subscription started',
  );
}
