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
  const data = await query<{ topics: { edges: { node: TopicOption }[] } }>(`query Topics { topics(first: 100) { edges { node { key statementCount } } } }`);
  return data.topics.edges.map((e) => e.node);
}

/**
 * What the dashboard shows of a statement: speaker, what it says about which claim, its sources
 * (outlet, title, date, link), what contradicts it and, when the page watches an actor, why the
 * statement counts as that actor's (the roll-up path on the day it was said).
 */
function statementFields(withWhy: boolean): string {
  return `fragment LiveStatement on Statement {
  key
  text
  saidAt
  speaker { key name }
  onBehalfOf { name }
  stances { stance claim { key text } }
  attestations { source { url title publishedAt outlet { name } } }
  contradictions { origin statement { key text saidAt speaker { name } } }
  ${withWhy ? 'attribution(to: $by) { ...Why }' : ''}
}${withWhy ? `\n${WHY_FIELDS}` : ''}`;
}

/**
 * The statement list's subscription carries keys only: the page asks for what it shows of them
 * in batches (`statementsByKeysQuery`), so a burst of a thousand statements is a few requests
 * with batched lookups in the subgraphs, not a thousand separate resolutions of every field.
 */
export const STATEMENT_ADDED = `subscription Dashboard($filter: StatementFilter, $after: String) {
  statementAdded(filter: $filter, after: $after) {
    cursor
    statement { key }
  }
}`;

/** What the list shows of statements that just arrived (at most 500 keys). */
export function statementsByKeysQuery(withWhy: boolean): string {
  return `query DashboardStatements($keys: [String!]!${withWhy ? ', $by: String!' : ''}) {
  statementsByKeys(keys: $keys) { ...LiveStatement }
}
${statementFields(withWhy)}`;
}

/** The latest statements said, for those the feed never announced (a corpus loaded in bulk). */
export function latestStatementsQuery(withWhy: boolean): string {
  return `query DashboardHistory($filter: StatementFilter, $first: Int${withWhy ? ', $by: String!' : ''}) {
  statements(filter: $filter, first: $first) {
    totalCount
    edges { node { ...LiveStatement } }
  }
}
${statementFields(withWhy)}`;
}

export interface Source {
  url: string | null;
  title: string | null;
  publishedAt: string | null;
  outlet: { name: string } | null;
}

export interface LiveStatement {
  key: string;
  text: string;
  saidAt: string;
  speaker: { key: string; name: string } | null;
  onBehalfOf: { name: string } | null;
  stances: { stance: 'AFFIRMS' | 'DENIES'; claim: { key: string; text: string } }[];
  attestations: { source: Source }[];
  contradictions: { origin: 'EXPLICIT' | 'DERIVED'; statement: { key: string; text: string; saidAt: string; speaker: { name: string } | null } }[];
  attribution?: Attribution | null;
}

export interface StatementAddedData {
  statementAdded: { cursor: string; statement: { key: string } };
}

export interface StatementsByKeysData {
  statementsByKeys: (LiveStatement | null)[];
}

export interface HistoryData {
  statements: { totalCount: number; edges: { node: LiveStatement }[] };
}

/** The roll-up path that makes a statement "by" the watched actor, speaker first. */
const WHY_FIELDS = `fragment Why on Attribution {
  on
  steps { actor { key name } relation role from to }
}`;

export interface AttributionStep {
  actor: { key: string; name: string } | null;
  relation: 'MEMBER_OF' | 'PART_OF' | 'SPOKE_ON_BEHALF_OF' | null;
  role: string | null;
  from: string | null;
  to: string | null;
}

export interface Attribution {
  on: string;
  steps: AttributionStep[];
}

export interface ActorRef {
  key: string;
  name: string;
}

export interface ContestedClaim {
  claim: { key: string; text: string };
  statementCount: number;
  affirmCount: number;
  denyCount: number;
  lastSaidAt: string;
  affirmedBy: ActorRef[];
  deniedBy: ActorRef[];
}

/** Claims both affirmed and denied, most active first, with the top-level actors on each side. */
export async function contestedClaims(topic: string | null, first = 30): Promise<ContestedClaim[]> {
  const data = await query<{ contestedClaims: ContestedClaim[] }>(
    `query DashboardContested($topic: String, $first: Int) {
  contestedClaims(topic: $topic, first: $first) {
    claim { key text }
    statementCount affirmCount denyCount lastSaidAt
    affirmedBy { key name }
    deniedBy { key name }
  }
}`,
    { topic, first },
  );
  return data.contestedClaims;
}

export interface CountSeries {
  key: string;
  name: string;
  total: number;
  buckets: { start: string; count: number }[];
}

/**
 * Statements per interval for several actors at once (one request, one alias per actor), each
 * "by" that actor with its roll-up, narrowed by topic.
 */
export async function countsByActor(actors: ActorRef[], topic: string | null, interval: 'DAY' | 'WEEK' | 'MONTH'): Promise<CountSeries[]> {
  if (!actors.length) return [];
  const parts = actors.map((_, i) => `a${i}: statementCounts(filter: { by: $by${i}, topic: $topic }, interval: $interval) { total buckets { start count } }`);
  const vars = actors.map((_, i) => `$by${i}: String!`).join(', ');
  const data = await query<Record<string, { total: number; buckets: { start: string; count: number }[] }>>(
    `query DashboardCounts(${vars}, $topic: String, $interval: CountInterval!) {\n  ${parts.join('\n  ')}\n}`,
    { ...Object.fromEntries(actors.map((a, i) => [`by${i}`, a.key])), topic, interval },
  );
  return actors.map((a, i) => ({ key: a.key, name: a.name, total: data[`a${i}`].total, buckets: data[`a${i}`].buckets }));
}

/** Statements per interval for a filter without an actor (everyone). */
export async function countsOfAll(topic: string | null, interval: 'DAY' | 'WEEK' | 'MONTH'): Promise<CountSeries> {
  const data = await query<{ statementCounts: { total: number; buckets: { start: string; count: number }[] } }>(
    `query DashboardCountsAll($topic: String, $interval: CountInterval!) {
  statementCounts(filter: { topic: $topic }, interval: $interval) { total buckets { start count } }
}`,
    { topic, interval },
  );
  return { key: '', name: topic ? `all statements about ${topic}` : 'all statements', ...data.statementCounts };
}

/** One mark of a claim's position timeline. */
export interface PositionPoint {
  /** the top-level actor's name (the speaker's when it reaches none) */
  actor: string;
  stance: 'AFFIRMS' | 'DENIES';
  saidAt: string;
  speaker: string;
  text: string;
  key: string;
}

export interface PositionChangeView {
  actor: ActorRef;
  from: 'AFFIRMS' | 'DENIES';
  to: 'AFFIRMS' | 'DENIES';
  before: { statement: { key: string; text: string; saidAt: string; speaker: { name: string } | null } };
  after: { statement: { key: string; text: string; saidAt: string; speaker: { name: string } | null } };
}

export interface ClaimView {
  claim: { key: string; text: string; affirmCount: number; denyCount: number; topics: { key: string }[] };
  positions: { stance: 'AFFIRMS' | 'DENIES'; topLevelActors: ActorRef[]; statement: LiveStatement }[];
  changes: PositionChangeView[];
}

/** Everything the claim view shows, in one request (a page of 100 positions, oldest first). */
export async function claimView(key: string): Promise<ClaimView> {
  const data = await query<{
    claim: {
      key: string;
      text: string;
      affirmCount: number;
      denyCount: number;
      topics: { key: string }[];
      positions: { edges: { node: ClaimView['positions'][number] }[] };
      positionChanges: { edges: { node: PositionChangeView }[] };
    };
  }>(
    `query DashboardClaim($key: String!) {
  claim(key: $key) {
    key text affirmCount denyCount topics { key }
    positions(first: 100) {
      edges { node { stance topLevelActors { key name } statement { ...LiveStatement } } }
    }
    positionChanges(first: 50) {
      edges { node {
        actor { key name } from to
        before { statement { key text saidAt speaker { name } } }
        after { statement { key text saidAt speaker { name } } }
      } }
    }
  }
}
${statementFields(false)}`,
    { key },
  );
  const { positions, positionChanges, ...claim } = data.claim;
  return { claim, positions: positions.edges.map((e) => e.node), changes: positionChanges.edges.map((e) => e.node) };
}

/** The attribution path of statements to actors, many at once (aliases, at most 25 per request). */
export async function attributions(items: { statement: string; to: string }[]): Promise<(Attribution | null)[]> {
  const out: (Attribution | null)[] = [];
  for (let i = 0; i < items.length; i += 25) {
    const chunk = items.slice(i, i + 25);
    const vars = chunk.map((_, k) => `$s${k}: String!, $t${k}: String!`).join(', ');
    const fields = chunk.map((_, k) => `w${k}: statement(key: $s${k}) { attribution(to: $t${k}) { ...Why } }`).join('\n  ');
    const data = await query<Record<string, { attribution: Attribution | null }>>(
      `query DashboardWhy(${vars}) {\n  ${fields}\n}\n${WHY_FIELDS}`,
      Object.fromEntries(
        chunk.flatMap((it, k) => [
          [`s${k}`, it.statement],
          [`t${k}`, it.to],
        ]),
      ),
    );
    chunk.forEach((_, k) => out.push(data[`w${k}`].attribution));
  }
  return out;
}

/**
 * Every new statement, whoever said it, with just what tells which pictures it changes: the
 * contested claims, the opponents' timelines and an open claim view follow statements the
 * watched feed does not carry (the White House's, on Spain's page).
 */
export const PULSE = `subscription DashboardPulse($after: String) {
  statementAdded(after: $after) {
    cursor
    statement { key stances { claim { key } } }
  }
}`;

export interface PulseData {
  statementAdded: { cursor: string; statement: { key: string; stances: { claim: { key: string } }[] } };
}
