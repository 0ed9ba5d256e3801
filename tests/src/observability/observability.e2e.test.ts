import { randomBytes } from 'node:crypto';
import { createClient, Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { collectStream } from '@newsgraph/kit/testing';
import { SPAIN_ON_BASE_USE } from '../contract';
import { dataOf, loadSeed, startTestStack, TestStack } from '../harness';
import { jsonLines, OtlpReceiver, parseMetrics, Sample, startOtlpReceiver, valueOf } from './signals';
import { eventually } from '../wait';

const SERVICES = ['gateway', 'actors', 'statements', 'sources'] as const;
type Service = (typeof SERVICES)[number];
const METRICS_TOKEN = `metrics-${randomBytes(8).toString('hex')}`;
const SPAN_KIND_SERVER = 2;

let stack: TestStack;
let receiver: OtlpReceiver;
const clients: WsClient[] = [];

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  stack = await startTestStack({
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '100', NEWSGRAPH_METRICS_TOKEN: METRICS_TOKEN },
  });
  await loadSeed(stack);
}, 180_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await stack?.teardown();
  await receiver?.close();
});

function metricsUrl(service: Service): string {
  // the gateway serves /metrics on a loopback listener of its own, not on its public port
  if (service === 'gateway') return stack.gatewayMetricsUrl;
  return stack.urls[service].replace(/\/graphql$/, '/metrics');
}

async function scrape(service: Service): Promise<Sample[]> {
  const res = await fetch(metricsUrl(service), { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(res.status).toBe(200);
  return parseMetrics(await res.text());
}

async function post(query: string, headers: Record<string, string> = {}) {
  const res = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query }),
  });
  const body: any = await res.json();
  return { status: res.status, requestId: res.headers.get('x-request-id'), body };
}

/** The `request completed` lines each service logged for a request id. */
function completedLines(requestId: string): Record<Service, any[]> {
  const out = {} as Record<Service, any[]>;
  for (const s of SERVICES) out[s] = jsonLines(stack.logs, s).filter((l) => l.requestId === requestId && l.msg === 'request completed');
  return out;
}

describe('a request id and a trace follow a request through the gateway into every subgraph', () => {
  test('SpainOnBaseUse: the id is echoed, logged by all four services with one traceId, and their spans reach the OTLP receiver', async () => {
    const requestId = `it-${randomBytes(6).toString('hex')}`;
    const res = await post(SPAIN_ON_BASE_USE, { 'x-request-id': requestId });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.actor.statements.totalCount).toBe(3);
    expect(res.requestId).toBe(requestId);

    // logs: every service that served it has a line with the id, the same trace and a span of its own
    const lines = await eventually(
      () => {
        const found = completedLines(requestId);
        return SERVICES.every((s) => found[s].length > 0) ? found : undefined;
      },
      10_000,
      `a request completed line with requestId ${requestId} from each service`,
    );
    const traceId = lines.gateway[0].traceId;
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    for (const s of SERVICES) {
      for (const line of lines[s]) {
        expect(line).toMatchObject({ service: s, requestId, traceId, status: 200, level: 'info' });
        expect(line.spanId).toMatch(/^[0-9a-f]{16}$/);
        expect(typeof line.durationMs).toBe('number');
      }
    }
    expect(lines.gateway[0]).toMatchObject({ operation: 'SpainOnBaseUse', type: 'query' });
    // the subgraphs name the client operation the gateway served (their own queries are anonymous)
    expect(lines.statements.map((l) => l.operation)).toContain('SpainOnBaseUse');

    // traces: spans of that trace from all four services; each subgraph's server span is a child of a gateway span
    const spans = await eventually(
      () => {
        const ofTrace = receiver.spans.filter((s) => s.traceId === traceId);
        const services = new Set(ofTrace.map((s) => s.service));
        return SERVICES.every((s) => services.has(s)) ? ofTrace : undefined;
      },
      10_000,
      `spans of trace ${traceId} from ${SERVICES.join(', ')}`,
    );
    const gatewaySpans = new Set(spans.filter((s) => s.service === 'gateway').map((s) => s.spanId));
    const root = spans.find((s) => s.service === 'gateway' && s.kind === SPAN_KIND_SERVER);
    expect(root?.name).toBe('query SpainOnBaseUse');
    expect(spans.filter((s) => s.service === 'gateway' && s.name.startsWith('subgraph ')).length).toBeGreaterThanOrEqual(3);
    for (const service of ['actors', 'statements', 'sources'] as const) {
      const graphqlSpans = spans.filter((s) => s.service === service && s.kind === SPAN_KIND_SERVER && s.name === 'query SpainOnBaseUse');
      expect(graphqlSpans.length).toBeGreaterThan(0);
      for (const span of graphqlSpans) expect(gatewaySpans.has(span.parentSpanId!)).toBe(true);
    }
    // the logged span ids are the exported spans
    const exported = new Set(spans.map((s) => s.spanId));
    for (const s of SERVICES) for (const line of lines[s]) expect(exported.has(line.spanId)).toBe(true);
  });

  test('an unacceptable x-request-id is replaced by a generated one, which the subgraphs receive', async () => {
    const res = await post('query Plain { actor(key: "country:es") { name } }', { 'x-request-id': 'not ok <script>' });
    expect(res.status).toBe(200);
    expect(res.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const lines = await eventually(
      () => {
        const found = completedLines(res.requestId!);
        return found.gateway.length && found.actors.length ? found : undefined;
      },
      10_000,
      'the generated id in the gateway and actors logs',
    );
    expect(lines.actors[0].traceId).toBe(lines.gateway[0].traceId);
    expect(stack.logs.some((l) => l.includes('not ok <script>'))).toBe(false);
  });

  test('a caller without an id gets one', async () => {
    const res = await post('{ __typename }');
    expect(res.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('/metrics on every service', () => {
  test('with NEWSGRAPH_METRICS_TOKEN: 401 without the token or with a wrong one; subgraphs do not ask for their secret', async () => {
    for (const s of SERVICES) {
      expect((await fetch(metricsUrl(s))).status).toBe(401);
      expect((await fetch(metricsUrl(s), { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
      const ok = await fetch(metricsUrl(s), { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect({ service: s, status: ok.status }).toEqual({ service: s, status: 200 });
      expect(ok.headers.get('content-type')).toMatch(/^text\/plain/);
    }
  });

  test('process metrics and the database pools', async () => {
    for (const s of SERVICES) {
      const samples = await scrape(s);
      expect(valueOf(samples, 'process_resident_memory_bytes')).toBeGreaterThan(10_000_000);
      if (s === 'gateway') continue;
      expect(valueOf(samples, 'newsgraph_db_pool_connections', { service: s, state: 'total' })).toBeGreaterThanOrEqual(1);
      expect(samples.some((x) => x.name === 'newsgraph_db_pool_connections' && x.labels.state === 'idle')).toBe(true);
      expect(valueOf(samples, 'newsgraph_db_pool_connections', { service: s, state: 'waiting' })).toBe(0);
    }
  });

  test('ingest counts: what the seed wrote, created once; a second load counts as unchanged', async () => {
    const kinds: Array<[Service, string, number]> = [
      ['actors', 'actor', 11],
      ['sources', 'source', 3],
      ['sources', 'outlet', 3],
      ['statements', 'claim', 2],
      ['statements', 'statement', 6],
    ];
    for (const [service, kind, n] of kinds) {
      const samples = await scrape(service);
      expect({ kind, created: valueOf(samples, 'newsgraph_ingest_items_total', { service, kind, outcome: 'created' }) }).toEqual({ kind, created: n });
    }
    await loadSeed(stack);
    for (const [service, kind, n] of kinds) {
      const samples = await scrape(service);
      expect(valueOf(samples, 'newsgraph_ingest_items_total', { service, kind, outcome: 'created' })).toBe(n);
      expect({ kind, unchanged: valueOf(samples, 'newsgraph_ingest_items_total', { service, kind, outcome: 'unchanged' }) }).toEqual({ kind, unchanged: n });
      expect(valueOf(samples, 'newsgraph_ingest_items_total', { service, kind, outcome: 'updated' })).toBe(0);
    }
  });

  test('requests by operation: one SpainOnBaseUse more at the gateway and in each subgraph, with latency and subgraph fetches', async () => {
    const before = Object.fromEntries(await Promise.all(SERVICES.map(async (s) => [s, await scrape(s)] as const))) as Record<Service, Sample[]>;
    dataOf(await stack.query(SPAIN_ON_BASE_USE));
    const ok = { operation: 'SpainOnBaseUse', type: 'query', outcome: 'ok' };
    await eventually(
      async () => valueOf(await scrape('gateway'), 'newsgraph_graphql_requests_total', ok) > valueOf(before.gateway, 'newsgraph_graphql_requests_total', ok),
      5_000,
      'the gateway count',
    );
    for (const s of SERVICES) {
      const after = await scrape(s);
      const labels = { service: s, ...ok };
      expect({ s, more: valueOf(after, 'newsgraph_graphql_requests_total', labels) - valueOf(before[s], 'newsgraph_graphql_requests_total', labels) }).toEqual({
        s,
        // the gateway serves it once; a subgraph may be asked more than once per operation
        more: s === 'gateway' ? 1 : expect.any(Number),
      });
      expect(valueOf(after, 'newsgraph_graphql_requests_total', labels)).toBeGreaterThan(valueOf(before[s], 'newsgraph_graphql_requests_total', labels));
      const duration = { service: s, operation: 'SpainOnBaseUse', type: 'query' };
      expect(valueOf(after, 'newsgraph_graphql_request_duration_seconds_count', duration)).toBe(
        valueOf(after, 'newsgraph_graphql_requests_total', { service: s, operation: 'SpainOnBaseUse', type: 'query' }),
      );
      expect(valueOf(after, 'newsgraph_graphql_request_duration_seconds_sum', duration)).toBeGreaterThan(0);
    }
    const gateway = await scrape('gateway');
    for (const subgraph of ['actors', 'statements', 'sources']) {
      const fetches = (samples: Sample[]) => valueOf(samples, 'newsgraph_subgraph_fetch_duration_seconds_count', { subgraph, outcome: 'ok' });
      expect({ subgraph, more: fetches(gateway) > fetches(before.gateway) }).toEqual({ subgraph, more: true });
    }
  });

  test('a failed operation counts as an error', async () => {
    const labels = { service: 'gateway', operation: 'Missing', type: 'query', outcome: 'error' };
    const before = valueOf(await scrape('gateway'), 'newsgraph_graphql_requests_total', labels);
    const res = await post('query Missing { actor(key: "country:nowhere") { name } }');
    expect(res.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    await eventually(async () => valueOf(await scrape('gateway'), 'newsgraph_graphql_requests_total', labels) === before + 1, 5_000, 'the error count');
  });

  test('open subscriptions: 1 at the gateway and in statements while a live feed runs, 0 after it ends', async () => {
    const active = async (s: Service) => valueOf(await scrape(s), 'newsgraph_subscriptions_active', { service: s });
    expect(await active('gateway')).toBe(0);
    expect(await active('statements')).toBe(0);
    const client = createClient({ url: stack.gatewayUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
    clients.push(client);
    const feed = client.iterate({ query: 'subscription LiveFeed { statementAdded(filter: { topic: "base-use" }) { statement { key } } }' });
    const stream = collectStream(feed);
    await eventually(
      async () => (await active('gateway')) === 1 && (await active('statements')) === 1,
      10_000,
      'one open subscription at the gateway and in statements',
    );
    await feed.return?.(undefined);
    await stream.end(5_000);
    await eventually(async () => (await active('gateway')) === 0 && (await active('statements')) === 0, 10_000, 'no open subscription');
    const counted = valueOf(await scrape('gateway'), 'newsgraph_graphql_requests_total', { service: 'gateway', operation: 'LiveFeed', type: 'subscription' });
    expect(counted).toBe(1);

    // the one graphql-ws socket to statements carries no per-operation headers: the trace and the
    // request id travel in the subscribe message, and statements continues the gateway's trace
    const atGateway = jsonLines(stack.logs, 'gateway').find((l) => l.msg === 'request completed' && l.operation === 'LiveFeed');
    expect(atGateway?.traceId).toMatch(/^[0-9a-f]{32}$/);
    const atStatements = jsonLines(stack.logs, 'statements').find((l) => l.msg === 'subscription started' && l.requestId === atGateway!.requestId);
    expect(atStatements).toMatchObject({ traceId: atGateway!.traceId, type: 'subscription', status: 'streaming' });
    expect(atStatements!.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(atStatements!.spanId).not.toBe(atGateway!.spanId);
  });

  test('operation names are capped: past 200 distinct names, new ones are counted as `other`', async () => {
    const distinct = (samples: Sample[]) =>
      new Set(samples.filter((s) => s.name === 'newsgraph_graphql_requests_total' && s.labels.service === 'gateway').map((s) => s.labels.operation));
    const seen = distinct(await scrape('gateway'));
    const other = (samples: Sample[]) => valueOf(samples, 'newsgraph_graphql_requests_total', { service: 'gateway', operation: 'other' });
    const otherBefore = other(await scrape('gateway'));
    const named = [...seen].filter((n) => n !== 'anonymous' && n !== 'other').length;
    const extra = 210 - named;
    for (let i = 0; i < extra; i += 1) {
      const res = await post(`query Probe${i}_${randomBytes(3).toString('hex')} { __typename }`);
      expect(res.status).toBe(200);
    }
    // a name that is no plain GraphQL name of at most 64 characters is `other` too
    await post(`query ${'L'.repeat(80)} { __typename }`);
    const after = await scrape('gateway');
    const names = [...distinct(after)].filter((n) => n !== 'anonymous' && n !== 'other');
    expect(names).toHaveLength(200);
    expect(other(after) - otherBefore).toBe(210 - 200 + 1);
  });
});
