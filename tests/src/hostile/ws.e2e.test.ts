import { writeFileSync } from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { startTestStack, TestStack } from '../harness';
import { subscriptionsActive } from '../observability/signals';
import { eventually } from '../wait';
import { ExtraGateway, post, startGateway } from './client';

/** HOSTILE-REQUESTS.md rows 24-26 (WebSocket) and the upstream timeout; the write limit is in writes.e2e.test.ts. */
const SECRET = `hostile-${randomBytes(8).toString('hex')}`;
let stack: TestStack;
let wsUrl: string;

beforeAll(async () => {
  stack = await startTestStack({ subgraphSecret: SECRET, env: { NEWSGRAPH_SUBGRAPH_SECRET: SECRET } } as any);
  wsUrl = stack.gatewayUrl.replace(/^http/, 'ws');
}, 120_000);

afterAll(async () => {
  if (process.env.HOSTILE_LOGS) writeFileSync(process.env.HOSTILE_LOGS, stack?.logs.join('\n') ?? '');
  await stack?.teardown();
});

/** graphql-ws reports a refused operation as an `error` message or as a `next` with errors. */
async function refusal(c: Conn, id: string): Promise<any[]> {
  const m = await new Promise<any>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer for ${id}: ${JSON.stringify(c.messages)}`)), 10_000);
    const poll = setInterval(() => {
      const i = c.messages.findIndex((x) => x.id === id && (x.type === 'error' || x.type === 'next'));
      if (i < 0) return;
      clearTimeout(timer);
      clearInterval(poll);
      resolve(c.messages.splice(i, 1)[0]);
    }, 20);
  });
  return m.type === 'error' ? m.payload : m.payload.errors;
}

const PROTOCOL = 'graphql-transport-ws';

interface Conn {
  ws: WebSocket;
  messages: any[];
  closed: Promise<{ code: number; reason: string }>;
  next(type: string): Promise<any>;
  send(m: unknown): void;
}

function connect(headers: Record<string, string> = {}): Promise<Conn> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl, PROTOCOL, { headers });
    const messages: any[] = [];
    const waiters: Array<() => void> = [];
    ws.on('message', (d) => {
      messages.push(JSON.parse(d.toString()));
      waiters.splice(0).forEach((w) => w());
    });
    const closed = new Promise<{ code: number; reason: string }>((r) => ws.on('close', (code, reason) => r({ code, reason: reason.toString() })));
    const next = (type: string) =>
      new Promise<any>((res, rej) => {
        const timer = setTimeout(() => rej(new Error(`no ${type} message; got ${JSON.stringify(messages)}`)), 10_000);
        const check = () => {
          const i = messages.findIndex((m) => m.type === type);
          if (i >= 0) {
            clearTimeout(timer);
            res(messages.splice(i, 1)[0]);
          } else waiters.push(check);
        };
        check();
      });
    ws.once('open', () => resolve({ ws, messages, closed, next, send: (m) => ws.send(JSON.stringify(m)) }));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`handshake refused: HTTP ${res.statusCode}`)));
  });
}

async function ready(): Promise<Conn> {
  const c = await connect();
  c.send({ type: 'connection_init', payload: {} });
  await c.next('connection_ack');
  return c;
}

const FEED = 'subscription { statementAdded(filter: { topic: "base-use" }) { cursor statement { key } } }';

describe('WebSocket', () => {
  test('24 with no allow-list every origin may connect (no ambient credentials); same-origin and no-Origin ones too', async () => {
    // refusals under NEWSGRAPH_ALLOWED_ORIGINS: tests/src/clients/cors.e2e.test.ts
    const other = await connect({ origin: 'https://elsewhere.example' });
    other.ws.close();
    const own = new URL(stack.gatewayUrl).origin;
    const same = await connect({ origin: own });
    same.ws.close();
    const none = await connect();
    none.ws.close();
  });

  test('25a no connection_init within 3 s closes with 4408', async () => {
    const c = await connect();
    const started = Date.now();
    expect((await c.closed).code).toBe(4408);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test('25b a second connection_init closes with 4429', async () => {
    const c = await ready();
    c.send({ type: 'connection_init', payload: {} });
    expect((await c.closed).code).toBe(4429);
  });

  test('25c subscribe before the ack closes with 4401', async () => {
    const c = await connect();
    c.send({ type: 'subscribe', id: '1', payload: { query: FEED } });
    expect((await c.closed).code).toBe(4401);
  });

  test('25d a reused subscription id closes with 4409', async () => {
    const c = await ready();
    c.send({ type: 'subscribe', id: 'same', payload: { query: FEED } });
    // the second subscribe must find the first one running, not still being set up
    await eventually(async () => (await subscriptionsActive(stack.gatewayMetricsUrl)) === 1, 10_000, 'the first subscription open at the gateway');
    c.send({ type: 'subscribe', id: 'same', payload: { query: FEED } });
    expect((await c.closed).code).toBe(4409);
  });

  test('25e a frame larger than 1 MiB closes with 1009', async () => {
    const c = await ready();
    c.send({ type: 'subscribe', id: '1', payload: { query: '{__typename}', variables: { pad: 'x'.repeat(1_100_000) } } });
    expect((await c.closed).code).toBe(1009);
  });

  test('26 the depth limit applies to subscribe messages too', async () => {
    const c = await ready();
    const deep = '{actor(key:"country:es"){statements{edges{node{speaker{statements{edges{node{speaker{statements{edges{node{id}}}}}}}}}}}}}';
    c.send({ type: 'subscribe', id: 'q', payload: { query: deep } });
    expect((await refusal(c, 'q'))[0].extensions.code).toBe('QUERY_TOO_DEEP');
    const sub = `subscription { statementAdded(filter: { topic: "base-use" }) { statement { speaker { statements { edges { node { speaker { statements { edges { node { id } } } } } } } } } } }`;
    c.send({ type: 'subscribe', id: 's', payload: { query: sub } });
    expect((await refusal(c, 's'))[0].extensions.code).toBe('QUERY_TOO_DEEP');
    const bomb = 'subscription($n: Int) { statementAdded { statement { speaker { statements(first: $n) { edges { node { id } } } } } } }';
    c.send({ type: 'subscribe', id: 'c', payload: { query: bomb, variables: { n: 99999999 } } });
    expect((await refusal(c, 'c'))[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    c.ws.close();
  });
});

describe('upstream', () => {
  let slow: http.Server;
  let seen: http.IncomingHttpHeaders[] = [];
  let gateway: ExtraGateway;

  beforeAll(async () => {
    // a "sources" subgraph that never answers in time
    slow = http.createServer((req, res) => {
      seen.push(req.headers);
      req.resume();
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{}}'), 8_000).unref();
    });
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', () => r()));
    const port = (slow.address() as AddressInfo).port;
    gateway = await startGateway({
      NEWSGRAPH_SUBGRAPH_SECRET: SECRET,
      NEWSGRAPH_UPSTREAM_TIMEOUT_MS: '1000',
      ACTORS_URL: stack.urls.actors,
      STATEMENTS_URL: stack.urls.statements,
      SOURCES_URL: `http://127.0.0.1:${port}/graphql`,
    });
  }, 60_000);

  afterAll(async () => {
    await gateway?.stop();
    slow?.closeAllConnections();
    await new Promise((r) => slow?.close(r));
  });

  test('a slow subgraph yields partial data and an error naming it, within the timeout', async () => {
    seen = [];
    const started = Date.now();
    const answer = await post(gateway.url, { query: '{ actors(first: 1) { totalCount } outlet(key: "outlet:x") { name } }' }, { accept: 'application/json' });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(answer.body.data.actors.totalCount).toBeGreaterThanOrEqual(0);
    expect(answer.body.data.outlet).toBeNull();
    expect(JSON.stringify(answer.body.errors)).toMatch(/sources/i);
    expect(answer.text).not.toMatch(/stack|node_modules/);
    expect(seen[0]['x-newsgraph-subgraph-secret']).toBe(SECRET);
  });
});
