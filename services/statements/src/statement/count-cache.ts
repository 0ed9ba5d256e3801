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

  async count(db: Queryable, sql: string, params: readonly unknown[]): Promise<number> {
    const [{ version }] = await db.query<{ version: string }>('SELECT version::text AS version FROM write_version');
    const key = `${sql}\u0000${JSON.stringify(params)}`;
    const hit = this.entries.get(key);
    if (hit && hit.version === version) {
      // least recently used goes first: move this one to the end
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.count;
    }
    const [{ count }] = await db.query<{ count: number | string }>(sql, params as unknown[]);
    this.entries.delete(key);
    this.entries.set(key, { version, count: Number(count) });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return Number(count);
  }
}

/** Marks a write: cached counts made before it are no longer served. Call inside the write's transaction. */
export async function bumpWriteVersion(tx: Queryable): Promise<void> {
  await tx.query('UPDATE write_version SET version = version + 1');
}
