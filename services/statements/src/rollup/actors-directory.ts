import {
  currentScope,
  MAX_ROLLUP_TARGETS,
  parseRollupResponse,
  REQUEST_ID_HEADER,
  ROLLUP_PATH,
  RollupContractError,
  traceHeaders,
  type RollupInterval,
  type RollupRequest,
  type RollupResult,
} from '@newsgraph/kit';
import { GraphQLError } from 'graphql';
import { coalesceRollups } from './coalesce';

// the corridor's wire types are the kit's (rollup-contract.ts), shared with the actors subgraph
export type { RollupInterval, RollupResult };

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
    return (await postRaw(path, body)) as T;
  }
  async function postRaw(path: string, body: unknown): Promise<unknown> {
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
    return res.json();
  }
  // concurrent callers (queries, a burst of new subscriptions) share requests; at most 4 at once
  const rollup = coalesceRollups(
    async (targets) => {
      const request: RollupRequest = { to: targets };
      const body = await postRaw(ROLLUP_PATH, request);
      try {
        return parseRollupResponse(body, targets);
      } catch (e) {
        if (!(e instanceof RollupContractError)) throw e;
        throw new GraphQLError(`The actors service answered off contract: ${e.message}`, {
          extensions: { code: 'SERVICE_UNAVAILABLE', service: 'actors' },
          originalError: e,
        });
      }
    },
    { maxTargets: MAX_ROLLUP_TARGETS },
  );
  return {
    rollup: (targets) => rollup([...targets]),
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
