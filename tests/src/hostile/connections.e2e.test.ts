import net from 'node:net';
import WebSocket from 'ws';
import { loadSeed, startTestStack, TestStack } from '../harness';
import { subscriptionsActive } from '../observability/signals';
import { eventually } from '../wait';

/**
 * What one client can hold open: operations per socket and per address, slow requests, connections,
 * and what a subscription leaves behind when it is refused, completed, aborted or cut (issue 11).
 * Small caps here (5 per socket, 8 per address, a 2 s request deadline, 40 connections) so that
 * reaching them is cheap; the defaults are in the README.
 */
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({
    env: {
      NEWSGRAPH_WS_SUBSCRIPTIONS_PER_SOCKET: '5',
      NEWSGRAPH_WS_SUBSCRIPTIONS_PER_CLIENT: '8',
      NEWSGRAPH_REQUEST_TIMEOUT_MS: '2000',
      NEWSGRAPH_MAX_CONNECTIONS: '40',
    },
  });
  await loadSeed(stack);
}, 180_000);

afterAll(async () => {
  await stack?.teardown();
});

const FEED = 'subscription { statementAdded(filter: { topic: "base-use" }) { cursor statement { key } } }';

/** newsgraph_subscriptions_active of a service, from its /metrics. */
async function active(service: 'statements' | 'gateway'): Promise<number> {
  // the gateway serves /metrics on a listener of its own (README "Observability")
  return subscriptionsActive(service === 'gateway' ? stack.gatewayMetricsUrl : new URL('/metrics', stack.urls[service]));
}

interface Socket {
  ws: WebSocket;
  /** the first `error` or `next` message for an id */
  answer(id: string): Promise<any>;
  subscribe(id: string, query?: string): void;
  closed: Promise<number>;
}

function openSocket(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(stack.gatewayUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const seen = new Map<string, any>();
    const waiting = new Map<string, (m: any) => void>();
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString());
      if (m.type === 'connection_ack') {
        resolve({
          ws,
          closed,
          // each its own topic: identical operations on one gateway share one upstream subscription
          // (gateway/src/shared-subscriptions.ts), and these tests count them upstream one by one
          subscribe: (id, query = FEED) => ws.send(JSON.stringify({ id, type: 'subscribe', payload: { query: query.replace('base-use', `base-use-${id}`) } })),
          answer: (id) => (seen.has(id) ? Promise.resolve(seen.get(id)) : new Promise((r) => waiting.set(id, r))),
        });
      }
      if (m.id && (m.type === 'error' || m.type === 'next') && !seen.has(m.id)) {
        seen.set(m.id, m);
        waiting.get(m.id)?.(m);
      }
    });
    ws.once('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: {} })));
    ws.once('error', reject);
  });
}

describe('operations over graphql-ws are capped', () => {
  test('per socket: the sixth is refused with TOO_MANY_SUBSCRIPTIONS, the five keep running', async () => {
    const s = await openSocket();
    for (let i = 0; i < 6; i += 1) s.subscribe(`s${i}`);
    const refused = await s.answer('s5');
    expect(refused.type).toBe('error');
    expect(refused.payload[0].extensions.code).toBe('TOO_MANY_SUBSCRIPTIONS');
    expect(refused.payload[0].message).toMatch(/At most 5 operations may run at once on one connection/);
    await eventually(async () => (await active('statements')) === 5, 10_000, 'five subscribers upstream');
    // completing one frees its place
    s.ws.send(JSON.stringify({ id: 's0', type: 'complete' }));
    await eventually(async () => (await active('statements')) === 4, 10_000, 'four subscribers upstream after a complete');
    s.subscribe('s6');
    await eventually(async () => (await active('statements')) === 5, 10_000, 'five again');
    // a cut socket leaves nothing behind
    s.ws.terminate();
    await eventually(async () => (await active('statements')) === 0, 10_000, 'no subscriber upstream after the socket was cut');
  }, 30_000);

  test('per client address, across sockets', async () => {
    const a = await openSocket();
    const b = await openSocket();
    for (let i = 0; i < 5; i += 1) a.subscribe(`a${i}`);
    for (let i = 0; i < 3; i += 1) b.subscribe(`b${i}`);
    await eventually(async () => (await active('statements')) === 8, 10_000, 'eight subscribers upstream');
    b.subscribe('b3');
    const refused = await b.answer('b3');
    expect(refused.payload[0].extensions.code).toBe('TOO_MANY_SUBSCRIPTIONS');
    expect(refused.payload[0].message).toMatch(/from one client address/);
    a.ws.close();
    b.ws.close();
    await Promise.all([a.closed, b.closed]);
    await eventually(async () => (await active('statements')) === 0, 10_000, 'none upstream');
  }, 30_000);
});

describe('subscriptions over HTTP leave nothing behind', () => {
  test('refused with 406 (an Accept the gateway does not serve): nothing stays open upstream', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        fetch(stack.gatewayUrl, {
          method: 'POST',
          // plain JSON cannot carry a stream (Apollo's multipart Accept is served: tests/src/clients/)
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ query: FEED }),
        }).then(async (r) => ({ status: r.status, body: (await r.json()) as any })),
      ),
    );
    for (const a of answers) {
      expect(a.status).toBe(406);
      expect(a.body.errors[0].extensions.code).toBe('NOT_ACCEPTABLE');
      expect(a.body.errors[0].message).toMatch(/text\/event-stream.*or use graphql-ws/);
    }
    await eventually(async () => (await active('statements')) === 0 && (await active('gateway')) === 0, 10_000, 'no subscriber upstream after the refusals');
  }, 30_000);

  test('SSE aborted by its client: gone upstream', async () => {
    const abort = new AbortController();
    const res = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: FEED }),
      signal: abort.signal,
    });
    expect(res.status).toBe(200);
    await eventually(async () => (await active('statements')) === 1, 10_000, 'the SSE subscriber upstream');
    abort.abort();
    await eventually(async () => (await active('statements')) === 0, 10_000, 'no subscriber upstream after the abort');
  }, 30_000);
});

describe('slow clients cannot hold the listener', () => {
  test('a request whose body never completes is answered 408 and closed at the request deadline', async () => {
    const url = new URL(stack.gatewayUrl);
    const socket = net.connect(Number(url.port), url.hostname);
    let received = '';
    socket.on('data', (d) => (received += d.toString()));
    const closed = new Promise<void>((r) => socket.once('close', () => r()));
    socket.write(`POST /graphql HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"query":`);
    await closed;
    expect(received).toMatch(/^HTTP\/1\.1 408/);
  }, 15_000);

  test('connections beyond the cap are closed at once; the listener still answers afterwards', async () => {
    const url = new URL(stack.gatewayUrl);
    const held: net.Socket[] = [];
    const open = () =>
      new Promise<net.Socket>((resolve) => {
        const s = net.connect(Number(url.port), url.hostname, () => resolve(s));
      });
    for (let i = 0; i < 40; i += 1) held.push(await open());
    const extra = await open();
    await new Promise<void>((r) => extra.once('close', () => r()));
    for (const s of held) s.destroy();
    await eventually(
      async () => (await fetch(new URL('/healthz', stack.gatewayUrl)).catch(() => undefined))?.status === 200,
      10_000,
      'the listener answers again',
    );
  }, 30_000);
});
