import { SUBGRAPH_SECRET_HEADER } from '@newsgraph/kit';
import { postGraphQL } from '@newsgraph/kit/testing';
import { dataOf, loadSeed, startTestStack, TestStack } from '../harness';

/**
 * HOSTILE-REQUESTS.md row 22: subgraphs answer only the gateway. Straight to each subgraph's
 * port, `_entities` and `_service` are refused (403) without the shared secret and work with it;
 * so is the actors' internal roll-up endpoint that statements calls.
 */
const ENTITIES_BY_SUBGRAPH = {
  actors: {
    query: 'query($r:[_Any!]!){_entities(representations:$r){... on Actor{key name}}}',
    representations: [{ __typename: 'Actor', key: 'country:es' }],
    expected: [{ key: 'country:es', name: 'Spain' }],
  },
  // statements and sources know Actor/Source by key only
  statements: {
    query: 'query($r:[_Any!]!){_entities(representations:$r){... on Actor{key}}}',
    representations: [{ __typename: 'Actor', key: 'country:es' }],
    expected: [{ key: 'country:es' }],
  },
  sources: {
    query: 'query($r:[_Any!]!){_entities(representations:$r){... on Outlet{key}}}',
    representations: [{ __typename: 'Outlet', key: 'novinite' }],
    expected: null,
  },
} as const;

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
  await loadSeed(stack);
}, 120_000);

afterAll(async () => {
  await stack?.teardown();
});

describe.each(['actors', 'statements', 'sources'] as const)('direct access to the %s subgraph', (service) => {
  const { query, representations, expected } = ENTITIES_BY_SUBGRAPH[service];
  const url = () => stack.urls[service];

  test('_entities and _service without the secret: 403, no GraphQL answer', async () => {
    for (const headers of [{}, { [SUBGRAPH_SECRET_HEADER]: 'not-the-secret' }] as Record<string, string>[]) {
      const entities = await postGraphQL(url(), query, { r: representations }, headers);
      expect(entities.status).toBe(403);
      expect(entities.data).toBeUndefined();
      expect(entities.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const sdl = await postGraphQL(url(), '{_service{sdl}}', undefined, headers);
      expect(sdl.status).toBe(403);
      expect(sdl.data).toBeUndefined();
    }
  });

  test('with the secret they work (the gateway relies on them)', async () => {
    const headers = { [SUBGRAPH_SECRET_HEADER]: stack.subgraphSecret };
    const sdl = dataOf(await postGraphQL(url(), '{_service{sdl}}', undefined, headers));
    expect(sdl._service.sdl).toMatch(/@key/);
    const entities = await postGraphQL(url(), query, { r: representations }, headers);
    expect(entities.status).toBe(200);
    if (expected) expect(dataOf(entities)._entities).toEqual(expected);
    else expect(entities.data?._entities).toHaveLength(1);
  });

  test('/healthz and /readyz stay open', async () => {
    const origin = new URL(url()).origin;
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
    expect((await fetch(`${origin}/readyz`)).status).toBe(200);
  });
});

test('the alerts subgraph (webhooks, no entities) answers only the gateway too', async () => {
  const url = stack.urls.alerts;
  for (const headers of [{}, { [SUBGRAPH_SECRET_HEADER]: 'not-the-secret' }] as Record<string, string>[]) {
    for (const query of ['{_service{sdl}}', '{ webhooks { id url } }']) {
      const res = await postGraphQL(url, query, undefined, { ...headers, authorization: `Bearer ${stack.token}` });
      expect(res.status).toBe(403);
      expect(res.data).toBeUndefined();
    }
  }
  const sdl = dataOf(await postGraphQL(url, '{_service{sdl}}', undefined, { [SUBGRAPH_SECRET_HEADER]: stack.subgraphSecret }));
  expect(sdl._service.sdl).toMatch(/registerWebhook/);
});

test("actors' internal roll-up endpoint: 403 without the secret, answers with it", async () => {
  const endpoint = `${new URL(stack.urls.actors).origin}/internal/rollup`;
  const call = (headers: Record<string, string>) =>
    fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ to: ['country:es'] }),
    });
  expect((await call({})).status).toBe(403);
  const ok = await call({ [SUBGRAPH_SECRET_HEADER]: stack.subgraphSecret });
  expect(ok.status).toBe(200);
  const body = (await ok.json()) as any;
  expect(body.results['country:es'].exists).toBe(true);
});
