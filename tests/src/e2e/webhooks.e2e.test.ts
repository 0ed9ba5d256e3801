import http from 'node:http';
import { AddressInfo } from 'node:net';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { verifySignature } from '@newsgraph/alerts';
import { dataOf, loadSeed, startTestStack, TestStack } from '../harness';

let stack: TestStack;
let dir: string;
let written = 0;

/** A webhook receiver on loopback: records every delivery; answers `status()`; can go away and come back on its port. */
class Receiver {
  readonly deliveries: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  status = 200;
  private server: http.Server | null = null;
  private waiters: (() => void)[] = [];
  port = 0;

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (this.status >= 200 && this.status < 300) this.deliveries.push({ headers: req.headers, body });
        res.writeHead(this.status).end();
        for (const w of this.waiters.splice(0)) w();
      });
    });
    await new Promise<void>((r) => this.server!.listen(this.port, '127.0.0.1', r));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  /** Resolves once `n` deliveries were accepted (fails the test after 30 s). */
  async until(n: number): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (this.deliveries.length < n) {
      if (Date.now() > deadline) {
        const lines = stack.logs.filter((l) => l.startsWith('[alerts]') && !l.includes('request completed')).slice(-30);
        throw new Error(`expected ${n} deliveries, got ${this.deliveries.length}; the alerts service's last lines:\n${lines.join('\n')}`);
      }
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 1000).unref();
      });
    }
  }

  keys(): string[] {
    return this.deliveries.map((d) => JSON.parse(d.body).statement.key);
  }
}

const REGISTER = `mutation($url: String!, $filter: WebhookFilter) {
  registerWebhook(url: $url, filter: $filter) { secret webhook { id status cursor } }
}`;
const STATE = `query($id: ID!) { webhook(id: $id) { status parkedReason lastError failedAttempts deliveredCount } }`;

const auth = () => ({ authorization: `Bearer ${stack.token}` });

/** Ingests new statements by Albares about base use (by Spain) through the real CLI, in this order. */
async function say(count: number, topic = 'base-use'): Promise<string[]> {
  const statements = Array.from({ length: count }, () => {
    written++;
    return {
      key: `stmt:webhook-test-${written}`,
      speaker: 'person:jose-manuel-albares',
      text: `Statement number ${written} on the bases, said for the webhook test.`,
      saidAt: '2026-03-06',
      topics: [topic],
      attestations: [{ source: 'src:novinite-2026-03-05-spain-denies', quotedText: `number ${written}` }],
    };
  });
  const file = path.join(dir, `batch-${written}.json`);
  await writeFile(file, JSON.stringify({ format: 'newsgraph.package/v1', statements }));
  const run = await stack.ingest([file]);
  if (run.code !== 0) throw new Error(run.stdout + run.stderr);
  return statements.map((s) => s.key);
}

/** Polls the webhook's state (through the gateway) until `ok` holds. */
async function stateUntil(id: string, ok: (s: any) => boolean): Promise<any> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const state = dataOf(await stack.query(STATE, { id }, auth())).webhook;
    if (ok(state)) return state;
    if (Date.now() > deadline) throw new Error(`webhook state never matched: ${JSON.stringify(state)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function register(receiver: Receiver, filter: object | null = { by: 'country:es', topic: 'base-use' }) {
  return dataOf(await stack.query(REGISTER, { url: receiver.url, filter }, auth())).registerWebhook as { secret: string; webhook: { id: string } };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'newsgraph-webhooks-'));
  stack = await startTestStack({ env: { NEWSGRAPH_WEBHOOK_RETRY_BASE_MS: '100', NEWSGRAPH_WEBHOOK_MAX_ATTEMPTS: '6' } });
  await loadSeed(stack);
}, 180_000);

afterAll(async () => {
  await stack?.teardown();
});

test('registering needs a write token, an http(s) URL and a filter the live feed accepts', async () => {
  const anonymous = await stack.query(REGISTER, { url: 'http://127.0.0.1:9/hook' });
  expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  const badUrl = await stack.query(REGISTER, { url: 'ftp://example.org/x' }, auth());
  expect(badUrl.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  expect(badUrl.errors?.[0].message).toMatch(/url/);
  const unknownActor = await stack.query(REGISTER, { url: 'http://127.0.0.1:9/hook', filter: { by: 'country:atlantis' } }, auth());
  expect(unknownActor.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  expect(unknownActor.errors?.[0].message).toMatch(/filter.*atlantis/);
  const badForm = await stack.query(REGISTER, { url: 'http://127.0.0.1:9/hook', filter: { form: 'SHOUTED' } }, auth());
  expect(badForm.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  const listed = await stack.query('{ webhooks { id } }');
  expect(listed.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
});

test('every new matching statement is POSTed once, in commit order, signed, with its cross-subgraph fields', async () => {
  const receiver = new Receiver();
  await receiver.start();
  try {
    const { secret, webhook } = await register(receiver);
    expect(secret).toMatch(/^whsec_/);
    const keys = await say(3);
    await say(1, 'military-cooperation'); // by Spain, but not about base use: not delivered
    const more = await say(2);
    await receiver.until(5);
    expect(receiver.keys()).toEqual([...keys, ...more]);

    const first = receiver.deliveries[0];
    expect(verifySignature(secret, first.body, first.headers['x-newsgraph-signature'] as string)).toBe(true);
    expect(verifySignature('whsec_wrong', first.body, first.headers['x-newsgraph-signature'] as string)).toBe(false);
    const body = JSON.parse(first.body);
    expect(first.headers['x-newsgraph-delivery']).toBe(`${webhook.id}/${keys[0]}`);
    expect(body).toMatchObject({ deliveryId: `${webhook.id}/${keys[0]}`, webhook: webhook.id });
    expect(body.statement.speaker).toEqual({ key: 'person:jose-manuel-albares', name: 'José Manuel Albares', kind: 'PERSON' });
    expect(body.statement.attestations[0].source.outlet.name).toBe('Novinite');
    const state = await stateUntil(webhook.id, (s) => s.deliveredCount === 5);
    expect(state).toMatchObject({ status: 'ACTIVE', failedAttempts: 0 });
    expect(dataOf(await stack.query(`mutation($id: ID!) { deleteWebhook(id: $id) }`, { id: webhook.id }, auth())).deleteWebhook).toBe(true);
  } finally {
    await receiver.stop();
  }
});

test('receiver down then up; gateway, statements and alerts restarted: nothing lost, nothing sent twice', async () => {
  const receiver = new Receiver();
  await receiver.start();
  try {
    const { webhook } = await register(receiver);
    const before = await say(1);
    await receiver.until(1);

    // the receiver goes away: the statement waits and is retried
    await receiver.stop();
    const whileDown = await say(2);
    const failing = await stateUntil(webhook.id, (s) => s.failedAttempts >= 1);
    expect(failing.lastError).toMatch(/cannot reach the receiver/);
    await receiver.start(); // same port
    await receiver.until(3);

    // the gateway and statements restart
    await stack.restart('gateway');
    await stack.restart('statements');
    const afterRestarts = await say(2);
    await receiver.until(5);

    // the alerts service is killed once it has recorded those five (a kill between a receiver's 2xx
    // and that record sends the statement again, with the same delivery id, for the receiver to drop)
    await stateUntil(webhook.id, (s) => s.deliveredCount === 5);
    const alerts = stack.processes.find((p) => p.service === 'alerts')!;
    const exited = new Promise((r) => alerts.child.once('exit', r));
    alerts.child.kill('SIGKILL');
    await exited;
    const whileAlertsDown = await say(2);
    await stack.restart('alerts');
    await receiver.until(7);

    expect(receiver.keys()).toEqual([...before, ...whileDown, ...afterRestarts, ...whileAlertsDown]);
    const ids = receiver.deliveries.map((d) => d.headers['x-newsgraph-delivery']);
    expect(new Set(ids).size).toBe(ids.length);
    await stack.query(`mutation($id: ID!) { deleteWebhook(id: $id) }`, { id: webhook.id }, auth());
  } finally {
    await receiver.stop();
  }
}, 120_000);

test('a receiver that keeps failing parks the webhook, with the reason in the API and the metrics; resuming delivers the rest', async () => {
  const receiver = new Receiver();
  receiver.status = 500;
  await receiver.start();
  try {
    const { webhook } = await register(receiver, null);
    const keys = await say(2);
    const parked = await stateUntil(webhook.id, (s) => s.status === 'PARKED');
    expect(parked.parkedReason).toMatch(/HTTP 500 from the receiver \(6 attempts in a row\)/);
    // the gauge follows the deliverer's next look at the registrations, a moment after the park
    let metrics = '';
    for (const deadline = Date.now() + 10_000; Date.now() < deadline && !/newsgraph_webhooks\{status="PARKED"\} 1/.test(metrics);) {
      metrics = await (await fetch(new URL('/metrics', stack.urls.alerts))).text();
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(metrics).toMatch(/newsgraph_webhooks\{status="PARKED"\} 1/);
    expect(metrics).toMatch(/newsgraph_webhook_deliveries_total\{outcome="parked"\} 1/);

    receiver.status = 200;
    const resumed = dataOf(await stack.query(`mutation($id: ID!) { resumeWebhook(id: $id) { status } }`, { id: webhook.id }, auth()));
    expect(resumed.resumeWebhook.status).toBe('ACTIVE');
    await receiver.until(2);
    expect(receiver.keys()).toEqual(keys);
  } finally {
    await receiver.stop();
  }
}, 90_000);
