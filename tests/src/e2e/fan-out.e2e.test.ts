import { collectStream, postGraphQL, StreamCollector } from '@newsgraph/kit/testing';
import { createClient, Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { loadSeed, startTestStack, TestStack } from '../harness';
import { subscriptionsActive } from '../observability/signals';
import { eventually } from '../wait';

// Issue 16's fan-out, as a test of outcomes: many graphql-ws subscribers spread over two gateways,
// each gateway relaying to a statements process of its own, writes through both; every subscriber
// gets every matching statement exactly once, in commit order, with fields from every subgraph;
// `after` still replays. How fast is the bench's business (BENCHMARKS.md, session 6).

const SOCKETS_PER_GATEWAY = 40;
const SUBSCRIPTIONS_PER_SOCKET = 3;
const SUBSCRIBERS = 2 * SOCKETS_PER_GATEWAY * SUBSCRIPTIONS_PER_SOCKET;

const FEED = `subscription Fanout($after: String) {
  statementAdded(filter: { by: "country:es", topic: "base-use" }, after: $after) {
    cursor
    statement { key speaker { name } attestations { source { outlet { name } } } }
  }
}`;

let stack: TestStack;
const clients: WsClient[] = [];
const streams: StreamCollector<any>[] = [];

beforeAll(async () => {
  stack = await startTestStack({
    statementsReplicas: 2,
    gatewayReplicas: 2,
    // every subscriber comes from this one address
    env: { NEWSGRAPH_WS_SUBSCRIPTIONS_PER_CLIENT: String(SUBSCRIBERS + 50) },
  });
  await loadSeed(stack);
}, 180_000);

afterAll(async () => {
  await Promise.all(streams.map((s) => s.stop()));
  await Promise.all(clients.map((c) => c.dispose()));
  await stack?.teardown();
});

function connect(gateway: number): WsClient {
  const client = createClient({ url: stack.gatewayUrls[gateway].replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
  clients.push(client);
  return client;
}

function subscribe(client: WsClient, variables: Record<string, unknown> = {}): StreamCollector<any> {
  const stream = collectStream(client.iterate({ query: FEED, variables }), (r: any) => r.errors ?? r.data?.statementAdded?.statement?.key);
  streams.push(stream);
  return stream;
}

const keysOf = (stream: StreamCollector<any>) => stream.items.map((r) => r.errors ?? r.data?.statementAdded?.statement?.key);

const metricsOf = (service: 'gateway' | 'statements') =>
  stack.processes.filter((p) => p.service === service).map((p) => p.metricsUrl ?? new URL('/metrics', p.url).toString());

/** One statement by Spain on base use, written through gateway `gateway` (so through its statements process). */
async function write(gateway: number, key: string, extra: Record<string, unknown>[] = []): Promise<void> {
  const res = await postGraphQL(
    stack.gatewayUrls[gateway],
    'mutation($s: [StatementInput!]!) { upsertStatements(statements: $s) { created } }',
    {
      s: [
        {
          key,
          speaker: 'person:pedro-sanchez',
          text: `The bases are not available (${key})`,
          saidAt: '2026-03-06',
          topics: ['base-use'],
          attestations: [{ source: 'src:novinite-2026-03-05-spain-denies' }],
        },
        ...extra,
      ],
    },
    { authorization: `Bearer ${stack.token}` },
  );
  expect(res.errors).toBeUndefined();
  expect(res.data.upsertStatements.created).toBe(1 + extra.length);
}

test('every subscriber on either gateway gets every event exactly once, in order; `after` still replays', async () => {
  expect(stack.gatewayUrls).toHaveLength(2);
  const subscribers: StreamCollector<any>[] = [];
  for (let gateway = 0; gateway < 2; gateway += 1) {
    for (let s = 0; s < SOCKETS_PER_GATEWAY; s += 1) {
      const client = connect(gateway);
      for (let k = 0; k < SUBSCRIPTIONS_PER_SOCKET; k += 1) subscribers.push(subscribe(client));
    }
  }
  // every subscription set up on both gateways...
  const [gatewayOne, gatewayTwo] = metricsOf('gateway');
  const half = SUBSCRIBERS / 2;
  await eventually(
    async () => (await subscriptionsActive(gatewayOne)) === half && (await subscriptionsActive(gatewayTwo)) === half,
    60_000,
    `${half} subscriptions on each gateway`,
  );
  // ...and they reach the statements processes as one upstream subscription per gateway, not one each
  const upstream = metricsOf('statements');
  await eventually(
    async () => (await Promise.all(upstream.map(subscriptionsActive))).every((n) => n === 1),
    30_000,
    'one upstream subscription per statements process',
  );

  // Without `after` a subscription starts when the gateway has subscribed upstream, which a test
  // cannot observe: write until every subscriber has had a first statement; from then on every
  // one must arrive once, in order.
  const warm: string[] = [];
  for (let i = 0; subscribers.some((s) => s.items.length === 0); i += 1) {
    if (i === 20) throw new Error(`${subscribers.filter((s) => s.items.length === 0).length} subscribers got none of 20 statements`);
    warm.push(`stmt:fanout-warm-${i}`);
    await write(0, warm[i]);
    await eventually(() => subscribers.every((s) => s.items.length > 0) || undefined, 5_000, 'the warm-up').catch(() => undefined);
  }

  const keys = ['stmt:fanout-1', 'stmt:fanout-2', 'stmt:fanout-3', 'stmt:fanout-4', 'stmt:fanout-5'];
  // through both gateways in turn, so through both statements processes; with each, a statement
  // by the United States on base use that no subscriber asked for
  for (const [i, key] of keys.entries()) {
    await write(i % 2, key, [
      {
        key: `${key}-us`,
        speaker: 'person:karoline-leavitt',
        text: `The bases will be used (${key})`,
        saidAt: '2026-03-06',
        topics: ['base-use'],
        attestations: [{ source: 'src:white-house-briefing-2026-03-04' }],
      },
    ]);
  }
  const afterWarm = (stream: StreamCollector<any>) => keysOf(stream).filter((k) => !warm.includes(k));
  await eventually(() => subscribers.every((s) => afterWarm(s).length >= keys.length) || undefined, 60_000, 'every subscriber to have the five statements');
  // a repeat would come after the original: give it time to show
  await subscribers[0].quiet(subscribers[0].items.length, 1000);
  const cursors = new Map<string, string>();
  for (const s of subscribers) {
    expect(s.error).toBeUndefined();
    const got = keysOf(s);
    expect(new Set(got).size).toBe(got.length);
    expect(afterWarm(s)).toEqual(keys);
    for (const r of s.items) {
      const { cursor, statement } = r.data.statementAdded;
      expect(statement.speaker.name).toBe('Pedro Sánchez');
      expect(statement.attestations[0].source.outlet.name).toEqual(expect.any(String));
      // one event, one cursor, whichever gateway and process it came through
      if (!cursors.has(statement.key)) cursors.set(statement.key, cursor);
      expect(cursor).toBe(cursors.get(statement.key));
    }
  }

  // a dashboard reconnecting with the cursor of the first statement gets the other four, in
  // order, and then the live tail
  const replay = subscribe(connect(1), { after: cursors.get(keys[0]) });
  expect((await replay.until(4, 30_000, 'replayed events')).map((r) => r.data.statementAdded.statement.key)).toEqual(keys.slice(1));

  // the subscriber whose subscription opened gateway one's upstream stream leaves, with half of
  // that gateway's others: the rest still get the next statement, once
  const leaving = clients.slice(0, SOCKETS_PER_GATEWAY / 2);
  await Promise.all(leaving.map((c) => c.dispose()));
  const staying = subscribers.slice((SOCKETS_PER_GATEWAY / 2) * SUBSCRIPTIONS_PER_SOCKET);
  await write(1, 'stmt:fanout-6');
  await eventually(() => staying.every((s) => keysOf(s).includes('stmt:fanout-6')) || undefined, 60_000, 'the remaining subscribers to have the sixth');
  expect((await replay.until(5, 30_000, 'the live event after the replay')).map((r) => r.data.statementAdded.statement.key)).toEqual([
    ...keys.slice(1),
    'stmt:fanout-6',
  ]);
  await replay.quiet(5, 1000);
  for (const s of staying) expect(afterWarm(s)).toEqual([...keys, 'stmt:fanout-6']);
}, 240_000);
