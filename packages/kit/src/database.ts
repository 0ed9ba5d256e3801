import { Client } from 'pg';
import { DataSource, Logger, MigrationInterface, MixedList } from 'typeorm';

/** Counts the SQL statements a data source sends; tests use it to prove batching. */
export class QueryCounter implements Logger {
  count = 0;
  readonly recent: string[] = [];
  logQuery(query: string): void {
    this.count += 1;
    this.recent.push(query);
    if (this.recent.length > 200) this.recent.shift();
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
  reset(): void {
    this.count = 0;
    this.recent.length = 0;
  }
}

export interface DataSourceOptions {
  url: string;
  /** migration classes (or glob paths of their files) */
  migrations: MixedList<(new () => MigrationInterface) | string>;
  /** connection pool size; default 10 */
  poolSize?: number;
  counter?: QueryCounter;
  /**
   * PostgreSQL `statement_timeout` of every pooled connection, in ms; 0 or absent: none (migrations).
   * Serving processes set it shorter than the gateway's upstream deadline, so that a query the
   * gateway has given up on stops in the database too instead of holding a pooled connection.
   */
  statementTimeoutMs?: number;
}

/** The subgraphs' default statement_timeout: under the gateway's 10 s upstream deadline. */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 8_000;

/**
 * A TypeORM data source for one service's database. The schema only ever changes through
 * migrations (`synchronize` is off); call `runMigrations()` after `initialize()`.
 */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    // no entities: queries are SQL and the migrations are the schema (README "Storage")
    entities: [],
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    poolSize: options.poolSize ?? 10,
    // No JIT: the services' queries are short index lookups whose planner estimates can still come
    // out high (a recursive roll-up over a thousand start keys, a walk over many intervals), and
    // PostgreSQL then spends more compiling than running: 1.5 s of JIT for a 60 ms query, measured.
    extra: { options: '-c jit=off', ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}) },
    logger: options.counter,
    logging: options.counter ? ['query'] : false,
  });
}

/** Database name of a connection URL. */
export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

/** The same server with another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/**
 * Creates the database of `url` on its server if it does not exist yet (connecting to the
 * server's `postgres` database to do so). Safe to call from several processes at once.
 */
export async function ensureDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`Unsupported database name "${name}"`);
  const admin = new Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      try {
        await admin.query(`CREATE DATABASE "${name}"`);
      } catch (e) {
        // 42P04: created meanwhile by a sibling process
        const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
        if (code !== '42P04' && code !== '23505') throw e;
      }
    }
  } finally {
    await admin.end();
  }
}

/** Drops a database (tests clean up with it). */
export async function dropDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  const admin = new Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
