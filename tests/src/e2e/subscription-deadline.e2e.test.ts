import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { dataOf, startTestStack, TestStack } from '../harness';

// Regression: the per-subgraph deadline once applied to subscriptions too; when it fired it aborted
// the upstream stream with a rejection nobody handled, and the gateway process died.
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ env: { NEWSGRAPH_UPSTREAM_TIMEOUT_MS: '500' } });
}, 120_000);

afterAll(async () => {
  await stack?.teardown();
});

test('a subscription outlives the upstream deadline, and the gateway with it', async () => {
  const gateway = stack.processes.find((p) => p.service === 'gateway')!;
  let exited: number | null | undefined;
  gateway.child.once('exit', (code) => (exited = code));
  const client = createClient({ url: stack.gatewayUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
  const events = client.iterate({ query: 'subscription { statementAdded { cursor } }' });
  const first = events.next();
  await new Promise((r) => setTimeout(r, 2000));
  expect(exited).toBeUndefined();
  expect(dataOf(await stack.query('{ statements(first: 1) { totalCount } }')).statements.totalCount).toBe(0);
  await events.return?.();
  await client.dispose();
  await first.catch(() => undefined);
}, 30_000);
