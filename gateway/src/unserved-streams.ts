import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof (value as AsyncIterable<unknown> | null)?.[Symbol.asyncIterator] === 'function';
}

/**
 * A subscription POSTed with an Accept header no result processor serves (Apollo Client's
 * `multipart/mixed;subscriptionSpec="1.0"` when multipart is not served) is already running when the
 * runtime finds it cannot answer: it replied 406 and left the stream, and the subgraph subscription
 * under it, open for good. Registered after every plugin that can serve a stream, this one sees
 * that none chose to, ends the stream (which ends it upstream) and answers the 406 itself, saying
 * what is served.
 */
export function useEndUnservedStreams(): GatewayPlugin {
  return {
    onResultProcess({ result, resultProcessor, acceptableMediaTypes, setResultProcessor }) {
      if (resultProcessor || !isAsyncIterable(result)) return;
      setResultProcessor((stream, fetchAPI) => {
        void Promise.resolve((stream as AsyncIterable<unknown>)[Symbol.asyncIterator]().return?.()).catch(() => undefined);
        const served = [...new Set(acceptableMediaTypes)].join(', ');
        return new fetchAPI.Response(
          JSON.stringify({
            errors: [
              {
                message: `A subscription over HTTP needs an Accept header the gateway serves (${served}); or use graphql-ws at this URL.`,
                extensions: { code: 'NOT_ACCEPTABLE' },
              },
            ],
          }),
          { status: 406, headers: { 'content-type': 'application/json; charset=utf-8', accept: served } },
        );
      }, 'application/json');
    },
  };
}
