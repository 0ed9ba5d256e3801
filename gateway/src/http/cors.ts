import type http from 'node:http';

/**
 * One cross-origin policy for every HTTP response and every WebSocket handshake.
 *
 * newsgraph honours no ambient credential (no cookies, no HTTP auth: writes carry a bearer token
 * that a page must add itself), so a page on any site can do exactly what a plain client can. By
 * default every origin may therefore read, and nothing ever says `Access-Control-Allow-Credentials`:
 * should cookie auth ever be added, browsers would still refuse to send them cross-site. With an
 * allow-list, only those origins (and the gateway's own) may read over HTTP or open a WebSocket.
 */
export interface CorsPolicy {
  /** null: any origin */
  allowedOrigins: ReadonlySet<string> | null;
}

/** How long a browser may reuse a preflight answer (Chromium caps it at 7200 s). */
export const PREFLIGHT_MAX_AGE_SECONDS = 7200;
/** Response headers a cross-origin script may read, besides the CORS-safelisted ones. */
export const EXPOSED_HEADERS = ['x-request-id', 'retry-after', 'etag'];
const METHODS = 'GET, HEAD, POST, OPTIONS';
/** A list of header names, as browsers send in Access-Control-Request-Headers. */
const HEADER_LIST = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+(\s*,\s*[A-Za-z0-9!#$%&'*+.^_`|~-]+)*$/;

export function createCorsPolicy(allowedOrigins: readonly string[] = []): CorsPolicy {
  const list = allowedOrigins.map(normalizeOrigin).filter((o): o is string => o !== undefined);
  return { allowedOrigins: list.length ? new Set(list) : null };
}

function normalizeOrigin(origin: string): string | undefined {
  try {
    const url = new URL(origin.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

export type OriginDecision = { allowed: true; reflect: string | null } | { allowed: false; reason: string };

/**
 * Whether a request from `origin` may be read. `reflect` is what Access-Control-Allow-Origin
 * says: `*` when any origin may, the origin itself under an allow-list, null for requests that
 * need no CORS (no Origin: not a browser; or the gateway's own origin).
 */
export function decideOrigin(policy: CorsPolicy, origin: string | undefined, host: string | undefined): OriginDecision {
  if (!origin) return { allowed: true, reflect: null };
  const normalized = normalizeOrigin(origin);
  if (normalized && host && new URL(normalized).host === host.toLowerCase()) return { allowed: true, reflect: null };
  // any origin, also `null` (sandboxed frames, file: pages)
  if (!policy.allowedOrigins) return { allowed: true, reflect: '*' };
  if (!normalized)
    return { allowed: false, reason: `Origin "${origin}" is not an http(s) origin; NEWSGRAPH_ALLOWED_ORIGINS lists the origins that may use this gateway.` };
  if (policy.allowedOrigins.has(normalized)) return { allowed: true, reflect: normalized };
  return { allowed: false, reason: `Origin ${normalized} is not allowed: NEWSGRAPH_ALLOWED_ORIGINS lists the origins that may use this gateway.` };
}

/** Headers for a response (not a preflight) to this request. */
export function corsHeaders(policy: CorsPolicy, req: http.IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  // Under an allow-list the answer depends on Origin: caches must keep one copy per origin.
  if (policy.allowedOrigins) headers.vary = 'Origin';
  const decision = decideOrigin(policy, req.headers.origin, req.headers.host);
  if (decision.allowed && decision.reflect) {
    headers['access-control-allow-origin'] = decision.reflect;
    headers['access-control-expose-headers'] = EXPOSED_HEADERS.join(', ');
  }
  return headers;
}

export function isPreflight(req: http.IncomingMessage): boolean {
  return req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
}

/** Answers a CORS preflight: 204 with the grant, or 403 with the reason. */
export function answerPreflight(policy: CorsPolicy, req: http.IncomingMessage, res: http.ServerResponse): void {
  const decision = decideOrigin(policy, req.headers.origin, req.headers.host);
  const vary = policy.allowedOrigins ? 'Origin, Access-Control-Request-Headers' : 'Access-Control-Request-Headers';
  if (!decision.allowed) {
    res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', vary }).end(decision.reason);
    return;
  }
  const requested = String(req.headers['access-control-request-headers'] ?? '').trim();
  const headers: Record<string, string> = {
    'access-control-allow-origin': decision.reflect ?? String(req.headers.origin ?? '*'),
    'access-control-allow-methods': METHODS,
    'access-control-max-age': String(PREFLIGHT_MAX_AGE_SECONDS),
    vary,
  };
  // Any request header may be sent (the request carries no ambient credential); echoing the
  // browser's list is how to say so for Authorization, which the `*` wildcard does not cover.
  if (requested && HEADER_LIST.test(requested)) headers['access-control-allow-headers'] = requested;
  res.writeHead(204, headers).end();
}
