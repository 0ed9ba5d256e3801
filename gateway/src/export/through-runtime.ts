import { IncomingMessage } from 'node:http';
import { GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { Execute, GraphQLAnswer } from './execute';

/**
 * An Execute that sends the operation through the runtime in-process: no socket, but the whole
 * plugin chain (limits, planner, masking, observability) as for a client's POST. The caller's
 * request id travels on, so the export's page requests log under the export's id.
 */
export function executeThrough(runtime: GatewayRuntime, req: IncomingMessage): Execute {
  const id = req.headers['x-request-id'];
  const requestId = typeof id === 'string' ? id : undefined;
  return async <T>(query: string, variables: Record<string, unknown>, signal: AbortSignal) => {
    const response = await runtime.fetch('http://gateway.internal/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        ...(requestId ? { 'x-request-id': requestId } : {}),
      },
      body: JSON.stringify({ query, variables }),
      signal,
    });
    return (await response.json()) as GraphQLAnswer<T>;
  };
}
