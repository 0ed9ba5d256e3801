import { dropDatabase, ensureDatabase } from '@newsgraph/kit';
import { Client } from 'pg';
import { databaseUrlFor, loadActors, loadOutletsAndClaims, loadSourceBatch, loadStatementBatch, migrate, SERVICES, Service } from './load';
import { Random } from './random';
import { Expectations, StatementGenerator } from './statements';
import { buildWorld } from './world';

export interface GenerateOptions {
  /** PostgreSQL server; the corpus goes to databases `<prefix>actors`, `<prefix>statements`, `<prefix>sources` */
  databaseUrl: string;
  prefix?: string;
  statements: number;
  seed?: number;
  /** drop the three databases first if they exist */
  replace?: boolean;
  batchSize?: number;
  log?: (line: string) => void;
}

export interface GenerateReport {
  statements: number;
  seed: number;
  prefix: string;
  /** rows per `<service>.<table>` */
  rows: Record<string, number>;
  seconds: number;
  rowsPerSecond: number;
  expect: Expectations;
  /** a few keys worth querying */
  sample: { country: string; topic: string; otherCountry: string; searchWord: string };
}

const TABLES: Record<Service, string[]> = {
  actors: ['actor', 'actor_alias', 'membership'],
  statements: ['claim', 'statement', 'stance', 'relation', 'attestation'],
  sources: ['outlet', 'source', 'source_derivation'],
};

/** True when the statements database exists and holds a generated corpus. */
export async function corpusSize(databaseUrl: string, prefix: string): Promise<number | null> {
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    const names = (await admin.query('SELECT datname FROM pg_database WHERE datname = ANY($1)', [SERVICES.map((s) => prefix + s)])).rows;
    if (names.length < 3) return null;
  } finally {
    await admin.end();
  }
  const db = new Client({ connectionString: databaseUrlFor(databaseUrl, `${prefix}statements`) });
  await db.connect();
  try {
    const { rows } = await db.query(`SELECT to_regclass('statement') IS NOT NULL AS ok`);
    if (!rows[0].ok) return null;
    return (await db.query(`SELECT count(*)::int AS n FROM statement WHERE key LIKE 'stmt:gen-%'`)).rows[0].n;
  } finally {
    await db.end();
  }
}

/**
 * Writes a synthetic corpus straight into the three services' databases, after running their
 * migrations. Bulk multi-row inserts, one transaction per batch; deterministic for a seed.
 */
export async function generateCorpus(options: GenerateOptions): Promise<GenerateReport> {
  const prefix = options.prefix ?? 'newsgraph_';
  const seed = options.seed ?? 42;
  const log = options.log ?? (() => undefined);
  const batchSize = options.batchSize ?? 5_000;
  const urls = Object.fromEntries(SERVICES.map((s) => [s, databaseUrlFor(options.databaseUrl, `${prefix}${s}`)])) as Record<Service, string>;
  const started = Date.now();

  if (options.replace) for (const s of SERVICES) await dropDatabase(urls[s]);
  for (const s of SERVICES) await ensureDatabase(urls[s]);
  await Promise.all(SERVICES.map((s) => migrate(s, urls[s])));

  const clients = Object.fromEntries(SERVICES.map((s) => [s, new Client({ connectionString: urls[s] })])) as Record<Service, Client>;
  await Promise.all(SERVICES.map((s) => clients[s].connect()));
  try {
    const existing = (await clients.statements.query('SELECT count(*)::int AS n FROM statement')).rows[0].n;
    if (existing > 0) {
      throw new Error(`${prefix}statements already holds ${existing} statements; use --replace to drop and regenerate the corpus`);
    }
    for (const c of Object.values(clients)) await c.query(`SET synchronous_commit = off`);
    const random = new Random(seed);
    const world = buildWorld(random, options.statements);
    await loadActors(clients.actors, world);
    await loadOutletsAndClaims(clients.sources, clients.statements, world);
    log(`actors, outlets and claims written (${world.actors.length} actors, ${world.claims.length} claims)`);

    const generator = new StatementGenerator(world, random, options.statements);
    let pending: Promise<unknown> = Promise.resolve();
    let written = 0;
    let lastLog = Date.now();
    // generate the next batch in Node while PostgreSQL writes the previous one
    while (!generator.done) {
      const batch = generator.next(batchSize);
      await pending;
      pending = Promise.all([loadStatementBatch(clients.statements, batch), loadSourceBatch(clients.sources, batch)]);
      written += batch.statements.length;
      if (Date.now() - lastLog > 5_000) {
        lastLog = Date.now();
        const rate = written / ((Date.now() - started) / 1000);
        log(`${written} / ${options.statements} statements (${Math.round(rate)}/s)`);
      }
    }
    await pending;
    // VACUUM as well as ANALYZE: a freshly bulk-loaded table has no visibility map and no hint
    // bits, so index-only scans visit the heap and the first reads write every page they touch;
    // at 1M statements the headline's first minute ran 20x slower than after this
    log('vacuuming and analyzing');
    await Promise.all(SERVICES.map((s) => clients[s].query('VACUUM (ANALYZE)')));

    const rows: Record<string, number> = {};
    for (const s of SERVICES) {
      for (const t of TABLES[s]) rows[`${s}.${t}`] = (await clients[s].query(`SELECT count(*)::int AS n FROM ${t}`)).rows[0].n;
    }
    const seconds = (Date.now() - started) / 1000;
    const total = Object.values(rows).reduce((a, b) => a + b, 0);
    return {
      statements: options.statements,
      seed,
      prefix,
      rows,
      seconds,
      rowsPerSecond: Math.round(total / seconds),
      expect: generator.expect,
      sample: { country: 'country:es', topic: 'base-use', otherCountry: 'country:us', searchWord: 'sanctions' },
    };
  } finally {
    await Promise.all(SERVICES.map((s) => clients[s].end()));
  }
}
