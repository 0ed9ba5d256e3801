import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { startTestStack, TestStack } from '../harness';
import { codes, messages, post } from './client';

/**
 * The write limit counts what the subgraphs would accept and what the operation executes
 * (issue 11, "Writes that bypass the limit"), through the real gateway.
 */
let stack: TestStack;
const writer = `writer-${randomBytes(12).toString('hex')}`;
const other = `other-${randomBytes(12).toString('hex')}`;

beforeAll(async () => {
  // 30 writes per 10 minutes: nothing refills while a test runs, so every count is exact
  stack = await startTestStack({ writeTokens: [writer, other], env: { NEWSGRAPH_WRITE_RATE_WINDOW_MS: '600000' } });
}, 120_000);

afterAll(async () => {
  await stack?.teardown();
});

const EMPTY_WRITE = 'upsertStatements(statements: []) { created }';

/** Mutations the statements subgraph has served, from its own metrics. */
async function mutationsServed(): Promise<number> {
  const text = await (await fetch(new URL('/metrics', stack.urls.statements))).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith('newsgraph_graphql_requests_total{') && l.includes('type="mutation"'))
    .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
}

function write(authorization: string | undefined, query = `mutation { ${EMPTY_WRITE} }`) {
  return post(stack.gatewayUrl, { query }, { headers: authorization === undefined ? {} : { authorization }, accept: 'application/json' });
}

/** Writes until one is refused with 429; how many passed. */
async function untilLimited(send: () => ReturnType<typeof write>, most = 80): Promise<{ passed: number; last: Awaited<ReturnType<typeof write>> }> {
  let passed = 0;
  let last = await send();
  while (last.status !== 429 && passed < most) {
    passed += 1;
    last = await send();
  }
  return { passed, last };
}

describe('made-up tokens', () => {
  test('are refused at the gateway, never reach a subgraph, and share the address budget', async () => {
    const before = await mutationsServed();
    const answers = [];
    for (let i = 0; i < 300; i += 1) answers.push(await write(`Bearer made-up-${randomBytes(8).toString('hex')}`));
    const refused = answers.filter((a) => codes(a).includes('UNAUTHENTICATED'));
    const limited = answers.filter((a) => a.status === 429);
    // 30 for the whole address, then 429 for the rest
    expect(refused).toHaveLength(30);
    expect(limited).toHaveLength(270);
    expect(refused[0].status).toBe(401);
    expect(codes(limited[0])).toEqual(['RATE_LIMITED']);
    expect(await mutationsServed()).toBe(before);
  });
});

describe('the real writer', () => {
  test('is one client however "Bearer" is spelled', async () => {
    // the made-up flood above spent this address's budget; the real token has its own
    const spellings = [`Bearer ${writer}`, `bearer ${writer}`, `BEARER ${writer}`, `Bearer   ${writer}  `, `Bearer\t${writer}`];
    let i = 0;
    const { passed, last } = await untilLimited(() => write(spellings[i++ % spellings.length]));
    expect(passed).toBe(30);
    expect(codes(last)).toEqual(['RATE_LIMITED']);
    expect(messages(last)).toMatch(/at most 30 mutation fields per 600 s/);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    // reads are not limited
    expect((await post(stack.gatewayUrl, { query: '{ __typename }' }, { headers: { authorization: `Bearer ${writer}` } })).status).toBe(200);
  });

  test('a fragment at the mutation root is charged for every field it executes', async () => {
    const fields = Array.from({ length: 20 }, (_, i) => `w${i}: ${EMPTY_WRITE}`).join(' ');
    const spread = `mutation Spread { ...Twenty } fragment Twenty on Mutation { ${fields} }`;
    const inline = `mutation Inline { ... on Mutation { ${fields} } }`;
    const answer = await write(`Bearer ${other}`, spread);
    expect(answer.body.data.w0.created).toBe(0);
    // 20 taken; another 20 do not fit in the 10 left
    const second = await write(`Bearer ${other}`, inline);
    expect(second.status).toBe(429);
    expect(codes(second)).toEqual(['RATE_LIMITED']);
  });
});

describe('mutations over graphql-ws', () => {
  test('are refused with a clear error saying to use HTTP', async () => {
    const ws = new WebSocket(stack.gatewayUrl.replace(/^http/, 'ws'), 'graphql-transport-ws', { headers: { authorization: `Bearer ${writer}` } });
    const messagesSeen: any[] = [];
    const answered = new Promise<any>((resolve) => {
      ws.on('message', (d) => {
        const m = JSON.parse(d.toString());
        messagesSeen.push(m);
        if (m.type === 'connection_ack') ws.send(JSON.stringify({ id: 'w', type: 'subscribe', payload: { query: `mutation { ${EMPTY_WRITE} }` } }));
        if (m.id === 'w' && (m.type === 'next' || m.type === 'error')) resolve(m);
      });
    });
    ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${writer}` } })));
    const m = await answered;
    const errors = m.type === 'error' ? m.payload : m.payload.errors;
    expect(errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(errors[0].message).toMatch(/Mutations are accepted over HTTP only/);
    ws.close();
  });
});
