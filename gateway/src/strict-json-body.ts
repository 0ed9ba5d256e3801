import { GraphQLError } from 'graphql';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { describeUtf8Fault, firstInvalidUtf8 } from '@newsgraph/kit';

/**
 * POST bodies must be UTF-8 (RFC 8259 section 8.1): the runtime decoded them leniently and a
 * request carrying "Espa\xF1a" in Latin-1 stored "Espa\uFFFDa". This wraps the runtime's body
 * parser so that `json()` decodes strictly: an invalid byte is a 400 BAD_REQUEST saying where.
 */
export function useStrictJsonBody(): GatewayPlugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser }) {
      if (request.method !== 'POST' || !requestParser) return;
      setRequestParser((req: Request) => {
        const strict = new Proxy(req, {
          get(target, property) {
            if (property === 'json') {
              return async () => {
                const bytes = new Uint8Array(await target.arrayBuffer());
                const fault = firstInvalidUtf8(bytes);
                if (fault) {
                  throw new GraphQLError(`The request body is not valid JSON: invalid UTF-8 at ${describeUtf8Fault(fault)} (JSON must be UTF-8, RFC 8259).`, {
                    extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
                  });
                }
                return JSON.parse(Buffer.from(bytes).toString('utf8'));
              };
            }
            const value = Reflect.get(target, property, target);
            return typeof value === 'function' ? value.bind(target) : value;
          },
        });
        return requestParser(strict);
      });
    },
  };
}
