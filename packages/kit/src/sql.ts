/**
 * Anything that runs SQL: a DataSource, an EntityManager or a QueryRunner. A SELECT answers its
 * rows; the caller names their shape (`db.query<{ n: number }>(...)`), as the database does not.
 */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, parameters?: unknown[]): Promise<Row[]>;
}

/** Collects positional parameters while a SQL text is assembled: `add` returns the placeholder. */
export class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Text for a LIKE pattern with its wildcards (`%`, `_`) and the escape character taken literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A user's search text as a LIKE pattern matching it anywhere, wildcards in it taken literally. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}
