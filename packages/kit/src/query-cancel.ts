import { Client, Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { currentScope } from './observability/scope';

const WATCHED = Symbol('newsgraph.cancellable');

/**
 * Cancels, in PostgreSQL, the queries of a request whose caller went away (the gateway gave up at
 * its deadline, or its client disconnected): without this the database would go on running them
 * and keep their pooled connections for nobody. Every pooled connection's `query` watches the
 * request scope's abort signal while the query runs; on abort it asks the server, on a separate
 * connection, to cancel that backend (`pg_cancel_backend`). Queries outside a request (the live
 * feed, migrations) are left alone. Does nothing before `initialize()`.
 */
export function cancelAbandonedQueries(dataSource: DataSource): void {
  const pool = (dataSource.driver as { master?: Pool } | undefined)?.master;
  if (!pool) return;
  pool.on('acquire', (client) => watch(client, pool));
}

function watch(client: PoolClient, pool: Pool): void {
  const marked = client as PoolClient & { [WATCHED]?: true };
  if (marked[WATCHED]) return;
  marked[WATCHED] = true;
  const query = client.query as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = function (this: PoolClient, ...args: unknown[]) {
    const signal = currentScope()?.signal;
    const result = query.apply(this, args);
    if (!signal || !isPromise(result)) return result;
    const cancel = () => void cancelBackend(pool, (client as unknown as { processID: number }).processID);
    if (signal.aborted) cancel();
    else {
      signal.addEventListener('abort', cancel, { once: true });
      const done = () => signal.removeEventListener('abort', cancel);
      result.then(done, done);
    }
    return result;
  };
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as Promise<unknown> | null)?.then === 'function';
}

async function cancelBackend(pool: Pool, pid: number): Promise<void> {
  const admin = new Client({ ...pool.options, statement_timeout: undefined } as ConstructorParameters<typeof Client>[0]);
  try {
    await admin.connect();
    await admin.query('SELECT pg_cancel_backend($1)', [pid]);
  } catch {
    // the query ended meanwhile or the server is gone: nothing left to cancel
  } finally {
    await admin.end().catch(() => undefined);
  }
}
