import { createTestDatabase, GraphQLResponse, postGraphQL, QueryCounter, RunningServer } from '@newsgraph/kit';
import { DataSource } from 'typeorm';
import { createActorsDataSource } from './data-source';
import { createActorsSubgraph } from './subgraph';

export const TEST_TOKEN = 'test-writer-token';

export interface ActorsTestServer {
  url: string;
  origin: string;
  dataSource: DataSource;
  counter: QueryCounter;
  /** a GraphQL call; `write` sends the write token */
  gql<T = any>(query: string, variables?: Record<string, unknown>, write?: boolean): Promise<GraphQLResponse<T>>;
  /** a POST of JSON to an internal endpoint */
  post(path: string, body: unknown): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** Starts the actors subgraph on a fresh database (migrated) and a free port. */
export async function startActorsForTest(label: string): Promise<ActorsTestServer> {
  const db = await createTestDatabase(label);
  const counter = new QueryCounter();
  const dataSource = createActorsDataSource(db.url, counter);
  await dataSource.initialize();
  await dataSource.runMigrations();
  let running: RunningServer;
  try {
    const subgraph = await createActorsSubgraph({ dataSource, writeTokens: [TEST_TOKEN] });
    running = await subgraph.listen(0, '127.0.0.1');
  } catch (e) {
    await dataSource.destroy();
    await db.drop();
    throw e;
  }
  const origin = new URL(running.url).origin;
  return {
    url: running.url,
    origin,
    dataSource,
    counter,
    gql: (query, variables, write = false) =>
      postGraphQL(running.url, query, variables, write ? { authorization: `Bearer ${TEST_TOKEN}` } : {}),
    async post(path, body) {
      const res = await fetch(`${origin}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    },
    async close() {
      await running.close();
      await dataSource.destroy();
      await db.drop();
    },
  };
}
