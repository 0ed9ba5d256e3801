/** Queries over HTTP POST to the gateway that served the page. */

export const GRAPHQL_PATH = '/graphql';

export function httpEndpoint(): string {
  return new URL(GRAPHQL_PATH, window.location.href).toString();
}

export function wsEndpoint(): string {
  const url = new URL(GRAPHQL_PATH, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

export async function query<T>(text: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(httpEndpoint(), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query: text, variables }),
  });
  const body = (await res.json().catch(() => null)) as { data?: T; errors?: { message: string }[] } | null;
  if (body?.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  if (!body?.data) throw new Error(`the gateway answered HTTP ${res.status} without data`);
  return body.data;
}

export interface ActorOption {
  key: string;
  name: string;
  kind: string;
}

export interface TopicOption {
  key: string;
  statementCount: number;
}

export async function searchActors(search: string): Promise<ActorOption[]> {
  const data = await query<{ actors: { edges: { node: ActorOption }[] } }>(
    `query SearchActors($search: String) { actors(search: $search, first: 10) { edges { node { key name kind } } } }`,
    { search },
  );
  return data.actors.edges.map((e) => e.node);
}

export async function actorByKey(key: string): Promise<ActorOption> {
  const data = await query<{ actor: ActorOption }>(`query Actor($key: String!) { actor(key: $key) { key name kind } }`, { key });
  return data.actor;
}

export async function listTopics(): Promise<TopicOption[]> {
  const data = await query<{ topics: { edges: { node: TopicOption }[] } }>(
    `query Topics { topics(first: 100) { edges { node { key statementCount } } } }`,
  );
  return data.topics.edges.map((e) => e.node);
}

/** What the dashboard shows of each new statement: its speaker, its outlets, what contradicts it. */
export const STATEMENT_ADDED = `subscription Dashboard($filter: StatementFilter, $after: String) {
  statementAdded(filter: $filter, after: $after) {
    cursor
    statement {
      key
      text
      saidAt
      speaker { key name }
      onBehalfOf { name }
      attestations { source { url title outlet { name } } }
      contradictions { origin statement { key text saidAt speaker { name } } }
    }
  }
}`;

export interface LiveStatement {
  key: string;
  text: string;
  saidAt: string;
  speaker: { key: string; name: string };
  onBehalfOf: { name: string } | null;
  attestations: { source: { url: string | null; title: string | null; outlet: { name: string } | null } }[];
  contradictions: { origin: 'EXPLICIT' | 'DERIVED'; statement: { key: string; text: string; saidAt: string; speaker: { name: string } } }[];
}

export interface StatementAddedData {
  statementAdded: { cursor: string; statement: LiveStatement };
}
