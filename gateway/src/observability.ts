import type http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { Logger as RuntimeLogger } from '@graphql-hive/gateway-runtime';
import { PinoLogWriter } from '@graphql-hive/logger/writers/pino';
import {
  acceptRequestId,
  CLIENT_OPERATION_HEADER,
  contextFromHeaders,
  inScope,
  Logger,
  NewsgraphMetrics,
  operationName,
  OtelContext,
  otelTrace as trace,
  REQUEST_ID_HEADER,
  RequestScope,
  ROOT_CONTEXT,
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
  /** the context the operation's span is active in: the parent of its subgraph spans */
  context: OtelContext;
  /** the HTTP request; undefined over graphql-ws */
  request?: Request;
  sawResult: boolean;
  finished: boolean;
  /** errorId of each masked error in the answer: the `masked error` lines of this request */
  errorIds?: string[];
}

interface SubgraphCall {
  context: OtelContext;
  failed: boolean;
}

/**
 * Where a subgraph call's span is kept: on the runtime's execution request itself, under a symbol,
 * so that the hooks after it (onSubgraphExecute, onFetch) find it on the request or on the shallow
 * copies the runtime makes of it.
 */
const SUBGRAPH_CALL = Symbol('newsgraph.subgraphCall');

function callOf(executionRequest: unknown): SubgraphCall | undefined {
  return (executionRequest as { [SUBGRAPH_CALL]?: SubgraphCall } | undefined)?.[SUBGRAPH_CALL];
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

/** The trace headers of an HTTP request, the only ones a trace context is read from. */
function traceCarrier(headers: Headers): Record<string, string> {
  const carrier: Record<string, string> = {};
  const parent = headers.get('traceparent');
  if (parent !== null) carrier.traceparent = parent;
  const state = headers.get('tracestate');
  if (state !== null) carrier.tracestate = state;
  return carrier;
}

function errorIdsOf(errors: readonly unknown[]): string[] {
  const ids: string[] = [];
  for (const e of errors) {
    const id = (e as { extensions?: { errorId?: unknown } } | null)?.extensions?.errorId;
    if (typeof id === 'string') ids.push(id);
  }
  return ids;
}

export interface ObservabilityOptions {
  logger: Logger;
  metrics: NewsgraphMetrics;
  /**
   * Also run each operation inside the kit's AsyncLocalStorage scope, for code that reads
   * currentScope() without the operation's context at hand (the response cache's hits). Off, no
   * AsyncLocalStorage is live in the gateway: on Node 20 one runs a hook on every promise made, and
   * the runtime makes hundreds per request (BENCHMARKS.md, session 6).
   */
  asyncScope?: boolean;
}

/**
 * One span per GraphQL operation (continuing the caller's `traceparent`) and one child span per
 * subgraph request, whose `traceparent` the subgraph continues; the request metrics; one
 * `request completed` line per operation. Subscriptions: the span covers the setup, the gauge the
 * whole stream. Every hook finds its operation through the operation's context object (the same
 * object from onParams to the subgraph fetches), not through an async context.
 */
export function useObservability(options: ObservabilityOptions): GatewayPlugin {
  const { logger, metrics } = options;
  const operations = new WeakMap<object, Operation>();
  const byRequest = new WeakMap<Request, Operation>();
  const operationOf = (context: unknown) => (typeof context === 'object' && context !== null ? operations.get(context) : undefined);

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
        traceId: scope.traceId,
        spanId: scope.spanId,
        operation: operationName(scope.operation),
        type: scope.type,
        status,
        transport: op.request ? 'http' : 'ws',
        durationMs,
        ...(op.errorIds?.length ? { errorIds: op.errorIds } : {}),
      },
      'request completed',
    );
  };

  const noteDocument = (op: Operation | undefined, document: DocumentNode, name: string | null | undefined) => {
    if (!op || document?.kind !== Kind.DOCUMENT) return;
    const { scope, span } = op;
    const definition = getOperationAST(document, name ?? scope.operation);
    if (!definition) return;
    scope.type = definition.operation;
    scope.operation = definition.name?.value ?? name ?? scope.operation ?? null;
    span.updateName(`${definition.operation} ${operationName(scope.operation)}`);
    span.setAttribute('graphql.operation.type', definition.operation);
    if (scope.operation) span.setAttribute('graphql.operation.name', scope.operation);
  };

  return {
    onParams({ params, request, context: serverContext, paramsHandler, setParamsHandler }) {
      const http = request ? request : undefined;
      // over HTTP the header is there: sanitizeRequestId set it before the runtime saw the request
      const requestId = http ? acceptRequestId(http.headers.get(REQUEST_ID_HEADER)) : acceptRequestId(undefined);
      const parent = contextFromHeaders(http ? traceCarrier(http.headers) : upgradeHeaders(serverContext));
      const span = tracer().startSpan('graphql', { kind: SpanKind.SERVER, attributes: { 'newsgraph.request_id': requestId } }, parent);
      const ids = spanIds(span);
      const op: Operation = {
        started: performance.now(),
        scope: { requestId, operation: params.operationName ?? null, traceId: ids.traceId, spanId: ids.spanId },
        span,
        context: trace.setSpan(parent, span),
        request: http,
        sawResult: false,
        finished: false,
      };
      operations.set(serverContext, op);
      if (http) byRequest.set(http, op);
      if (options.asyncScope) setParamsHandler((payload) => inScope(op.scope, () => paramsHandler(payload)));
    },
    onParse({ context: serverContext }) {
      return ({ result }) => {
        if (result && (result as DocumentNode).kind === Kind.DOCUMENT) noteDocument(operationOf(serverContext), result as DocumentNode, undefined);
      };
    },
    onExecute({ args }) {
      noteDocument(operationOf(args.contextValue), args.document, args.operationName);
    },
    onSubscribe({ args }) {
      noteDocument(operationOf(args.contextValue), args.document, args.operationName);
    },
    onExecutionResult({ result, setResult, context: serverContext }) {
      const op = operations.get(serverContext);
      if (!op) return;
      op.sawResult = true;
      if (isAsyncIterable(result)) {
        op.scope.type ??= 'subscription';
        setResult(metrics.countSubscription(SERVICE, result) as typeof result);
      } else {
        const errors = (result as { errors?: unknown[] } | undefined)?.errors;
        if (errors?.length) {
          op.scope.failed = true;
          op.errorIds = errorIdsOf(errors);
        }
      }
      // graphql-ws has no HTTP response: the operation is complete (or set up) now
      if (!op.request) finish(op, undefined);
    },
    onResponse({ request, response }) {
      const op = byRequest.get(request);
      if (op) finish(op, response.status);
    },
    instrumentation: {
      subgraphExecute({ subgraphName, executionRequest }, wrapped) {
        const parent = operationOf(executionRequest?.context)?.context ?? ROOT_CONTEXT;
        const span = tracer().startSpan(`subgraph ${subgraphName}`, { kind: SpanKind.CLIENT, attributes: { 'graphql.subgraph.name': subgraphName } }, parent);
        const call: SubgraphCall = { context: trace.setSpan(parent, span), failed: false };
        if (executionRequest) (executionRequest as { [SUBGRAPH_CALL]?: SubgraphCall })[SUBGRAPH_CALL] = call;
        const started = performance.now();
        const end = (failed: boolean) => {
          const outcome = failed || call.failed ? 'error' : 'ok';
          metrics.subgraphFetchDuration.observe({ subgraph: subgraphName, outcome }, (performance.now() - started) / 1000);
          if (outcome === 'error') span.setStatus({ code: SpanStatusCode.ERROR });
          span.end();
        };
        let result: unknown;
        try {
          result = wrapped();
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
      const call = callOf(executionRequest);
      // a subscription goes upstream over the one shared graphql-ws socket, which carries no
      // per-operation headers: its subscribe message's extensions carry the trace and request id
      const op = executionRequest.operationType === 'subscription' ? operationOf(executionRequest.context) : undefined;
      if (op) {
        setExecutionRequest({
          ...executionRequest,
          extensions: { ...executionRequest.extensions, ...traceHeaders(call?.context ?? op.context), [REQUEST_ID_HEADER]: op.scope.requestId },
        });
      }
      return ({ result }) => {
        if (call && !isAsyncIterable(result) && result.errors?.length) call.failed = true;
      };
    },
    onFetch({ options, setOptions, context: fetchContext, executionRequest }) {
      const op = operationOf(fetchContext ?? executionRequest?.context);
      if (!op) return;
      const { scope } = op;
      // the subgraph continues the subgraph span's trace, and learns which client operation it serves
      const extra: Record<string, string> = { ...traceHeaders(callOf(executionRequest)?.context ?? op.context) };
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
