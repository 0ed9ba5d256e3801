import { ActorKind } from '../types';
import { GraphLookup, KnownActor, KnownClaim, KnownStatement, SEARCH_PAGE } from './lookup';

/** The part of `fetch` the adapter uses (the global one fits). */
export type LookupFetch = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string; signal?: AbortSignal },
) => Promise<{ status: number; text(): Promise<string> }>;

export interface GatewayLookupOptions {
  /** the gateway's GraphQL endpoint, e.g. http://localhost:4000/graphql */
  url: string;
  /** @default globalThis.fetch */
  fetch?: LookupFetch;
  /** per request; @default 10000 */
  timeoutMs?: number;
  /** how long answers are reused (a watcher runs for days; claims and actors get added); @default 60000 */
  cacheMs?: number;
  /** at most this many claims are read (100 per request); @default 5000 */
  maxClaims?: number;
  /** clock for the cache; @default Date.now */
  now?: () => number;
}

/** The gateway answered with errors, or could not be reached. */
export class LookupError extends Error {}

const ACTORS = `query ExtractFindActors($s: String!) {
  actors(search: $s, first: ${SEARCH_PAGE}) { edges { node { key kind name aliases { value } } } }
}`;
const CLAIMS = `query ExtractListClaims($after: String) {
  claims(first: 100, after: $after) {
    edges { node { key text topics { key } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const STATEMENTS = `query ExtractFindStatements($k: [String!]!) {
  statementsByKeys(keys: $k) {
    key text language form saidAt venue ownTopics
    speaker { key } onBehalfOf { key }
    stances { stance claim { key } }
    relations { type statement { key } }
    attestations { quotedText source { key } }
    extraction { confidence start end review }
  }
}`;
const OUTLETS = `query ExtractFindOutlets($s: String!) { outlets(search: $s, first: 100) { edges { node { key name } } } }`;
const ACTOR_KEYS = `query ExtractActorKeys($k: [String!]!) { actorsByKeys(keys: $k) { key } }`;

interface StatementNode {
  key: string;
  text: string;
  language: string | null;
  form: KnownStatement['form'] | null;
  saidAt: string;
  venue: string | null;
  ownTopics: string[];
  speaker: { key: string } | null;
  onBehalfOf: { key: string } | null;
  stances: Array<{ stance: 'AFFIRMS' | 'DENIES'; claim: { key: string } }>;
  relations: Array<{ type: KnownStatement['relations'][number]['type']; statement: { key: string } }>;
  attestations: Array<{ quotedText: string | null; source: { key: string } }>;
  extraction: KnownStatement['extraction'] | null;
}

function knownStatement(n: StatementNode, speaker: string): KnownStatement {
  return {
    key: n.key,
    speaker,
    ...(n.onBehalfOf ? { onBehalfOf: n.onBehalfOf.key } : {}),
    text: n.text,
    ...(n.language ? { language: n.language } : {}),
    ...(n.form ? { form: n.form } : {}),
    saidAt: n.saidAt,
    ...(n.venue ? { venue: n.venue } : {}),
    topics: n.ownTopics,
    stances: n.stances.map((s) => ({ claim: s.claim.key, stance: s.stance })),
    relations: n.relations.map((r) => ({ type: r.type, statement: r.statement.key })),
    attestations: n.attestations.map((a) => ({ source: a.source.key, ...(a.quotedText !== null ? { quotedText: a.quotedText } : {}) })),
    ...(n.extraction ? { extraction: n.extraction } : {}),
  };
}

interface ActorNode {
  key: string;
  kind: ActorKind;
  name: string;
  aliases: Array<{ value: string }>;
}
interface ClaimPage {
  claims: {
    edges: Array<{ node: { key: string; text: string; topics: Array<{ key: string }> } }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/**
 * `GraphLookup` over the gateway's public read API (no token: reads are open). Answers are cached
 * for `cacheMs`, so extracting a folder asks for each name and for the claims once.
 */
export function createGatewayLookup(options: GatewayLookupOptions): GraphLookup {
  const { url } = options;
  const doFetch: LookupFetch = options.fetch ?? ((u, init) => fetch(u, init));
  const timeoutMs = options.timeoutMs ?? 10_000;
  const cacheMs = options.cacheMs ?? 60_000;
  const maxClaims = options.maxClaims ?? 5000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { at: number; value: Promise<unknown> }>();

  async function post<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    let status: number;
    let text: string;
    try {
      const res = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = res.status;
      text = await res.text();
    } catch (error) {
      throw new LookupError(`cannot reach the gateway at ${url}: ${error instanceof Error ? error.message : String(error)}`);
    }
    let body: { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
    try {
      body = JSON.parse(text);
    } catch {
      throw new LookupError(`the gateway at ${url} answered HTTP ${status} without GraphQL: ${text.slice(0, 200)}`);
    }
    if (body.errors?.length) {
      throw new LookupError(`the gateway at ${url} refused a lookup: ${body.errors.map((e) => `[${e.extensions?.code ?? 'ERROR'}] ${e.message}`).join('; ')}`);
    }
    if (!body.data) throw new LookupError(`the gateway at ${url} answered HTTP ${status} without data`);
    return body.data;
  }

  function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = cache.get(key);
    if (hit && now() - hit.at < cacheMs) return hit.value as Promise<T>;
    const value = load();
    cache.set(key, { at: now(), value });
    // a failure is not remembered: the next article asks again
    value.catch(() => cache.delete(key));
    return value;
  }

  return {
    findActors(text) {
      return cached(`a:${text}`, async () => {
        const data = await post<{ actors: { edges: Array<{ node: ActorNode }> } }>(ACTORS, { s: text });
        return data.actors.edges.map(({ node }): KnownActor => ({
          key: node.key,
          kind: node.kind,
          name: node.name,
          aliases: node.aliases.map((a) => a.value),
        }));
      });
    },
    // never cached: a statement written a moment ago (the previous article of a folder) counts
    async findStatements(keys) {
      const out: KnownStatement[] = [];
      for (let i = 0; i < keys.length; i += 500) {
        const data = await post<{ statementsByKeys: Array<StatementNode | null> }>(STATEMENTS, { k: keys.slice(i, i + 500) });
        for (const n of data.statementsByKeys) {
          // a statement whose speaker cannot be resolved right now cannot be rewritten safely
          if (n && !n.speaker) throw new LookupError(`statement ${n.key}: its speaker could not be read (is the actors service up?)`);
          if (n) out.push(knownStatement(n, n.speaker!.key));
        }
      }
      return out;
    },
    async existingActors(keys) {
      const found = new Set<string>();
      for (let i = 0; i < keys.length; i += 500) {
        const part = keys.slice(i, i + 500);
        const data = await post<{ actorsByKeys: Array<{ key: string } | null> }>(ACTOR_KEYS, { k: part });
        data.actorsByKeys.forEach((a, j) => a && found.add(part[j]));
      }
      return found;
    },
    findOutlets(name) {
      return cached(`o:${name}`, async () => {
        const data = await post<{ outlets: { edges: Array<{ node: { key: string; name: string } }> } }>(OUTLETS, { s: name });
        return data.outlets.edges.map(({ node }) => ({ key: node.key, name: node.name }));
      });
    },
    listClaims() {
      return cached('claims', async () => {
        const claims: KnownClaim[] = [];
        let after: string | null = null;
        do {
          const page: ClaimPage = await post<ClaimPage>(CLAIMS, { after });
          for (const { node } of page.claims.edges) claims.push({ key: node.key, text: node.text, topics: node.topics.map((t) => t.key) });
          after = page.claims.pageInfo.hasNextPage ? page.claims.pageInfo.endCursor : null;
        } while (after && claims.length < maxClaims);
        return claims;
      });
    },
  };
}
