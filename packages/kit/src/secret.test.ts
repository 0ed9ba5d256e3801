import { createClient } from 'graphql-ws';
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { DataSource } from 'typeorm';
import WebSocket from 'ws';
import { loadSubgraphConfig } from './config';
import { SUBGRAPH_SECRET_HEADER, secretMatches } from './secret';
import { createSubgraphServer, RunningServer } from './server';

const SECRET = 'kit-test-secret-0123456789';

async function* ticks(): AsyncGenerator<{ tick: string }> {
  yield { tick: 'one' };
  await new Promise(() => undefined); // stays open until the server completes it
}

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { hello: { type: GraphQLString, resolve: () => 'world' } } }),
  subscription: new GraphQLObjectType({
    name: 'Subscription',
    fields: { tick: { type: GraphQLString, subscribe: () => ticks() } },
  }),
});
// /readyz is the only user of the data source here
const dataSource = { query: async () => [{ '?column?': 1 }] } as unknown as DataSource;

let running: RunningServer;
let base: string;

beforeAll(async () => {
  const server = await createSubgraphServer({
    name: 'kit-test',
    schema,
    dataSource,
    secret: SECRET,
    createContext: () => ({}),
    routes: (app) => app.post('/internal/ping', (_req, res) => void res.json({ pong: true })),
    subscriptions: { createContext: () => ({}) },
  });
  running = await server.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${running.port}`;
});
afterAll(() => running?.close());

const post = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: '{ hello }' }),
  });

function wsOutcome(headers: Record<string, string>, connectionParams?: Record<string, unknown>) {
  return new Promise<{ code?: number; status?: number; tick?: string; completed?: boolean }>((resolve) => {
    const client = createClient({
      url: `${base.replace('http', 'ws')}/graphql`,
      webSocketImpl: class extends WebSocket {
        constructor(url: string, protocols: string[]) {
          super(url, protocols, { headers });
          this.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode }));
        }
      },
      connectionParams,
      retryAttempts: 0,
      on: { closed: (e: any) => resolve({ code: e?.code }) },
    });
    const stop = client.subscribe<{ tick: string }>(
      { query: 'subscription { tick }' },
      {
        next: (r) => {
          stop();
          void client.dispose();
          resolve({ tick: r.data?.tick });
        },
        error: () => undefined,
        complete: () => undefined,
      },
    );
  });
}

describe('subgraph secret', () => {
  test('constant-time compare matches only the exact secret', () => {
    expect(secretMatches(SECRET, SECRET)).toBe(true);
    expect(secretMatches(SECRET, `${SECRET}x`)).toBe(false);
    expect(secretMatches(SECRET, '')).toBe(false);
    expect(secretMatches(SECRET, undefined)).toBe(false);
  });

  test('GraphQL over HTTP: 403 with a JSON error without the secret, answers with it', async () => {
    for (const headers of [{}, { [SUBGRAPH_SECRET_HEADER]: 'wrong' }] as Record<string, string>[]) {
      const res = await post('/graphql', headers);
      expect(res.status).toBe(403);
      const body = (await res.json()) as any;
      expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
    }
    const ok = await post('/graphql', { [SUBGRAPH_SECRET_HEADER]: SECRET });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ data: { hello: 'world' } });
  });

  test('internal endpoints need it too; /healthz and /readyz stay open', async () => {
    expect((await post('/internal/ping')).status).toBe(403);
    expect((await post('/internal/ping', { [SUBGRAPH_SECRET_HEADER]: SECRET })).status).toBe(200);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });

  test('WebSocket: wrong header refused at the upgrade, missing secret closes 4403, header or init payload works', async () => {
    expect(await wsOutcome({ [SUBGRAPH_SECRET_HEADER]: 'wrong' })).toEqual({ status: 403 });
    expect(await wsOutcome({})).toEqual({ code: 4403 });
    expect(await wsOutcome({}, { [SUBGRAPH_SECRET_HEADER]: 'wrong' })).toEqual({ code: 4403 });
    expect(await wsOutcome({ [SUBGRAPH_SECRET_HEADER]: SECRET })).toEqual({ tick: 'one' });
    expect(await wsOutcome({}, { [SUBGRAPH_SECRET_HEADER]: SECRET })).toEqual({ tick: 'one' });
    expect(await wsOutcome({}, { headers: { [SUBGRAPH_SECRET_HEADER]: SECRET } })).toEqual({ tick: 'one' });
  });
});

describe('graceful close', () => {
  test('running subscriptions receive `complete` before the socket closes', async () => {
    const other = await createSubgraphServer({
      name: 'kit-close',
      schema,
      dataSource,
      secret: SECRET,
      createContext: () => ({}),
      subscriptions: { createContext: () => ({}) },
    });
    const server = await other.listen(0, '127.0.0.1');
    const client = createClient({
      url: `ws://127.0.0.1:${server.port}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { [SUBGRAPH_SECRET_HEADER]: SECRET },
      retryAttempts: 0,
    });
    const events: string[] = [];
    const done = new Promise<void>((resolve) => {
      client.subscribe(
        { query: 'subscription { tick }' },
        {
          next: () => {
            events.push('next');
            void server.close();
          },
          error: (e) => {
            events.push(`error ${String((e as any)?.code ?? e)}`);
            resolve();
          },
          complete: () => {
            events.push('complete');
            resolve();
          },
        },
      );
    });
    await done;
    await client.dispose();
    expect(events).toEqual(['next', 'complete']);
  }, 15_000);
});

describe('secret configuration', () => {
  const db = { DATABASE_URL: 'postgres://u@db/postgres' };
  test('read from NEWSGRAPH_SUBGRAPH_SECRET', () => {
    expect(loadSubgraphConfig({ ...db, NEWSGRAPH_SUBGRAPH_SECRET: SECRET }, 'actors').subgraphSecret).toBe(SECRET);
    expect(loadSubgraphConfig(db, 'actors').subgraphSecret).toBeUndefined();
  });
  test('required (and not trivially short) in production', () => {
    expect(() => loadSubgraphConfig({ ...db, NODE_ENV: 'production' }, 'actors')).toThrow(/NEWSGRAPH_SUBGRAPH_SECRET is required/);
    expect(() => loadSubgraphConfig({ ...db, NODE_ENV: 'production', NEWSGRAPH_SUBGRAPH_SECRET: 'short' }, 'actors')).toThrow(/16/);
  });
});
