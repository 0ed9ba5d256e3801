import { DataSource } from 'typeorm';
import { QueryCounter } from '../database';
import { RunningServer, SubgraphDeps, SubgraphServer } from '../server';
import { createTestDatabase, TestDatabase } from './database';
import { GraphQLResponse, postGraphQL } from './graphql';

/** The one write token a subgraph started by `startSubgraphForTest` accepts. */
export const TEST_WRITE_TOKEN = 'test-writer-token';

export interface SubgraphForTestOptions {
  /** names the test database (one per test file, so files run in parallel) */
  label: string;
  /** the service's data source on the test database; `counter` counts its SQL (batching tests) */
  createDataSource(url: string, counter: QueryCounter): DataSource;
  /** the service's server factory, e.g. `createActorsSubgraph`, or a closure adding its own deps */
  createServer(deps: SubgraphDeps): Promise<SubgraphServer>;
}

/** A subgraph on a fresh, migrated database, listening on a free port of 127.0.0.1. */
export interface SubgraphForTest {
  /** its /graphql endpoint */
  url: string;
  origin: string;
  dataSource: DataSource;
  counter: QueryCounter;
  database: TestDatabase;
  /** an operation without the write token (plus any `headers`) */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test responses are read loosely by design: a test names the type only where it helps
  read<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** an operation with the write token */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test responses are read loosely by design: a test names the type only where it helps
  write<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** the data of an operation with the write token; throws when it answers with errors */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test responses are read loosely by design: a test names the type only where it helps
  writeData<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** a POST of JSON (a string is sent as it is) to another path, e.g. an internal endpoint */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test responses are read loosely by design: a test names the type only where it helps
  post(path: string, body: unknown): Promise<{ status: number; body: any }>;
  /** closes the server and the data source and drops the database */
  close(): Promise<void>;
}

/** Starts a subgraph for an integration test; `close()` it in `afterAll`. */
export async function startSubgraphForTest(options: SubgraphForTestOptions): Promise<SubgraphForTest> {
  const database = await createTestDatabase(options.label);
  const counter = new QueryCounter();
  const dataSource = options.createDataSource(database.url, counter);
  let running: RunningServer;
  try {
    await dataSource.initialize();
    await dataSource.runMigrations();
    const server = await options.createServer({ dataSource, writeTokens: [TEST_WRITE_TOKEN] });
    running = await server.listen(0, '127.0.0.1');
  } catch (e) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.drop();
    throw e;
  }
  const { url } = running;
  const origin = new URL(url).origin;
  const write = <T>(query: string, variables?: Record<string, unknown>) =>
    postGraphQL<T>(url, query, variables, { authorization: `Bearer ${TEST_WRITE_TOKEN}` });
  return {
    url,
    origin,
    dataSource,
    counter,
    database,
    read: (query, variables, headers = {}) => postGraphQL(url, query, variables, headers),
    write,
    async writeData<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
      const res = await write<T>(query, variables);
      if (res.errors || res.data === undefined) throw new Error(`${query.slice(0, 60)}… failed (${res.status}): ${JSON.stringify(res.errors)}`);
      return res.data;
    },
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
      await database.drop();
    },
  };
}
