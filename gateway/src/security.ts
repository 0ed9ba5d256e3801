import { randomUUID } from 'node:crypto';
import { GraphQLError, Kind, OperationDefinitionNode, parse as graphqlParse, type DocumentNode } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { Logger } from '@newsgraph/kit';
import { DEFAULT_LIMITS, limitError, operationCost, operationLimitsRule, OperationLimits } from './limits';

/** Error codes that carry a meaning for clients and pass through unmasked (subgraph or gateway). */
export const PUBLIC_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'INVALID_PACKAGE',
  'SERVICE_UNAVAILABLE',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'TOO_MANY_ROOT_FIELDS',
  'TOO_MANY_DIRECTIVES',
  'TOO_MANY_TOKENS',
  'QUERY_TOO_COMPLEX',
  'RATE_LIMITED',
  'CSRF_PREVENTED',
  'UPSTREAM_TIMEOUT',
  'QUERY_TIMEOUT',
]);

/** Upstream failures: the client learns which subgraph failed and how, never the internal cause. */
const UPSTREAM_FAILURES: Record<string, { code: string; message: (subgraph: string) => string }> = {
  GATEWAY_TIMEOUT: { code: 'UPSTREAM_TIMEOUT', message: (s) => `Subgraph "${s}" did not answer in time.` },
  SUBREQUEST_HTTP_ERROR: { code: 'SUBGRAPH_UNAVAILABLE', message: (s) => `Subgraph "${s}" is unavailable.` },
  DOWNSTREAM_SERVICE_ERROR: { code: 'SUBGRAPH_UNAVAILABLE', message: (s) => `Subgraph "${s}" is unavailable.` },
};

/** Extensions a client may see on a passed-through error; anything else (stacktrace, exception...) is dropped. */
const PUBLIC_EXTENSIONS = ['code', 'problems', 'http', 'argumentName', 'subgraph', 'serviceName', 'errorId'];

const SUGGESTION = /\s*Did you mean[^?]*\?/g;

export function stripSuggestions(message: string): string {
  return message.replace(SUGGESTION, '');
}

function publicExtensions(ext: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of PUBLIC_EXTENSIONS) if (ext && ext[k] !== undefined) out[k] = ext[k];
  return out;
}

/**
 * Known errors keep their message and code; an error the gateway cannot vouch for becomes
 * "Unexpected error" with a reference id, logged as one JSON line with the real cause.
 */
export function createMaskError(production: boolean, logger?: Pick<Logger, 'error'>) {
  return (thrown: unknown): Error => {
    const error = asGraphQLError(thrown);
    const gql = error instanceof GraphQLError ? error : undefined;
    const ext = gql?.extensions as Record<string, unknown> | undefined;
    const code = typeof ext?.code === 'string' ? ext.code : undefined;
    // yoga's own HTTP-level errors (405, 400 on a bad body, 415...) and graphql-js syntax and
    // validation errors carry no code but are safe: they describe the request, not the server.
    // yoga's request errors carry `extensions.http` (and sometimes a code of their own, e.g.
    // OPERATION_RESOLUTION_FAILURE); an error relayed from a subgraph names its service instead.
    const requestError =
      gql &&
      ((ext?.http !== undefined && ext?.serviceName === undefined) ||
        (!code && !gql.originalError && (gql.nodes?.length || /^Syntax Error/.test(gql.message))));
    if (gql && ((code && PUBLIC_CODES.has(code)) || requestError)) {
      const message = production ? stripSuggestions(gql.message) : gql.message;
      return new GraphQLError(message, { nodes: gql.nodes, source: gql.source, positions: gql.positions, path: gql.path, extensions: publicExtensions(ext) });
    }
    const errorId = randomUUID();
    const cause = gql?.originalError ?? error;
    const upstream = code ? UPSTREAM_FAILURES[code] : undefined;
    const details = {
      errorId,
      code,
      message: error instanceof Error ? error.message : String(error),
      path: gql?.path,
      stack: cause instanceof Error ? cause.stack : undefined,
    };
    // through the process logger the line also carries the request's requestId and traceId
    if (logger) logger.error(details, 'masked error');
    else console.error(JSON.stringify({ level: 'error', msg: 'masked error', ...details }));
    if (upstream) {
      const subgraph = String(ext?.serviceName ?? ext?.subgraphName ?? 'unknown');
      return new GraphQLError(upstream.message(subgraph), {
        path: gql?.path,
        extensions: { code: upstream.code, serviceName: subgraph, errorId },
      });
    }
    return new GraphQLError('Unexpected error.', {
      path: gql?.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR', errorId },
    });
  };
}

/**
 * An error a subgraph sent over graphql-ws reaches the mask as the plain JSON object it was on the
 * wire (the Rust planner relays subscription errors untouched); it is the same error as over HTTP.
 */
function asGraphQLError(error: unknown): unknown {
  if (error instanceof Error || typeof error !== 'object' || error === null) return error;
  const wire = error as { message?: unknown; path?: unknown; extensions?: unknown };
  if (typeof wire.message !== 'string') return error;
  return new GraphQLError(wire.message, {
    path: Array.isArray(wire.path) ? wire.path : undefined,
    extensions: typeof wire.extensions === 'object' && wire.extensions !== null ? (wire.extensions as Record<string, unknown>) : undefined,
  });
}

function operationOf(document: DocumentNode, name: string | null | undefined): OperationDefinitionNode | undefined {
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return name ? ops.find((o) => o.name?.value === name) : ops.length === 1 ? ops[0] : undefined;
}

type ExecutionArgsLike = { schema: any; document: DocumentNode; operationName?: string | null; variableValues?: any };

/**
 * A check run before an operation executes, over HTTP and graphql-ws alike (queries and mutations
 * through onExecute, subscriptions through onSubscribe): errors it returns are the operation's answer.
 */
function beforeExecution(check: (args: ExecutionArgsLike) => GraphQLError[] | undefined): Pick<GatewayPlugin, 'onExecute' | 'onSubscribe'> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const errors = check(args);
      if (errors) setResultAndStopExecution({ errors });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const errors = check(args);
      if (errors) setResultAndStopExecution({ errors });
    },
  } as Pick<GatewayPlugin, 'onExecute' | 'onSubscribe'>;
}

/**
 * The operation limits, run wherever the runtime parses, validates and executes: HTTP and the
 * graphql-ws server (getGraphQLWSOptions goes through the same envelop), so a subscribe message
 * meets the same rules as a POST.
 */
export function useOperationLimits(limits: OperationLimits = DEFAULT_LIMITS, production = false): GatewayPlugin {
  const rule = operationLimitsRule(limits);
  const checkCost = (args: ExecutionArgsLike) => {
    const cost = operationCost(args.schema, args.document, args.operationName, args.variableValues);
    return cost > limits.maxCost
      ? [limitError('QUERY_TOO_COMPLEX', `Query cost limit of ${limits.maxCost} exceeded, found ${cost}.`)]
      : undefined;
  };
  return {
    ...beforeExecution(checkCost),
    onParse({ setParseFn }) {
      setParseFn((source, options) => {
        try {
          return graphqlParse(source, { ...options, maxTokens: limits.maxTokens });
        } catch (e) {
          if (e instanceof GraphQLError && /contains more th\w+ \d+ tokens/.test(e.message)) {
            throw limitError('TOO_MANY_TOKENS', `Token limit of ${limits.maxTokens} exceeded: the document was not parsed.`);
          }
          throw e;
        }
      });
    },
    onValidate({ addValidationRule }) {
      addValidationRule(rule);
      if (!production) return;
      return ({ result, setResult }) => {
        if (result.length) {
          setResult(result.map((e) => new GraphQLError(stripSuggestions(e.message), { nodes: e.nodes, source: e.source, positions: e.positions, extensions: e.extensions })));
        }
      };
    },
  } as GatewayPlugin;
}


function jsonError(fetchAPI: any, status: number, code: string, message: string, headers: Record<string, string> = {}) {
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/**
 * Transport rules before any GraphQL work: JSON-only POST bodies in UTF-8 (415 otherwise) and no
 * typed GET bodies (415). A cross-site form can therefore only send a GET, which runs queries and
 * subscriptions, never a mutation (405), and carries no credential newsgraph honours: writes need
 * a bearer token, which a browser never attaches by itself (README "Use it from your app").
 */
export function useHttpRules(graphqlPath = '/graphql'): GatewayPlugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== graphqlPath) return;
      const contentType = request.headers.get('content-type');
      const [mime, ...params] = (contentType ?? '').split(';').map((s) => s.trim().toLowerCase());
      const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
      if (charset && charset !== 'utf-8' && charset !== 'utf8') {
        endResponse(jsonError(fetchAPI, 415, 'UNSUPPORTED_MEDIA_TYPE', `Unsupported charset "${charset}": send UTF-8.`));
        return;
      }
      if (request.method === 'POST' && mime !== 'application/json' && mime !== 'application/graphql+json') {
        endResponse(jsonError(fetchAPI, 415, 'UNSUPPORTED_MEDIA_TYPE', 'POST bodies must be JSON (Content-Type: application/json).'));
        return;
      }
      if (request.method === 'GET' && contentType && mime !== 'application/json') {
        endResponse(jsonError(fetchAPI, 415, 'UNSUPPORTED_MEDIA_TYPE', `Unsupported Content-Type "${mime}" on a GET request.`));
        return;
      }
    },
  } as GatewayPlugin;
}

/**
 * Coerces the variables before the planner sees them, so a wrong or missing variable is a 400
 * request error that names the variable. (The Rust planner coerces them itself, but throws the
 * error from inside execution, where it would be masked as "Unexpected error".)
 */
export function useVariableCoercion(): GatewayPlugin {
  return beforeExecution((args) => {
    const operation = operationOf(args.document, args.operationName);
    if (!operation?.variableDefinitions?.length) return undefined;
    const coerced = getVariableValues(args.schema, operation.variableDefinitions, args.variableValues ?? {}, { maxErrors: 10 });
    if (!coerced.errors) return undefined;
    return coerced.errors.map(
      (e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } }),
    );
  }) as GatewayPlugin;
}
