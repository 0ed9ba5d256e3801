import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { dataOf, startTestStack, TestStack } from '../harness';
import { subscriptionsActive } from '../observability/signals';
import { eventually } from '../wait';

// Regression: the per-subgraph deadline once applied to subscriptions too; when it fired it aborted
// the upstream stream with a rejection nobody handled, and the gateway process died.
const DEADLINE_MS = 500;
let stack: TestStack;

/** One statement with its speaker and source, so that it can be written to the empty stack. */
const PROBE = {
  format: 'newsgraph.package/v1',
  actors: [{ key: 'person:deadline-probe', kind: 'PERSON', name: 'Deadline Probe' }],
  sources: [
    {
      key: 'src:deadline-probe',
      kind: 'ARTICLE',
      url: 'https://news.example/deadline-probe',
      title: 'Deadline probe',
      outlet: { key: 'outlet:deadline-probe', name: 'Probe Daily' },
      publishedAt: '2026-03-06',
    },
  ],
  statements: [
    {
      key: 'stmt:deadline-probe',
      speaker: 'person:deadline-probe',
      text: 'Said after the upstream deadline passed.',
      saidAt: '2026-03-06',
      attestations: [{ source: 'src:deadline-probe' }],
    },
  ],
};

beforeAll(async () => {
  stack = await startTestStack({ env: { NEWSGRAPH_UPSTREAM_TIMEOUT_MS: String(DEADLINE_MS) } });
}, 120_000);

afterAll(async () => {
  await stack?.teardown();
});

test('a subscription outlives the upstream deadline, and the gateway with it', async () => {
  const gateway = stack.processes.find((p) => p.service === 'gateway')!;
  let exited: number | null | undefined;
  gateway.child.once('exit', (code) => (exited = code));
  const client = createClient({ url: stack.gatewayUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
  const events = client.iterate({ query: 'subscription { statementAdded { cursor statement { key } } }' });
  const first = events.next();
  first.catch(() => undefined); // a failure below must not also leave this rejection unhandled
  // the deadline is counted from the moment the gateway's request to statements is open
  await eventually(async () => (await subscriptionsActive(new URL('/metrics', stack.urls.statements))) === 1, 15_000, 'the subscription open in statements');
  // The wait is the point of the test: the deadline has to pass, four times over, while the
  // subscription is open. Nothing can announce "the deadline did not fire".
  await new Promise((r) => setTimeout(r, 4 * DEADLINE_MS));
  expect(exited).toBeUndefined();
  expect(dataOf(await stack.query('{ statements(first: 1) { totalCount } }')).statements.totalCount).toBe(0);

  // and the subscription itself is still open at both ends: a statement written now reaches it
  const dir = await mkdtemp(path.join(os.tmpdir(), 'newsgraph-deadline-'));
  try {
    const file = path.join(dir, 'probe.json');
    await writeFile(file, JSON.stringify(PROBE));
    // Every request through this gateway has the same 500 ms deadline, which a busy machine can
    // miss; the write is an upsert by key, so running it again is safe and changes nothing twice.
    for (let attempt = 1; ; attempt++) {
      const loaded = await stack.ingest([file]);
      if (loaded.code === 0) break;
      if (attempt === 5 || !/UPSTREAM_TIMEOUT/.test(loaded.stderr)) throw new Error(`ingest failed:\n${loaded.stdout}\n${loaded.stderr}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const arrived = await first;
  expect(arrived.done).toBe(false);
  expect((arrived.value as any).data.statementAdded.statement.key).toBe('stmt:deadline-probe');

  await events.return?.();
  await client.dispose();
}, 90_000);
