import autocannon from 'autocannon';
import { postGraphQL } from '@newsgraph/kit/testing';
import { measurementOf, processCpuMs } from './measure';

/**
 * The warm "dashboard" workload of issue #16: many clients repeating a few dozen distinct
 * queries while a write arrives about once a second. Every write is a statement that the
 * tracking queries (headline, search, actor page, latest page) show first, its text carrying
 * the write's number; each answer of a tracking query must show at least the number of the last
 * write whose answer had arrived before the request was sent: an answer showing less is stale.
 */
export interface DashboardResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** answers of the tracking queries, and how many of those were older than a write acknowledged before they were asked */
  checked: number;
  stale: number;
  writes: number;
  /** answers the gateway marked as served from its cache (x-newsgraph-cache: hit) */
  hits: number;
  cpuMsPerRequest?: number;
}

export interface DashboardDeps {
  country: string;
  topic: string;
  otherCountry: string;
  token: string;
}

const HEADLINE = `query DashHeadline($country: String!, $topic: String!, $other: String!, $first: Int!) {
  actor(key: $country) { key name statements(filter: { topic: $topic }, first: $first) { totalCount
    edges { node { key text saidAt speaker { key name } attestations { source { url title } } contradictions(by: $other) { origin statement { key } } } } } }
}`;
const ACTOR = `query DashActor($key: String!) {
  actor(key: $key) { key name kind partOf { key name } members(first: 10) { totalCount } statements(first: 11) { totalCount edges { node { key text saidAt } } } }
}`;
const SEARCH = `query DashSearch($q: String!, $first: Int!) { statements(filter: { text: $q }, first: $first) { totalCount edges { node { key text saidAt speaker { name } } } } }`;
const LATEST = `query DashLatest($first: Int!) { statements(first: $first) { edges { node { key text saidAt speaker { name } } } } }`;
const COUNTS = `query DashCounts($country: String!, $topic: String!, $after: String!, $before: String!) {
  statementCounts(filter: { by: $country, topic: $topic, saidAfter: $after, saidBefore: $before }, interval: MONTH) { total }
}`;

interface DashQuery {
  body: string;
  /** the latest write shows in its answer */
  tracks: boolean;
}

/** 40 distinct requests; 22 of them show the latest write. */
export function dashboardQueries(d: DashboardDeps): DashQuery[] {
  const code = d.country.split(':')[1];
  const q: DashQuery[] = [];
  const add = (query: string, variables: Record<string, unknown>, tracks: boolean) => q.push({ body: JSON.stringify({ query, variables }), tracks });
  for (let i = 0; i < 10; i++) add(HEADLINE, { country: d.country, topic: d.topic, other: d.otherCountry, first: 11 + i }, true);
  const ministries = ['foreign-affairs', 'defence', 'economy', 'interior', 'energy'];
  for (const c of [code, d.otherCountry.split(':')[1]]) for (const m of ministries) add(ACTOR, { key: `org:${c}-${m}` }, c === code && m === 'foreign-affairs');
  for (const w of ['sanctions', 'ceasefire', 'tariffs', 'bases', 'talks']) add(SEARCH, { q: w, first: 11 }, w === 'sanctions');
  for (let i = 0; i < 10; i++) add(LATEST, { first: 10 + i }, true);
  for (let y = 2020; y < 2025; y++) add(COUNTS, { country: d.country, topic: d.topic, after: `${y}-01`, before: `${y + 1}-01` }, false);
  return q;
}

const MARK = /Dashboard write (\w+)#(\d+)/g;

/** The highest write number of run `run` in an answer; 0 when none shows. */
function newestWrite(body: string, run: string): number {
  let max = 0;
  for (const m of body.matchAll(MARK)) if (m[1] === run) max = Math.max(max, Number(m[2]));
  return max;
}

/** Runs the workload against one gateway for `duration` seconds. */
/** What autocannon carries from a request to its response: which query, and the writes acknowledged before it left. */
interface RequestContext {
  query: number;
  acked: number;
}

export async function measureDashboard(
  url: string,
  d: DashboardDeps,
  duration: number,
  connections: number,
  /** where the writes go: our gateway (it bumps the data version; @apollo/gateway does not pass the token on) */
  writeUrl: string,
  serverPid?: number,
): Promise<DashboardResult> {
  const queries = dashboardQueries(d);
  const run = Date.now().toString(36);
  const speaker = `org:${d.country.split(':')[1]}-foreign-affairs`;
  // strictly newer than anything else in the archive, one second apart, never in the future
  const base = Date.now() - 10 * 60_000;
  let acked = 0;
  let writes = 0;
  let writeErrors = 0;
  const write = async (n: number) => {
    try {
      await writeOnce(n);
    } catch {
      writeErrors += 1; // counted with the errors; the workload goes on
    }
  };
  const writeOnce = async (n: number) => {
    const res = await postGraphQL(
      writeUrl,
      'mutation($s: [StatementInput!]!) { upsertStatements(statements: $s) { created } }',
      {
        s: [
          {
            key: `stmt:dash-${run}-${n}`,
            speaker,
            text: `Dashboard write ${run}#${n}: new sanctions are not on the table.`,
            language: 'en',
            form: 'PARAPHRASE',
            saidAt: new Date(base + n * 1000).toISOString().replace(/\.\d+Z$/, 'Z'),
            topics: [d.topic],
            attestations: [{ source: 'src:gen-1' }],
          },
        ],
      },
      { authorization: `Bearer ${d.token}` },
    );
    if (res.errors) writeErrors += 1;
    else acked = Math.max(acked, n);
  };
  // the first write before any read, so that every tracking answer has a number to show
  await write(++writes);
  let stop = false;
  const writer = (async () => {
    while (!stop) {
      await new Promise((r) => setTimeout(r, 1000));
      if (!stop) await write(++writes);
    }
  })();
  let i = 0;
  let checked = 0;
  let stale = 0;
  let hits = 0;
  let graphqlErrors = 0;
  const cpuBefore = serverPid ? processCpuMs(serverPid) : null;
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    connections,
    duration,
    requests: [
      {
        setupRequest: (req: Record<string, unknown>, context: RequestContext) => {
          const n = i++ % queries.length;
          context.query = n;
          // writes acknowledged before this request leaves: its answer must show them
          context.acked = acked;
          return { ...req, body: queries[n].body };
        },
        onResponse: (_status: number, body: string, context: RequestContext, headers: Record<string, string>) => {
          if (body.includes('"errors"')) graphqlErrors += 1;
          if (headers?.['x-newsgraph-cache'] === 'hit') hits += 1;
          if (!queries[context.query]?.tracks) return;
          checked += 1;
          if (newestWrite(body, run) < context.acked) stale += 1;
        },
      },
    ],
  });
  stop = true;
  await writer;
  const { cpuMsPerRequest, ...measured } = measurementOf(result, graphqlErrors + writeErrors, cpuBefore, serverPid ? processCpuMs(serverPid) : null);
  // the keys in the order the bench's JSON has always had
  return { ...measured, checked, stale, writes, hits, ...(cpuMsPerRequest !== undefined ? { cpuMsPerRequest } : {}) };
}

/** p50 of one request repeated: a cached answer (POST) or the gateway's static /healthz (GET). */
export async function measureOne(
  url: string,
  duration: number,
  connections: number,
  body?: string,
): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  const result = await autocannon({
    url,
    method: body ? 'POST' : 'GET',
    headers: body ? { 'content-type': 'application/json', accept: 'application/json' } : {},
    body,
    connections,
    duration,
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts + result.non2xx };
}

/**
 * The cached answer and /healthz measured at the same time against one process, half the clients
 * each: on a shared, loaded machine two measurements seconds apart see different loads, and the
 * ratio of their p50s says more about the machine than about the gateway.
 */
export async function measureTogether(
  url: string,
  healthzUrl: string,
  duration: number,
  connections: number,
  body: string,
): Promise<{ cached: Awaited<ReturnType<typeof measureOne>>; static: Awaited<ReturnType<typeof measureOne>> }> {
  const half = Math.max(1, Math.floor(connections / 2));
  const [cached, staticAnswer] = await Promise.all([measureOne(url, duration, half, body), measureOne(healthzUrl, duration, half)]);
  return { cached, static: staticAnswer };
}
