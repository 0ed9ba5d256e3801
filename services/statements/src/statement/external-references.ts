import { currentScope, REQUEST_ID_HEADER, traceHeaders } from '@newsgraph/kit';
import type { PackageStatement, Problem } from '@newsgraph/news-package';
import { GraphQLError } from 'graphql';

/**
 * Which of the actor and source keys a write names exist. Speakers and sources live in other
 * subgraphs, so the statements subgraph asks them (their `actorsByKeys` / `sourcesByKeys`,
 * through their /graphql with the subgraph secret): a write names only things that exist, whoever
 * sends it, and the CLI's checks are no longer the only ones.
 */
export interface ExternalReferences {
  existingActors(keys: readonly string[]): Promise<Set<string>>;
  existingSources(keys: readonly string[]): Promise<Set<string>>;
}

const MAX_KEYS = 500;

async function existing(url: string, service: string, field: string, keys: readonly string[], headers: Record<string, string>): Promise<Set<string>> {
  const found = new Set<string>();
  const scope = currentScope();
  for (let i = 0; i < keys.length; i += MAX_KEYS) {
    const part = keys.slice(i, i + MAX_KEYS);
    let body: { data?: Record<string, Array<{ key: string } | null>>; errors?: unknown[] };
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers, ...traceHeaders(), ...(scope ? { [REQUEST_ID_HEADER]: scope.requestId } : {}) },
        body: JSON.stringify({ query: `query($k:[String!]!){ ${field}(keys:$k){ key } }`, variables: { k: part } }),
        signal: AbortSignal.timeout(5_000),
      });
      body = (await res.json()) as typeof body;
    } catch (e) {
      throw new GraphQLError(`The ${service} service is unreachable, so the write's references cannot be checked; nothing was written`, {
        extensions: { code: 'SERVICE_UNAVAILABLE', service },
        originalError: e as Error,
      });
    }
    if (!body.data?.[field]) {
      throw new GraphQLError(`The ${service} service did not answer ${field}; nothing was written`, { extensions: { code: 'SERVICE_UNAVAILABLE', service } });
    }
    for (const item of body.data[field]) if (item) found.add(item.key);
  }
  return found;
}

export function createHttpExternalReferences(actorsUrl: string, sourcesUrl: string, headers: Record<string, string> = {}): ExternalReferences {
  return {
    existingActors: (keys) => existing(actorsUrl, 'actors', 'actorsByKeys', keys, headers),
    existingSources: (keys) => existing(sourcesUrl, 'sources', 'sourcesByKeys', keys, headers),
  };
}

/** Problems for every speaker, onBehalfOf and attestation source that names nothing, at their paths. */
export async function unknownExternalReferences(statements: readonly PackageStatement[], refs: ExternalReferences): Promise<Problem[]> {
  const actorKeys = new Set<string>();
  const sourceKeys = new Set<string>();
  for (const s of statements) {
    actorKeys.add(s.speaker);
    if (s.onBehalfOf) actorKeys.add(s.onBehalfOf);
    for (const a of s.attestations ?? []) sourceKeys.add(a.source);
  }
  if (actorKeys.size === 0 && sourceKeys.size === 0) return [];
  const [actors, sources] = await Promise.all([refs.existingActors([...actorKeys]), refs.existingSources([...sourceKeys])]);
  const problems: Problem[] = [];
  statements.forEach((s, i) => {
    if (!actors.has(s.speaker)) problems.push({ path: `/statements/${i}/speaker`, message: `unknown actor "${s.speaker}" (no actor has this key)` });
    if (s.onBehalfOf && !actors.has(s.onBehalfOf)) {
      problems.push({ path: `/statements/${i}/onBehalfOf`, message: `unknown actor "${s.onBehalfOf}" (no actor has this key)` });
    }
    (s.attestations ?? []).forEach((a, j) => {
      if (!sources.has(a.source))
        problems.push({ path: `/statements/${i}/attestations/${j}/source`, message: `unknown source "${a.source}" (no source has this key)` });
    });
  });
  return problems;
}
