import { AsyncLocalStorage } from 'node:async_hooks';
import type http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { Logger as RuntimeLogger } from '@graphql-hive/gateway-runtime';
import { PinoLogWriter } from '@graphql-hive/logger/writers/pino';
import {
  acceptRequestId,
  CLIENT_OPERATION_HEADER,
  contextFromHeaders,
  currentScope,
  inScope,
  Logger,
  NewsgraphMetrics,
  operationName,
  otelContext as context,
  otelTrace as trace,
  REQUEST_ID_HEADER,
  RequestScope,
  Span,
  SpanKind,
  SpanStatusCode,
  spanIds,
  traceHeaders,
  tracer,
} from '@newsgraph/kit';
import { DocumentNode, getOperationAST, Kind } from 'graphql';
import { PUBLIC_CODES } from './error-masking';

const SERVICE = 'gateway';

/**
 * The gateway's request id is what the runtime propagates to the subgraphs and echoes to the
 * client (its request-id plugin takes the header as it finds it): an unacceptable one is replaced
 * here, before the runtime reads it, by the same rule the subgraphs apply.
 */
export function sanitizeRequestId(req: http.IncomingMessage): void {
  req.headers[REQUEST_ID_HEADER] = acceptRequestId(req.headers[REQUEST_ID_HEADER]);
}

/** The runtime's own log lines, written by the process's pino logger (same JSON, same fields). */
export function runtimeLogger(logger: Logger): RuntimeLogger {
  // the runtime has no `fatal` nor `silent`: at fatal its error lines reach pino, which drops them
  const level = logger.level === 'silent' ? false : logger.level === 'fatal' ? 'error' : (logger.level as 'trace' | 'debug' | 'info' | 'warn' | 'error');
  return new RuntimeLogger({ level, writers: [new ClientErrorsAtDebug(new PinoLogWriter(logger))] });
}

type WriterLevel = Parameters<PinoLogWriter['write']>[0];
type WriterAttrs = Parameters<PinoLogWriter['write']>[1];

/**
 * The runtime logs every error of a response at `error`, a client's unknown key (NOT_FOUND) or bad
 * argument as much as a crash. Errors whose code says the client asked for it (PUBLIC_CODES) are
 * written at `debug`; an operator's `error` lines stay the server's own failures.
 */
export class ClientErrorsAtDebug {
  constructor(private readonly inner: { write(level: WriterLevel, attrs: WriterAttrs, msg: string | null | undefined): void }) {}

  write(level: WriterLevel, attrs: WriterAttrs, msg: string | null | undefined): void {
    const code = (attrs as { extensions?: { code?: unknown } } | null | undefined)?.extensions?.code;
    const demoted = level === 'error' && typeof code === 'string' && PUBLIC_CODES.has(code) ? 'debug' : level;
    this.inner.write(demoted, attrs, msg);
  }
}

interface Operation {
  started: number;
  scope: RequestScope;
  span: Span;
  /** the HTTP request; undefined over graphql-ws */
  request?: Request;
  sawResult: boolean;
  finished: boolean;
}

interface SubgraphCall {
  failed: boolean;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof (value as AsyncIterable<unknown> | null)?.[Symbol.asyncIterator] === 'function';
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

/** Headers of a graphql-ws operation: those of the WebSocket upgrade request. */
function upgradeHeaders(ctx: unknown): http.IncomingHttpHeaders {
  return (ctx as { req?: http.IncomingMessage } | undefined)?.req?.headers ?? {};
}

/**
 * One span per GraphQL operation (continuing the caller's `traceparent`) and one child span per
 * subgraph request, whose `traceparent` the subgraph continues; the request metrics; one
 * `request completed` line per operation. Subscriptions: the span covers the setup, the gauge the
 * whole stream.
 */
export function useObservability(options: { logger: Logger; metrics: NewsgraphMetrics }): GatewayPlugin {
  const { logger, metrics } = options;
  const operations = new WeakMap<object, Operation>();
  const byRequest = new WeakMap<Request, Operation>();
  const subgraphCalls = new AsyncLocalStorage<SubgraphCall>();

  const finish = (op: Operation, status: number | undefined) => {
    if (op.finished) return;
    op.finished = true;
    const durationMs = Math.round((performance.now() - op.started) * 1000) / 1000;
    const { scope, span } = op;
    const failed = scope.failed === true || !op.sawResult || (status ?? 200) >= 400;
    metrics.observeOperation(SERVICE, { name: scope.operation, type: scope.type, failed, seconds: durationMs / 1000 });
    if (status !== undefined) span.setAttribute('http.response.status_code', status);
    if (failed) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
    logger.info(
      {
        requestId: scope.requestId,
        ...spanIds(span),
        operation: operationName(scope.operation),
        type: scope.type,
        status,
        transport: op.request ? 'http' : 'ws',
        durationMs,
      },
      'request completed',
    );
  };

  const noteDocument = (document: DocumentNode, name: string | null | undefined) => {
    const scope = currentScope();
    if (!scope || document?.kind !== Kind.DOCUMENT) return;
    const op = getOperationAST(document, name);
    if (!op) return;
    scope.type = op.operation;
    scope.operation = op.name?.value ?? name ?? null;
    const span = trace.getActiveSpan();
    span?.updateName(`${op.operation} ${operationName(scope.operation)}`);
    span?.setAttribute('graphql.operation.type', op.operation);
    if (scope.operation) span?.setAttribute('graphql.operation.name', scope.operation);
  };

  return {
    onParams({ params, request, context: serverContext, paramsHandler, setParamsHandler }) {
      const http = request ? request : undefined;
      const headers = http ? Object.fromEntries(http.headers.entries()) : upgradeHeaders(serverContext);
      // over HTTP the header is there: sanitizeRequestId set it before the runtime saw the request
      const requestId = http ? acceptRequestId(http.headers.get(REQUEST_ID_HEADER)) : acceptRequestId(undefined);
      const parent = contextFromHeaders(headers);
      const span = tracer().startSpan('graphql', { kind: SpanKind.SERVER, attributes: { 'newsgraph.request_id': requestId } }, parent);
      const op: Operation = {
        started: performance.now(),
        scope: { requestId, operation: params.operationName ?? null },
        span,
        request: http,
        sawResult: false,
        finished: false,
      };
      operations.set(serverContext, op);
      if (http) byRequest.set(http, op);
      // everything the operation does (parse, plan, subgraph calls, logs) runs inside its scope and span
      setParamsHandler((payload) => inScope(op.scope, () => context.with(trace.setSpan(parent, span), () => paramsHandler(payload))));
    },
    onParse() {
      return ({ result }) => {
        if (result && (result as DocumentNode).kind === Kind.DOCUMENT) noteDocument(result as DocumentNode, currentScope()?.operation);
      };
    },
    onExecute({ args }) {
      noteDocument(args.document, args.operationName ?? currentScope()?.operation);
    },
    onSubscribe({ args }) {
      noteDocument(args.document, args.operationName ?? currentScope()?.operation);
    },
    onExecutionResult({ result, setResult, context: serverContext }) {
      const op = operations.get(serverContext);
      if (!op) return;
      op.sawResult = true;
      if (isAsyncIterable(result)) {
        op.scope.type ??= 'subscription';
        setResult(metrics.countSubscription(SERVICE, result) as typeof result);
      } else if ((result as { errors?: unknown[] } | undefined)?.errors?.length) {
        op.scope.failed = true;
      }
      // graphql-ws has no HTTP response: the operation is complete (or set up) now
      if (!op.request) finish(op, undefined);
    },
    onResponse({ request, response }) {
      const op = byRequest.get(request);
      if (op) finish(op, response.status);
    },
    instrumentation: {
      subgraphExecute({ subgraphName }, wrapped) {
        const parent = context.active();
        const span = tracer().startSpan(`subgraph ${subgraphName}`, { kind: SpanKind.CLIENT, attributes: { 'graphql.subgraph.name': subgraphName } }, parent);
        const call: SubgraphCall = { failed: false };
        const started = performance.now();
        const end = (failed: boolean) => {
          const outcome = failed || call.failed ? 'error' : 'ok';
          metrics.subgraphFetchDuration.observe({ subgraph: subgraphName, outcome }, (performance.now() - started) / 1000);
          if (outcome === 'error') span.setStatus({ code: SpanStatusCode.ERROR });
          span.end();
        };
        let result: unknown;
        try {
          result = subgraphCalls.run(call, () => context.with(trace.setSpan(parent, span), wrapped));
        } catch (e) {
          end(true);
          throw e;
        }
        if (isPromiseLike(result)) {
          return Promise.resolve(result).then(
            () => end(false),
            (e: unknown) => {
              end(true);
              throw e;
            },
          );
        }
        end(false);
      },
    },
    onSubgraphExecute({ executionRequest, setExecutionRequest }) {
      // a subscription goes upstream over the one shared graphql-ws socket, which carries no
      // per-operation headers: its subscribe message's extensions carry the trace and request id
      const scope = executionRequest.operationType === 'subscription' ? currentScope() : undefined;
      if (scope) {
        setExecutionRequest({
          ...executionRequest,
          extensions: { ...executionRequest.extensions, ...traceHeaders(context.active()), [REQUEST_ID_HEADER]: scope.requestId },
        });
      }
      return ({ result }) => {
        const call = subgraphCalls.getStore();
        if (call && !isAsyncIterable(result) && result.errors?.length) call.failed = true;
      };
    },
    onFetch({ options, setOptions }) {
      const scope = currentScope();
      if (!scope) return;
      // the subgraph continues the subgraph span's trace, and learns which client operation it serves
      const extra: Record<string, string> = { ...traceHeaders(context.active()) };
      if (scope.operation && operationName(scope.operation) === scope.operation) extra[CLIENT_OPERATION_HEADER] = scope.operation;
      const headers = options.headers;
      if (headers instanceof Headers) {
        for (const [k, v] of Object.entries(extra)) headers.set(k, v);
        return;
      }
      setOptions({ ...options, headers: { ...(headers as Record<string, string> | undefined), ...extra } });
    },
  };
}
