// Why our own rule and not the runtime's csrfPrevention (@graphql-yoga/plugin-csrf-prevention): it
// demands a custom header on every GET and on form-encoded POSTs, which would refuse the plain
// GET queries README documents; it does not refuse form or text bodies, non-UTF-8 charsets or a
// typed GET body, which is what this rule does (415, UNSUPPORTED_MEDIA_TYPE).
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

/** The runtime's fetch API (Response, Headers, ...), as a request hook receives it. */
type FetchAPI = Parameters<NonNullable<GatewayPlugin['onRequest']>>[0]['fetchAPI'];

function jsonError(fetchAPI: FetchAPI, status: number, code: string, message: string, headers: Record<string, string> = {}) {
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
      const charset = params
        .find((p) => p.startsWith('charset='))
        ?.slice('charset='.length)
        .replace(/"/g, '');
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
  };
}
