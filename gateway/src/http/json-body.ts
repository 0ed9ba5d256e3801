import { GraphQLError } from 'graphql';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

/**
 * A POST body that is not JSON, or is missing, is a malformed request: 400 whatever the client
 * accepts. The runtime's parser marks these errors as following the legacy `application/json` rule
 * (`extensions.http.spec`), which answers 200 when the client accepts `application/json`; the
 * GraphQL over HTTP spec asks for 4xx there too (graphql-http audits BCF8 and A5BF).
 */
export function useStrictJsonBody(): GatewayPlugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser }) {
      if (request.method !== 'POST' || !requestParser) return;
      setRequestParser(async (req: Request) => {
        try {
          return await requestParser(req);
        } catch (e) {
          if (!(e instanceof GraphQLError)) throw e;
          const http = e.extensions.http as { spec?: boolean; status?: number } | undefined;
          if (!http?.spec || (http.status ?? 400) !== 400) throw e;
          const cause = (e.extensions.originalError as { message?: string } | undefined)?.message ?? e.message;
          const empty = /received (null|undefined)|Unexpected end of JSON input/.test(cause);
          throw new GraphQLError(empty ? 'POST body is missing: send a JSON object such as {"query": "{ __typename }"}.' : 'POST body is not valid JSON.', {
            extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
          });
        }
      });
    },
  };
}
