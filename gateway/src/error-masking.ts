// Why our own mask and not armor's block-field-suggestions: that plugin strips only
// `Did you mean "x"?` from validation errors (not "Did you mean the enum value ...?", nor errors
// relayed from subgraphs) and leaves a "[Suggestion hidden]" mark; the mask below needs the same
// stripping on every error it passes, and the allow-list of public codes is ours alone.
import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { Logger } from '@newsgraph/kit';

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
  'LIMIT_EXCEEDED',
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
