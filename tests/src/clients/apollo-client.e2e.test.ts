import { createHash } from 'node:crypto';
import { ApolloClient, ApolloLink, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { SPAIN_ON_BASE_USE } from '../contract';
import { loadSeed, startTestStack, TestStack } from '../harness';
import { FEED_FROM_START, FEED_START, recordingFetch, SPAIN_BASE_USE_IN_COMMIT_ORDER, SPAIN_BASE_USE_NEWEST_FIRST } from './feed';
import { APOLLO_TYPE_POLICIES } from './apollo-type-policies';

/**
 * Apollo Client 4 against a fresh gateway with nothing but its URL: HttpLink queries, HTTP
 * multipart and graphql-ws subscriptions, the persisted-queries link, and the cache set up as
 * README "Use it from your app" shows.
 */
let stack: TestStack;
const clients: ApolloClient[] = [];
const sockets: Array<{ dispose(): void | Promise<void> }> = [];

beforeAll(async () => {
  stack = await startTestStack();
  await loadSeed(stack);
}, 180_000);

afterAll(async () => {
  for (const c of clients) c.stop();
  await Promise.all(sockets.map((s) => s.dispose()));
  await stack?.teardown();
});

function client(link: ApolloLink, cache = new InMemoryCache()): ApolloClient {
  const c = new ApolloClient({ link, cache });
  clients.push(c);
  return c;
}

/** The first `count` events of a subscription, then unsubscribes (which ends the stream upstream). */
function firstEvents(c: ApolloClient, count: number): Promise<any[]> {
  return new Promise((resolve, reject) => {
    const events: any[] = [];
    const subscription = c.subscribe({ query: gql(FEED_FROM_START), variables: { after: FEED_START } }).subscribe({
      next(result: any) {
        if (result.error) {
          subscription.unsubscribe();
          reject(result.error);
          return;
        }
        events.push(result.data.statementAdded);
        if (events.length === count) {
          subscription.unsubscribe();
          resolve(events);
        }
      },
      error: reject,
      complete: () => reject(new Error(`the subscription ended after ${events.length} events`)),
    });
  });
}

test('HttpLink: the headline query, answered in full', async () => {
  const c = client(new HttpLink({ uri: stack.gatewayUrl }));
  const { data } = await c.query<any>({ query: gql(SPAIN_ON_BASE_USE) });
  expect(data.actor.name).toBe('Spain');
  expect(data.actor.statements.edges.map((e: any) => e.node.key)).toEqual(SPAIN_BASE_USE_NEWEST_FIRST);
  const denial = data.actor.statements.edges.find((e: any) => e.node.key === 'stmt:albares-denies-change-2026-03-04').node;
  expect(denial.contradictions.map((x: any) => [x.origin, x.statement.key])).toContainEqual(['EXPLICIT', 'stmt:leavitt-spain-agrees-2026-03-04']);
});

test('HttpLink subscriptions over HTTP multipart: the replayed events arrive in order, with fields from two subgraphs', async () => {
  const recorder = recordingFetch();
  const c = client(new HttpLink({ uri: stack.gatewayUrl, fetch: recorder.fetch }));
  const events = await firstEvents(c, 3);
  expect(events.map((e) => e.statement.key)).toEqual(SPAIN_BASE_USE_IN_COMMIT_ORDER);
  expect(events.every((e) => typeof e.statement.speaker.name === 'string')).toBe(true);
  // it really was Apollo's multipart protocol, asked for by the link itself
  expect(recorder.requests[0].headers.get('accept')).toMatch(/multipart\/mixed;.*subscriptionSpec=1\.0/);
});

test('GraphQLWsLink subscriptions over graphql-ws', async () => {
  const ws = createClient({ url: stack.gatewayUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
  sockets.push(ws);
  const events = await firstEvents(client(new GraphQLWsLink(ws)), 3);
  expect(events.map((e) => e.statement.key)).toEqual(SPAIN_BASE_USE_IN_COMMIT_ORDER);
});

test('persisted queries: the first client registers on a miss, the next one is served from the hash alone (GET)', async () => {
  const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
  // a document no other test sends, so the first request is a miss
  const query = gql`
    query PersistedActor {
      actor(key: "country:es") {
        key
        name
        kind
      }
    }
  `;
  const first = recordingFetch();
  const a = client(
    ApolloLink.from([new PersistedQueryLink({ sha256, useGETForHashedQueries: true }), new HttpLink({ uri: stack.gatewayUrl, fetch: first.fetch })]),
  );
  expect((await a.query<any>({ query })).data.actor).toEqual({ __typename: 'Actor', key: 'country:es', name: 'Spain', kind: 'COUNTRY' });
  // hash alone (miss: PersistedQueryNotFound), then hash and document
  expect(first.requests.map((r) => [r.method, /"query"|[?&]query=/.test(r.url + (r.body ?? ''))])).toEqual([
    ['GET', false],
    ['POST', true],
  ]);
  const second = recordingFetch();
  const b = client(
    ApolloLink.from([new PersistedQueryLink({ sha256, useGETForHashedQueries: true }), new HttpLink({ uri: stack.gatewayUrl, fetch: second.fetch })]),
  );
  expect((await b.query<any>({ query })).data.actor.name).toBe('Spain');
  expect(second.requests).toHaveLength(1);
  expect(second.requests[0].method).toBe('GET');
  expect(second.requests[0].url).not.toMatch(/[?&]query=/);
});

test('the cache of README "Use it from your app": one entry per actor and statement, and the headline query reads back from it', async () => {
  const cache = new InMemoryCache({ typePolicies: APOLLO_TYPE_POLICIES });
  const c = client(new HttpLink({ uri: stack.gatewayUrl }), cache);
  await c.query({ query: gql(SPAIN_ON_BASE_USE) });
  const stored = cache.extract() as Record<string, any>;
  expect(stored['Actor:country:es']).toMatchObject({ key: 'country:es', name: 'Spain' });
  for (const key of SPAIN_BASE_USE_NEWEST_FIRST) expect(stored[`Statement:${key}`]).toMatchObject({ key });
  expect(stored['Statement:stmt:leavitt-spain-agrees-2026-03-04']).toBeDefined();
  // outlets are selected without a key (outlet { name }): kept inside their source, no crash
  expect(Object.keys(stored).some((id) => id.startsWith('Outlet:'))).toBe(false);
  // a lookup by key is answered from the cache, with no request
  const fromCache = await c.query<any>({
    query: gql`
      {
        actor(key: "country:es") {
          key
          name
        }
      }
    `,
    fetchPolicy: 'cache-only',
  });
  expect(fromCache.data.actor).toEqual({ __typename: 'Actor', key: 'country:es', name: 'Spain' });
});
