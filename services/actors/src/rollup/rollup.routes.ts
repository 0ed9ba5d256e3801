import { MAX_ROLLUP_TARGETS, ROLLUP_PATH, type Logger, type RollupRequest, type RollupResponse } from '@newsgraph/kit';
import { parseSaidAt } from '@newsgraph/news-package';
import express, { Express, Request, Response } from 'express';
import { PathItem, RollupService } from './rollup.service';

/** Bounds on one internal request (the roll-up's is the corridor's, in the kit). */
export { MAX_ROLLUP_TARGETS };
export const MAX_PATH_ITEMS = 10_000;
export const MAX_TOP_LEVEL_ACTORS = 10_000;

class BadRequest extends Error {}

/** `value[name]` when the value is an object (a parsed body, an item, an error), else undefined. */
function fieldOf(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function readTargets(body: unknown): RollupRequest['to'] {
  const to = fieldOf(body, 'to');
  if (!Array.isArray(to)) throw new BadRequest('body must be { "to": ["<actor key>", ...] }');
  if (to.length > MAX_ROLLUP_TARGETS) throw new BadRequest(`at most ${MAX_ROLLUP_TARGETS} targets per request, got ${to.length}`);
  to.forEach((t: unknown, k) => {
    if (typeof t !== 'string') throw new BadRequest(`to[${k}] must be a string`);
  });
  return to as string[];
}

function readPathItems(body: unknown): PathItem[] {
  const items = fieldOf(body, 'items');
  if (!Array.isArray(items)) throw new BadRequest('body must be { "items": [{ "actor": "<key>", "to": "<key>", "on": "YYYY-MM-DD" }, ...] }');
  if (items.length > MAX_PATH_ITEMS) throw new BadRequest(`at most ${MAX_PATH_ITEMS} items per request, got ${items.length}`);
  return items.map((item: unknown, k) => {
    const actor = fieldOf(item, 'actor');
    const to = fieldOf(item, 'to');
    const day = fieldOf(item, 'on');
    if (typeof actor !== 'string') throw new BadRequest(`items[${k}].actor must be a string`);
    if (typeof to !== 'string') throw new BadRequest(`items[${k}].to must be a string`);
    const on = typeof day === 'string' ? parseSaidAt(day) : null;
    if (!on) throw new BadRequest(`items[${k}].on must be a day (YYYY-MM-DD) or an ISO instant with an offset`);
    return { actor, to, on: on.day };
  });
}

function readActors(body: unknown): string[] {
  const actors = fieldOf(body, 'actors');
  if (!Array.isArray(actors)) throw new BadRequest('body must be { "actors": ["<actor key>", ...] }');
  if (actors.length > MAX_TOP_LEVEL_ACTORS) throw new BadRequest(`at most ${MAX_TOP_LEVEL_ACTORS} actors per request, got ${actors.length}`);
  actors.forEach((a: unknown, k) => {
    if (typeof a !== 'string') throw new BadRequest(`actors[${k}] must be a string`);
  });
  return actors as string[];
}

function handle<T>(read: (body: unknown) => T, answer: (input: T) => Promise<unknown>, logger?: Pick<Logger, 'error'>) {
  return async (req: Request, res: Response) => {
    let input: T;
    try {
      input = read(req.body);
    } catch (e) {
      if (e instanceof BadRequest) {
        res.status(400).json({ error: e.message });
        return;
      }
      throw e;
    }
    try {
      res.json(await answer(input));
    } catch (e) {
      if (logger) logger.error({ err: e, path: req.path }, `${req.path} failed`);
      else console.error(`[actors] ${req.path} failed:`, e);
      res.status(500).json({ error: 'internal error' });
    }
  };
}

/**
 * The roll-up for other services (the statements subgraph resolves "by" with it). Plain JSON over
 * HTTP rather than GraphQL: it is internal, batched and not part of the public schema.
 *
 * POST /internal/rollup    { to: [key] }                  -> { results: { key: { exists, intervals } } }
 * POST /internal/paths     { items: [{ actor, to, on }] } -> { results: [{ targetExists, steps: [step] | null }] }
 * POST /internal/top-level { actors: [key] }              -> { results: { key: [{ actor, from, to }] } }
 */
export function mountRollupRoutes(app: Express, rollup: RollupService, logger?: Pick<Logger, 'error'>): void {
  const json = express.json({ limit: '2mb' });
  // malformed JSON reaches here as an error from the body parser
  const badJson = (err: unknown, _req: Request, res: Response, next: (e?: unknown) => void) => {
    const status = fieldOf(err, 'status');
    if (fieldOf(err, 'type') === 'entity.parse.failed' || status === 400) res.status(400).json({ error: 'body is not valid JSON' });
    else if (status === 413) res.status(413).json({ error: 'body too large' });
    else next(err);
  };
  app.post(
    ROLLUP_PATH,
    json,
    badJson,
    handle(readTargets, async (targets): Promise<RollupResponse> => ({ results: Object.fromEntries(await rollup.rollup(targets)) }), logger),
  );
  app.post(
    '/internal/paths',
    json,
    badJson,
    handle(readPathItems, async (items) => ({ results: await rollup.paths(items) }), logger),
  );
  app.post(
    '/internal/top-level',
    json,
    badJson,
    handle(readActors, async (actors) => ({ results: Object.fromEntries(await rollup.topLevel(actors)) }), logger),
  );
}
