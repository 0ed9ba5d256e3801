import { Queryable } from '@newsgraph/kit';

/**
 * Counts of lists (totalCount), kept until the next write. Counting every match of a filter is the
 * one part of a list whose cost grows with the archive (tens of thousands of rows for "statements
 * by Spain about base use" at a million statements), and dashboards ask the same count again and
 * again. A count is stored with the database's write version (the `write_version` row every
 * changing write increments) and served only while that version has not moved, so an answer is
 * never older than the last committed write, in any process. The roll-up intervals of "by" are
 * among the query's parameters: a membership change makes a new key, not a stale hit.
 */
export class CountCache {
  private readonly entries = new Map<string, { version: string; count: number }>();

  constructor(private readonly maxEntries = 1000) {}

  /**
   * `seenVersion` is the write version another query of the same request read in its own snapshot
   * (a page carrying `WRITE_VERSION_SQL`): a count cached at that version is served without asking
   * the database again. Without it, or when the count must run, the version is read first, as the
   * count is then kept under a version no newer than the rows it counted.
   */
  async count(db: Queryable, sql: string, params: readonly unknown[], seenVersion?: string): Promise<number> {
    const key = `${sql}\u0000${JSON.stringify(params)}`;
    const hit = this.entries.get(key);
    if (hit && seenVersion !== undefined && hit.version === seenVersion) return this.touch(key, hit);
    const [{ version }] = await db.query<{ version: string }>(`SELECT ${WRITE_VERSION_SQL} AS version`);
    if (hit && hit.version === version) return this.touch(key, hit);
    const [{ count }] = await db.query<{ count: number | string }>(sql, params as unknown[]);
    this.entries.delete(key);
    this.entries.set(key, { version, count: Number(count) });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return Number(count);
  }

  /** A hit: least recently used goes first, so this one moves to the end. */
  private touch(key: string, hit: { version: string; count: number }): number {
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.count;
  }
}

/** The database's write version as an SQL expression (text): a query may carry it as a column for `CountCache.count`. */
export const WRITE_VERSION_SQL = '(SELECT version::text FROM write_version)';

/** Marks a write: cached counts made before it are no longer served. Call inside the write's transaction. */
export async function bumpWriteVersion(tx: Queryable): Promise<void> {
  await tx.query('UPDATE write_version SET version = version + 1');
}
