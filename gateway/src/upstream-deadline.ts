import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';

/**
 * A deadline on every subgraph request of a query or mutation: past it the request is aborted
 * (the subgraph then cancels its database query) and the field fails with `UPSTREAM_TIMEOUT`
 * (error-masking maps the `GATEWAY_TIMEOUT` code and names the subgraph).
 *
 * Why not the runtime's `upstreamTimeout` option: its timer is an `AbortSignal.timeout` whose
 * rejection is only awaited when the subgraph call returns a promise. A call that answers at once
 * (an aborted caller, an answer merged with one in flight) left a deadline that fired seconds later
 * as an unhandled rejection and stopped the process. Here the timer is cleared whatever the call
 * returns, and nothing rejects that nobody awaits.
 *
 * Subscriptions get none: they are meant to stay open. A streamed answer (an async iterable) is
 * bounded until its stream starts; the stream's own end is the client's business.
 */
export function useUpstreamDeadline(deadlineMs: number): GatewayPlugin {
  return {
    onSubgraphExecute({ subgraphName, executionRequest, executor, setExecutor }) {
      if (executionRequest.operationType === 'subscription') return;
      setExecutor((request) => {
        const deadline = new AbortController();
        const signal = request.signal ? AbortSignal.any([request.signal, deadline.signal]) : deadline.signal;
        let fire: (() => void) | undefined;
        const timer = setTimeout(() => {
          deadline.abort(new DOMException(`no answer within ${deadlineMs} ms`, 'TimeoutError'));
          fire?.();
        }, deadlineMs);
        const result = clearingOnThrow(() => executor({ ...request, signal }), timer);
        if (!isThenable(result)) {
          clearTimeout(timer);
          return result;
        }
        return new Promise<Awaited<typeof result>>((resolve, reject) => {
          fire = () =>
            reject(
              new GraphQLError(`Subgraph "${subgraphName}" did not answer within ${deadlineMs} ms.`, {
                extensions: { code: 'GATEWAY_TIMEOUT', serviceName: subgraphName },
              }),
            );
          Promise.resolve(result).then(
            (value) => {
              clearTimeout(timer);
              resolve(value);
            },
            (e: unknown) => {
              clearTimeout(timer);
              reject(e);
            },
          );
        });
      });
    },
  };
}

function clearingOnThrow<T>(call: () => T, timer: NodeJS.Timeout): T {
  try {
    return call();
  } catch (e) {
    clearTimeout(timer);
    throw e;
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
