import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** The header a request id travels in, from the client through the gateway into each subgraph. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * What is known about the request being served. It lives in an AsyncLocalStorage so that every
 * log line written while serving it can name it, however deep the code that writes.
 */
export interface RequestScope {
  requestId: string;
  /** the GraphQL operation name, once known */
  operation?: string | null;
  /** the client operation this request serves, as the gateway names it */
  clientOperation?: string;
  /** query, mutation or subscription, once known */
  type?: string;
  /** the response carries errors */
  failed?: boolean;
  /** the request's span, for log lines when no context manager tracks the active span (the gateway) */
  traceId?: string;
  spanId?: string;
  /** aborted when the caller goes away before the answer is sent (its database queries are then cancelled) */
  signal?: AbortSignal;
}

const storage = new AsyncLocalStorage<RequestScope>();

export function currentScope(): RequestScope | undefined {
  return storage.getStore();
}

export function inScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

// Ids are echoed in responses and written to logs: only a short, plain alphabet is let through.
const ACCEPTED_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's request id when it is acceptable (one header value, plain characters), else a fresh one. */
export function acceptRequestId(raw: string | string[] | null | undefined): string {
  const value = Array.isArray(raw) ? (raw.length === 1 ? raw[0] : undefined) : raw;
  return value && ACCEPTED_ID.test(value) ? value : randomUUID();
}
