import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

/**
 * Subscriptions over HTTP multipart, as Apollo Client's HttpLink asks for them
 * (`Accept: multipart/mixed;subscriptionSpec=1.0`): one `application/json` part per event, the
 * event wrapped as `{"payload": …}`, an empty `{}` part every few seconds so that proxies keep the
 * idle response open, and a closing boundary when the stream ends. The runtime speaks multipart
 * only for incremental delivery (@defer), not for subscriptions; SSE and graphql-ws stay as they are.
 */
export const HEARTBEAT_MS = 5_000;
export const MULTIPART_SUBSCRIPTION_TYPE = 'multipart/mixed;boundary="graphql";subscriptionSpec="1.0"';

const BOUNDARY = '\r\n--graphql';

/** Whether the Accept header asks for Apollo's multipart subscription protocol. */
export function acceptsMultipartSubscription(accept: string | null): boolean {
  if (!accept) return false;
  return accept.split(',').some((range) => {
    const [type, ...params] = range.split(';').map((s) => s.trim().toLowerCase());
    return type === 'multipart/mixed' && params.some((p) => p.replace(/"/g, '') === 'subscriptionspec=1.0');
  });
}

/** What of the runtime's fetch API a result processor receives the stream needs. */
type FetchAPI = Pick<
  Parameters<Parameters<Parameters<NonNullable<GatewayPlugin['onResultProcess']>>[0]['setResultProcessor']>[0]>[1],
  'TextEncoder' | 'ReadableStream' | 'Response'
>;

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === 'function';
}

function part(json: string): string {
  return `\r\ncontent-type: application/json; charset=utf-8\r\n\r\n${json}${BOUNDARY}`;
}

/** What a client may see of an event: the runtime's internal extensions stay behind. */
function publicResult(event: unknown): unknown {
  const out: Record<string, unknown> = {};
  if (typeof event !== 'object' || event === null) return out;
  const value = event as { data?: unknown; errors?: unknown[]; extensions?: Record<string, unknown> };
  if ('data' in value) out.data = value.data;
  if (value.errors?.length) out.errors = value.errors;
  if (value.extensions) {
    const { http: _http, ...rest } = value.extensions;
    if (Object.keys(rest).length) out.extensions = rest;
  }
  return out;
}

export function processMultipartSubscription(result: AsyncIterable<unknown>, fetchAPI: FetchAPI, heartbeatMs = HEARTBEAT_MS): Response {
  const iterator = result[Symbol.asyncIterator]();
  const encoder = new fetchAPI.TextEncoder();
  let heartbeat: NodeJS.Timeout | undefined;
  let open = true;
  const stop = () => {
    open = false;
    if (heartbeat) clearInterval(heartbeat);
  };
  const stream = new fetchAPI.ReadableStream({
    start(controller: ReadableStreamDefaultController) {
      const push = (text: string) => {
        if (open) controller.enqueue(encoder.encode(text));
      };
      push(BOUNDARY);
      heartbeat = setInterval(() => push(part('{}')), heartbeatMs);
      void (async () => {
        try {
          for (;;) {
            const { done, value } = await iterator.next();
            if (done || !open) break;
            push(part(JSON.stringify({ payload: publicResult(value) })));
          }
        } catch (e) {
          // a transport-level failure: the protocol's `payload: null` with the reason
          push(part(JSON.stringify({ payload: null, errors: [{ message: e instanceof Error ? e.message : String(e) }] })));
        }
        if (!open) return;
        push('--\r\n');
        stop();
        controller.close();
      })();
    },
    cancel() {
      // the client went away: end the upstream subscription too
      stop();
      void iterator.return?.();
    },
  });
  return new fetchAPI.Response(stream, {
    status: 200,
    headers: {
      'content-type': MULTIPART_SUBSCRIPTION_TYPE,
      'cache-control': 'no-store',
      connection: 'keep-alive',
    },
  });
}

export function useMultipartSubscriptions(heartbeatMs = HEARTBEAT_MS): GatewayPlugin {
  return {
    onResultProcess({ request, result, resultProcessor, setResultProcessor }) {
      if (resultProcessor) return;
      if (!isAsyncIterable(result)) return;
      if (!acceptsMultipartSubscription(request.headers.get('accept'))) return;
      setResultProcessor((r, fetchAPI) => processMultipartSubscription(r as AsyncIterable<unknown>, fetchAPI, heartbeatMs), 'multipart/mixed');
    },
  };
}
