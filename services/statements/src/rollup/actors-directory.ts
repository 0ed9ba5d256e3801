import { currentScope, REQUEST_ID_HEADER, traceHeaders } from '@newsgraph/kit';
import { GraphQLError } from 'graphql';
import { coalesceRollups } from './coalesce';

/** Days during which one actor rolls up to a target: `[from, to)`, null = unbounded. */
export interface RollupInterval {
  actor: string;
  from: string | null;
  to: string | null;
}

export interface RollupResult {
  exists: boolean;
  intervals: RollupInterval[];
}

/** One step of a roll-up path, child -> parent, as the actors subgraph explains it. */
export interface PathStep {
  child: string;
  parent: string;
  relation: 'PART_OF' | 'MEMBER_OF';
  role: string | null;
  /** a membership's dates as given (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`); null for `partOf` and open ends */
  from: string | null;
  to: string | null;
}

export interface PathResult {
  targetExists: boolean;
  /** null when the actor does not roll up to the target that day */
  steps: PathStep[] | null;
}

/**
 * What the statements subgraph needs from the actors subgraph: who rolls up to an actor, and when.
 * The actors subgraph owns memberships and `partOf`, so "by" is answered by asking it at query
 * time; a membership ingested later changes the next answer with no recomputation here.
 */
export interface ActorsDirectory {
  rollup(targets: readonly string[]): Promise<Map<string, RollupResult>>;
  ancestors(items: readonly { actor: string; on: string }[]): Promise<string[][]>;
  /** why `actor` rolls up to `to` on day `on`: the path of edges, per item */
  paths(items: readonly { actor: string; to: string; on: string }[]): Promise<PathResult[]>;
  /** per actor: the top-level actors it rolls up to (countries, international bodies) and on which days */
  topLevel(actors: readonly string[]): Promise<Map<string, RollupInterval[]>>;
}

function correlationHeaders(): Record<string, string> {
  const scope = currentScope();
  return { ...traceHeaders(), ...(scope ? { [REQUEST_ID_HEADER]: scope.requestId } : {}) };
}

/** The actors subgraph's internal HTTP endpoints. */
export function createHttpActorsDirectory(baseUrl: string, headers: Record<string, string> = {}): ActorsDirectory {
  const origin = new URL(baseUrl).origin;
  async function post<T>(path: string, body: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${origin}${path}`, {
        method: 'POST',
        // the request this call serves, so actors' logs and spans join it
        headers: { 'content-type': 'application/json', ...headers, ...correlationHeaders() },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (e) {
      throw new GraphQLError('The actors service is unreachable, so "by" cannot be resolved right now', {
        extensions: { code: 'SERVICE_UNAVAILABLE', service: 'actors' },
        originalError: e as Error,
      });
    }
    if (!res.ok) {
      throw new GraphQLError(`The actors service answered ${res.status} to ${path}`, {
        extensions: { code: 'SERVICE_UNAVAILABLE', service: 'actors' },
      });
    }
    return (await res.json()) as T;
  }
  // concurrent callers (queries, a burst of new subscriptions) share requests; at most 4 at once
  const rollup = coalesceRollups(async (targets) => {
    const body = await post<{ results: Record<string, RollupResult> }>('/internal/rollup', { to: targets });
    return new Map(targets.map((t) => [t, body.results[t] ?? { exists: false, intervals: [] }]));
  });
  return {
    rollup: (targets) => rollup([...targets]),
    async ancestors(items) {
      if (items.length === 0) return [];
      const body = await post<{ results: string[][] }>('/internal/ancestors', { items });
      return body.results;
    },
    async paths(items) {
      if (items.length === 0) return [];
      const body = await post<{ results: PathResult[] }>('/internal/paths', { items });
      return body.results;
    },
    async topLevel(actors) {
      if (actors.length === 0) return new Map();
      const body = await post<{ results: Record<string, RollupInterval[]> }>('/internal/top-level', { actors });
      return new Map(actors.map((a) => [a, body.results[a] ?? []]));
    },
  };
}
