import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { cacheExchange, createClient as createUrql, fetchExchange } from '@urql/core';
import { createClient as createSse } from 'graphql-sse';
import { SPAIN_ON_BASE_USE } from '../contract';
import { loadSeed, startTestStack, TestStack } from '../harness';
import { FEED_FROM_START, FEED_START, recordingFetch, SPAIN_BASE_USE_IN_COMMIT_ORDER, SPAIN_BASE_USE_NEWEST_FIRST } from './feed';

/**
 * urql, graphql-request, graphql-sse and curl against a fresh gateway, each with its defaults and
 * the URL: none of them sends a header newsgraph would have to ask for.
 */
const run = promisify(execFile);
// graphql-request ships CommonJS for require(), but its type declarations only describe the ES module
type GraphQLRequest = typeof import('graphql-request', { with: { 'resolution-mode': 'import' } });
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an import would be typed from the ES module's declarations but load the CommonJS build
const { GraphQLClient }: GraphQLRequest = require('graphql-request');
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
  await loadSeed(stack);
}, 180_000);

afterAll(async () => {
  await stack?.teardown();
});

const keysOf = (data: any) => data.actor.statements.edges.map((e: any) => e.node.key);

test('urql with its default exchanges sends the query as GET and gets the answer', async () => {
  const recorder = recordingFetch();
  const urql = createUrql({ url: stack.gatewayUrl, exchanges: [cacheExchange, fetchExchange], fetch: recorder.fetch });
  const result = await urql.query(SPAIN_ON_BASE_USE, {}).toPromise();
  expect(result.error).toBeUndefined();
  expect(keysOf(result.data)).toEqual(SPAIN_BASE_USE_NEWEST_FIRST);
  expect(recorder.requests.map((r) => r.method)).toEqual(['GET']);
});

test('graphql-request over POST (its default) and over GET give the same answer', async () => {
  const post = await new GraphQLClient(stack.gatewayUrl).request<any>(SPAIN_ON_BASE_USE);
  const recorder = recordingFetch();
  const get = await new GraphQLClient(stack.gatewayUrl, { method: 'GET', fetch: recorder.fetch }).request<any>(SPAIN_ON_BASE_USE);
  expect(keysOf(post)).toEqual(SPAIN_BASE_USE_NEWEST_FIRST);
  expect(get).toEqual(post);
  expect(recorder.requests.map((r) => r.method)).toEqual(['GET']);
});

test('graphql-sse: the live feed as server-sent events', async () => {
  const sse = createSse({ url: stack.gatewayUrl, retryAttempts: 0 });
  try {
    const keys: string[] = [];
    const iterator = sse.iterate<any>({ query: FEED_FROM_START, variables: { after: FEED_START } });
    for await (const result of iterator) {
      expect(result.errors).toBeUndefined();
      keys.push(result.data.statementAdded.statement.key);
      if (keys.length === 3) break; // ends the stream
    }
    expect(keys).toEqual(SPAIN_BASE_USE_IN_COMMIT_ORDER);
  } finally {
    sse.dispose();
  }
});

describe('curl', () => {
  const query = '{ actor(key: "country:es") { name } }';

  test('a GET query, a POST query and a mutation refused over GET', async () => {
    const get = await run('curl', ['-sS', '--get', '--data-urlencode', `query=${query}`, stack.gatewayUrl]);
    expect(JSON.parse(get.stdout)).toEqual({ data: { actor: { name: 'Spain' } } });
    const post = await run('curl', ['-sS', '-H', 'content-type: application/json', '--data', JSON.stringify({ query }), stack.gatewayUrl]);
    expect(JSON.parse(post.stdout)).toEqual({ data: { actor: { name: 'Spain' } } });
    const mutation = await run('curl', [
      '-sS',
      '-o',
      '/dev/null',
      '-w',
      '%{http_code}',
      '--get',
      '--data-urlencode',
      'query=mutation { __typename }',
      stack.gatewayUrl,
    ]);
    expect(mutation.stdout).toBe('405');
  });

  test('--compressed: the headline answer comes compressed and decodes to the same JSON', async () => {
    const body = JSON.stringify({ query: SPAIN_ON_BASE_USE });
    const args = ['-sS', '-H', 'content-type: application/json', '--data', body, '-D', '-', stack.gatewayUrl];
    const plain = await run('curl', args);
    const compressed = await run('curl', ['--compressed', ...args]);
    expect(compressed.stdout).toMatch(/^content-encoding: (br|gzip)\r?$/im);
    expect(plain.stdout).not.toMatch(/^content-encoding:/im);
    const json = (out: string) => JSON.parse(out.slice(out.indexOf('\r\n\r\n') + 4));
    expect(json(compressed.stdout)).toEqual(json(plain.stdout));
  });

  test('a subscription as server-sent events over GET (-N), ended by curl when it has read enough', async () => {
    const child = execFile('curl', [
      '-sSN',
      '--get',
      '-H',
      'accept: text/event-stream',
      '--data-urlencode',
      `query=${FEED_FROM_START}`,
      '--data-urlencode',
      `variables=${JSON.stringify({ after: FEED_START })}`,
      stack.gatewayUrl,
    ]);
    let out = '';
    const keys = await new Promise<string[]>((resolve, reject) => {
      child.stdout!.on('data', (d) => {
        out += d;
        const found = [...out.matchAll(/"key":"(stmt:[^"]+)"/g)].map((m) => m[1]);
        if (found.length >= 3) resolve(found);
      });
      child.once('exit', () => reject(new Error(`curl ended early:\n${out}`)));
    });
    child.kill();
    expect(keys).toEqual(SPAIN_BASE_USE_IN_COMMIT_ORDER);
    expect(out).toMatch(/^event: next$/m);
  });
});
