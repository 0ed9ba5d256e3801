import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { NextFunction, Request, Response } from 'express';

/** The header the gateway (and statements, on actors' internal endpoints) sends to a subgraph. */
export const SUBGRAPH_SECRET_HEADER = 'x-newsgraph-subgraph-secret';

/**
 * Constant-time comparison. Both sides are hashed first so that neither the length nor the content
 * of the expected secret leaks through timing.
 */
export function secretMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || given === '') return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

/** The secret header of a request (the first one, when repeated). */
export function secretHeader(req: http.IncomingMessage): string | undefined {
  const raw = req.headers[SUBGRAPH_SECRET_HEADER];
  return Array.isArray(raw) ? raw[0] : raw;
}

export const FORBIDDEN_BODY = {
  errors: [
    {
      message: `Forbidden: subgraphs answer only the newsgraph gateway (missing or wrong ${SUBGRAPH_SECRET_HEADER} header)`,
      extensions: { code: 'FORBIDDEN' },
    },
  ],
};

/**
 * Express middleware refusing, before any GraphQL work, requests without the right secret.
 * With no secret configured (development only; config refuses that in production) it lets all through.
 */
export function requireSubgraphSecret(secret: string | undefined) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (secret === undefined || secretMatches(secret, secretHeader(req))) {
      next();
      return;
    }
    res.status(403).json(FORBIDDEN_BODY);
  };
}

/** The secret in a graphql-ws connection_init payload: top level, or under `headers`. */
export function secretInConnectionParams(params: Record<string, unknown> | undefined): unknown {
  if (!params) return undefined;
  const direct = params[SUBGRAPH_SECRET_HEADER];
  if (direct !== undefined) return direct;
  const headers = params.headers;
  if (headers && typeof headers === 'object') {
    const entry = Object.entries(headers).find(([k]) => k.toLowerCase() === SUBGRAPH_SECRET_HEADER);
    return entry?.[1];
  }
  return undefined;
}
