import type { LiveStatement } from './api.js';

/**
 * The statements the page shows, newest said first, at most `limit` of them, whatever arrives.
 *
 * Two ways in: the feed (its replay from the start of time, then live events) and the history
 * query (the latest N by the date said), which fills in statements the feed never announced (a
 * corpus written straight into the database). Both agree on the order, the date said, so the
 * list does not reshuffle while the replay comes in and a reload shows the same list; statements
 * said on the same day go in the order the feed delivered them (the later one first). A
 * statement that comes both ways is one entry.
 */
export interface ListEntry {
  statement: LiveStatement;
  /**
   * order of arrival on the live feed (the feed delivers in commit order, replay included);
   * null for a statement known only from the history query
   */
  seq: number | null;
  /** arrived while the page was live (not part of the history it opened with) */
  fresh: boolean;
}

function saidTime(s: LiveStatement): number {
  const t = Date.parse(s.saidAt);
  return Number.isNaN(t) ? 0 : t;
}

function compare(a: ListEntry, b: ListEntry): number {
  return (
    saidTime(b.statement) - saidTime(a.statement) ||
    (b.seq ?? -1) - (a.seq ?? -1) ||
    (a.statement.key < b.statement.key ? -1 : a.statement.key > b.statement.key ? 1 : 0)
  );
}

export class StatementList {
  private entries: ListEntry[] = [];
  private byKey = new Map<string, ListEntry>();
  /** every statement taken in (feed events and history), dropped ones included */
  received = 0;

  constructor(readonly limit: number) {}

  get size(): number {
    return this.entries.length;
  }

  /** The shown entries, newest first. */
  get items(): readonly ListEntry[] {
    return this.entries;
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /**
   * Takes statements in; returns whether the shown list changed. Entries beyond `limit` fall
   * off the end, so a page left open for days stays as light as a fresh one.
   */
  add(items: { statement: LiveStatement; seq: number | null; fresh: boolean }[]): boolean {
    let changed = false;
    for (const item of items) {
      this.received += 1;
      const known = this.byKey.get(item.statement.key);
      if (known) {
        // the feed's position wins over none; the newest copy of the statement wins
        if (known.seq === null && item.seq !== null) {
          known.seq = item.seq;
          changed = true;
        }
        known.statement = item.statement;
        continue;
      }
      const entry: ListEntry = { ...item };
      this.entries.push(entry);
      this.byKey.set(entry.statement.key, entry);
      changed = true;
    }
    if (!changed) return false;
    this.entries.sort(compare);
    for (const dropped of this.entries.splice(this.limit)) this.byKey.delete(dropped.statement.key);
    return true;
  }

  clear(): void {
    this.entries = [];
    this.byKey.clear();
    this.received = 0;
  }
}

/**
 * The cursor of the feed's start: subscribing `after` it replays every matching statement ever
 * announced, then goes live, with no seam between history and live (the server's promise for any
 * cursor). It is the position 0 of the feed's cursor format (`feedCursor(0)` in the statements
 * service); the browser test checks the gateway accepts it.
 */
export const FEED_START = btoa(JSON.stringify(['feed', 0]))
  .replace(/=+$/, '')
  .replace(/\+/g, '-')
  .replace(/\//g, '_');
