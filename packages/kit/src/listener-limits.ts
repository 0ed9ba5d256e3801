import http from 'node:http';

/** Timeouts and the connection cap of a public HTTP listener (README "Security and limits"). */
export interface ListenerLimits {
  /** whole request (headers and body) received within this; else 408 and closed. Default 15 s */
  requestTimeoutMs: number;
  /** headers received within this. Default 10 s */
  headersTimeoutMs: number;
  /** an idle keep-alive connection is closed after this. Default 5 s */
  keepAliveTimeoutMs: number;
  /** connections open at once (WebSockets included); beyond it new ones are closed at once. Default 1000 */
  maxConnections: number;
}

export const DEFAULT_LISTENER_LIMITS: ListenerLimits = {
  requestTimeoutMs: 15_000,
  headersTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1_000,
};

/**
 * An HTTP server whose slow clients cannot hold it: Node's defaults keep a connection that
 * trickles its body for 5 minutes (200 such stayed open after 30 s) and accept any number of
 * them. The request deadline covers receiving the request only, so long answers (SSE streams)
 * and upgraded WebSockets are not cut by it.
 */
export function createLimitedServer(limits: Partial<ListenerLimits> | undefined, handler: http.RequestListener): http.Server {
  const l = { ...DEFAULT_LISTENER_LIMITS, ...limits };
  const server = http.createServer(
    {
      requestTimeout: l.requestTimeoutMs,
      headersTimeout: Math.min(l.headersTimeoutMs, l.requestTimeoutMs),
      // how often Node looks for requests past their deadline (its default, 30 s, is coarser than the deadline)
      connectionsCheckingInterval: Math.max(250, Math.min(1_000, Math.floor(l.requestTimeoutMs / 4))),
      keepAliveTimeout: l.keepAliveTimeoutMs,
    },
    handler,
  );
  server.maxConnections = l.maxConnections;
  return server;
}
