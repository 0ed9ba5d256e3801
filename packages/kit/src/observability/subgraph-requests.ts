import type { ApolloServerPlugin } from '@apollo/server';
import { context, Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { performance } from 'node:perf_hooks';
import type { Logger } from './logger';
import { NewsgraphMetrics, operationName } from './metrics';
import { acceptRequestId, currentScope, inScope, REQUEST_ID_HEADER, RequestScope } from './scope';
import { contextFromHeaders, spanIds, tracer } from './tracing';

/**
 * The gateway names the client's operation in this header: its subgraph queries are anonymous
 * (`_entities`, generated fields), and a subgraph's metrics by client operation are the useful ones.
 */
export const CLIENT_OPERATION_HEADER = 'x-newsgraph-operation';

interface Tracked {
  scope: RequestScope;
  span: Span;
}

const TRACKED = Symbol('newsgraph.request');

function trackedOf(req: Request): Tracked | undefined {
  return (req as unknown as Record<symbol, Tracked | undefined>)[TRACKED];
}

/** Runs `fn` with the request's scope and span active, so its logs and child spans belong to it. */
function enter(tracked: Tracked, fn: () => void): void {
  inScope(tracked.scope, () => {
    context.with(trace.setSpan(context.active(), tracked.span), fn);
  });
}

export interface RequestTrackingOptions {
  service: string;
  logger: Logger;
  metrics: NewsgraphMetrics;
  /** graphql: one GraphQL operation per request (named from Apollo, counted in the GraphQL metrics); internal: a plain endpoint */
  kind: 'graphql' | 'internal';
}

/**
 * The start of every request to a subgraph's /graphql and /internal endpoints: takes the gateway's
 * request id (or makes one), echoes it, opens a SERVER span continuing the caller's trace, and when
 * the response is sent, logs one `request completed` line and records the request metrics.
 */
export function trackRequests(options: RequestTrackingOptions): RequestHandler {
  const { service, logger, metrics } = options;
  return (req: Request, res: Response, next: NextFunction) => {
    const requestId = acceptRequestId(req.headers[REQUEST_ID_HEADER]);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const started = performance.now();
    const path = req.originalUrl.split('?')[0];
    const span = tracer().startSpan(
      options.kind === 'graphql' ? 'graphql' : `${req.method} ${path}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'url.path': path, 'newsgraph.request_id': requestId } },
      contextFromHeaders(req.headers),
    );
    const client = req.headers[CLIENT_OPERATION_HEADER];
    const clientOperation = typeof client === 'string' && operationName(client) === client ? client : undefined;
    const abandoned = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) abandoned.abort();
    });
    const tracked: Tracked = { scope: { requestId, clientOperation, signal: abandoned.signal }, span };
    (req as unknown as Record<symbol, Tracked>)[TRACKED] = tracked;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const durationMs = Math.round((performance.now() - started) * 1000) / 1000;
      // 'close' without 'finish': the client went away before the answer was sent
      const status = res.writableFinished ? res.statusCode : 499;
      const { scope } = tracked;
      const failed = status >= 400 || scope.failed === true;
      const operation = options.kind === 'graphql' ? operationName(scope.operation) : path;
      if (options.kind === 'graphql') {
        metrics.observeOperation(service, { name: scope.operation, type: scope.type, failed, seconds: durationMs / 1000 });
      }
      span.setAttribute('http.response.status_code', status);
      if (failed) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
      logger.info({ requestId, ...spanIds(tracked.span), operation, type: scope.type, status, durationMs }, 'request completed');
    };
    res.once('finish', finish);
    res.once('close', finish);
    enter(tracked, next);
  };
}

/**
 * Body parsing resumes the middleware chain from a stream callback, outside the request's async
 * context; this puts the request's scope and span back before GraphQL runs.
 */
export function reenterRequest(): RequestHandler {
  return (req, _res, next) => {
    const tracked = trackedOf(req);
    if (tracked) enter(tracked, next);
    else next();
  };
}

/** Names the request's span and log line after the operation Apollo resolved, and notes errors. */
export function operationTracking<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ request }) {
      return {
        async didResolveOperation({ operation, operationName: name }) {
          if (!operation) return;
          const span = trace.getActiveSpan();
          const scope = currentScope();
          const resolved = operation.name?.value ?? name ?? request.operationName ?? scope?.clientOperation ?? null;
          if (scope) {
            scope.operation = resolved;
            scope.type = operation.operation;
          }
          span?.updateName(`${operation.operation} ${operationName(resolved)}`);
          span?.setAttribute('graphql.operation.type', operation.operation);
          if (resolved) span?.setAttribute('graphql.operation.name', resolved);
        },
        async didEncounterErrors() {
          const scope = currentScope();
          if (scope) scope.failed = true;
        },
      };
    },
  };
}
