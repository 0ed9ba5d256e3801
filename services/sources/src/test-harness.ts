import { createTestDatabase, GraphQLResponse, postGraphQL, QueryCounter, RunningServer } from '@newsgraph/kit';
import { DataSource } from 'typeorm';
import { createSourcesDataSource } from './data-source';
import { createSourcesSubgraph } from './subgraph';

export const TEST_TOKEN = 'test-writer-token';

/** A sources subgraph on a fresh, migrated database, listening on a free port (integration tests). */
export interface SourcesHarness {
  url: string;
  db: DataSource;
  counter: QueryCounter;
  /** an anonymous request */
  read<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** a request with the write token */
  write<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** `upsertSources` with the write token; throws on GraphQL errors */
  upsert(sources: unknown[]): Promise<{ created: number; updated: number; unchanged: number; keys: string[] }>;
  close(): Promise<void>;
}

export const UPSERT = `mutation($s: [SourceInput!]!) { upsertSources(sources: $s) { created updated unchanged keys } }`;

export async function startSourcesHarness(label: string): Promise<SourcesHarness> {
  const database = await createTestDatabase(label);
  const counter = new QueryCounter();
  const db = createSourcesDataSource(database.url, counter);
  let running: RunningServer | undefined;
  try {
    await db.initialize();
    await db.runMigrations();
    const subgraph = await createSourcesSubgraph({ dataSource: db, writeTokens: [TEST_TOKEN] });
    running = await subgraph.listen(0, '127.0.0.1');
  } catch (e) {
    if (db.isInitialized) await db.destroy();
    await database.drop();
    throw e;
  }
  const url = running.url;
  const write = <T>(query: string, variables?: Record<string, unknown>) =>
    postGraphQL<T>(url, query, variables, { authorization: `Bearer ${TEST_TOKEN}` });
  return {
    url,
    db,
    counter,
    read: (query, variables) => postGraphQL(url, query, variables),
    write,
    async upsert(sources) {
      const res = await write<any>(UPSERT, { s: sources });
      if (res.errors) throw new Error(`upsertSources failed: ${JSON.stringify(res.errors)}`);
      return res.data.upsertSources;
    },
    async close() {
      await running!.close();
      await db.destroy();
      await database.drop();
    },
  };
}
