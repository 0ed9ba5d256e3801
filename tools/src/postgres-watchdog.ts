import { Client } from 'pg';
import { EmbeddedServer, startEmbeddedPostgres } from './embedded-postgres';

/**
 * Watches `npm start`'s embedded PostgreSQL: every 2 s a `SELECT 1`; after three failures in a
 * row (6 s without a database) it starts the server again on the same data directory and port,
 * so the services' pools reconnect by themselves. Meanwhile requests that need the database fail
 * with SERVICE_UNAVAILABLE and /readyz answers 503. `stop()` ends the watch and the server.
 */
export function watchEmbeddedPostgres(server: EmbeddedServer, log: (line: string) => void): { stop(): Promise<void> } {
  let current = server;
  let failures = 0;
  let restarting = false;
  let stopped = false;
  const alive = async (): Promise<boolean> => {
    const client = new Client({ connectionString: current.url, connectionTimeoutMillis: 1_500 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  const timer = setInterval(() => {
    if (restarting || stopped) return;
    void alive().then(async (ok) => {
      if (ok || stopped) {
        failures = 0;
        return;
      }
      failures += 1;
      if (failures < 3) return;
      restarting = true;
      log('embedded PostgreSQL is not answering; starting it again');
      try {
        // a stop that cannot finish must not stop the restart (bounded at 10 s)
        await Promise.race([current.stop().catch(() => undefined), new Promise((r) => setTimeout(r, 10_000).unref())]);
        current = await startEmbeddedPostgres({ dataDir: current.dataDir, port: current.port });
        log('embedded PostgreSQL restarted');
        failures = 0;
      } catch (e) {
        log(`embedded PostgreSQL could not be restarted: ${e instanceof Error ? e.message : String(e)}`);
      } finally {
        restarting = false;
      }
    });
  }, 2_000);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current.stop();
    },
  };
}
