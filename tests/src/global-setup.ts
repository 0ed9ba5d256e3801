import path from 'node:path';
import { startEmbeddedPostgres } from '@newsgraph/tools';

/**
 * Tests need a real PostgreSQL. With DATABASE_URL set (CI may point it at an installed server)
 * that one is used; otherwise an embedded server is started in a fresh directory and stopped by
 * the global teardown. Workers inherit DATABASE_URL from this process.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) return;
  const root = path.resolve(__dirname, '../..');
  const server = await startEmbeddedPostgres({
    dataDir: path.join(root, '.data', `test-pg-${process.pid}`),
    ephemeral: true,
  });
  process.env.DATABASE_URL = server.url;
  (globalThis as any).__NEWSGRAPH_TEST_PG__ = server;
}
