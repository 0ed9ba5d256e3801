import { badInput, decodeCursor, encodeCursor, Params } from '@newsgraph/kit';
import { DataSource } from 'typeorm';
import { ActorsDirectory, RollupResult } from '../rollup/actors-directory';
import { filterClauses, FilterDeps, STATEMENT_COLUMNS, toStatementModel } from '../statement/statement.sql';
import type { StatementRow } from '../statement/statement.sql';
import { StatementFilter } from '../statement/statement.types';
import { FeedListener } from './feed.listener';
import { FeedEvent } from './feed.types';

export interface StatementFeedOptions {
  db: DataSource;
  directory: ActorsDirectory;
  /** the database to LISTEN on; default: the data source's `url` */
  url?: string;
  /**
   * Each subscriber also looks for new events this often, so a notification lost while the
   * LISTEN connection was down delays an event instead of stalling the subscriber.
   * @default 5000
   */
  pollMs?: number;
  /** @default 100 */
  batchSize?: number;
  log?: (message: string) => void;
}

export interface StatementFeed {
  /**
   * Checks the filter and cursor now (a bad one is a GraphQL error for this operation), then
   * streams every matching statement created after `after` (or after now), in commit order.
   */
  subscribe(filter: StatementFilter | null | undefined, after: string | null | undefined): Promise<AsyncIterableIterator<FeedEvent>>;
  /** ends every subscription and stops listening */
  close(): Promise<void>;
  /** open subscriptions */
  readonly size: number;
}

const CURSOR_TAG = 'feed';

export function feedCursor(seq: number): string {
  return encodeCursor([CURSOR_TAG, seq]);
}

/**
 * The cursor of the newest event: subscribing with it as `after` receives every statement created
 * from this moment on. Writes take the feed's lock, so no lower seq can commit after this read.
 */
export async function feedHead(db: DataSource): Promise<string> {
  const [{ top }] = await db.query('SELECT coalesce(max(seq), 0)::bigint AS top FROM statement_event');
  return feedCursor(Number(top));
}

function cursorSeq(after: string): number {
  const [tag, seq] = decodeCursor(after, ['string', 'number'])!;
  if (tag !== CURSOR_TAG || !Number.isSafeInteger(seq) || (seq as number) < 0) {
    throw badInput('after', `"${after.slice(0, 80)}" is not a cursor of the live feed`);
  }
  return seq as number;
}

/**
 * The live feed of one process. Events are rows of the shared outbox table, so every process
 * serving subscriptions sees every statement, whichever process wrote it; NOTIFY only says
 * "look again". Each subscriber keeps its own position (the last seq it has passed), reads what
 * lies beyond it in seq order, and sleeps until the next wake when nothing does.
 */
export function createStatementFeed(options: StatementFeedOptions): StatementFeed {
  const url = options.url ?? (options.db.options as { url?: string }).url;
  if (!url) throw new Error('live feed: the data source has no url to LISTEN on; pass `url`');
  const pollMs = options.pollMs ?? 5000;
  const batchSize = options.batchSize ?? 100;
  const log = options.log ?? ((m: string) => console.warn(m));
  const subscribers = new Set<FeedSubscription>();
  let closed = false;

  // Roll-ups are asked of the actors subgraph; subscribers watching the same actor share one
  // answer until the next wake (a statement written after a membership is then judged with it).
  let rollups = new Map<string, { at: number; value: Promise<RollupResult> }>();
  const rollup = (key: string, fresh = false): Promise<RollupResult> => {
    const hit = rollups.get(key);
    if (!fresh && hit && Date.now() - hit.at < pollMs) return hit.value;
    const value = options.directory.rollup([key]).then((m) => m.get(key) ?? { exists: false, intervals: [] });
    const entry = { at: Date.now(), value };
    rollups.set(key, entry);
    value.catch(() => rollups.get(key) === entry && rollups.delete(key));
    return value;
  };

  let generation = 0;
  const listener = new FeedListener({
    url,
    log,
    onWake: () => {
      rollups = new Map();
      generation += 1;
      for (const s of subscribers) s.wake();
    },
  });

  // Subscribers with the same filter at the same position read the same rows: one query serves
  // them all (a thousand dashboards on one topic wake together). Only reads begun since the latest
  // wake are shared, so a subscriber woken by a commit never takes rows read before that commit.
  const inFlight = new Map<string, Promise<{ events: FeedEvent[]; last: number }>>();
  const sharedPage: PageReader = (filter, last) => {
    const key = `${generation}\u0000${last}\u0000${JSON.stringify(filter)}`;
    let read = inFlight.get(key);
    if (!read) {
      read = page(filter, last);
      inFlight.set(key, read);
      const done = () => inFlight.get(key) === read && inFlight.delete(key);
      read.then(done, done);
    }
    return read;
  };

  const page: PageReader = async (filter, last) => {
    const params = new Params();
    const lastParam = params.add(last);
    const deps: FilterDeps = { db: options.db, rollup: (k) => rollup(k) };
    // only the events after `last` are tested: "by" tests those rows rather than listing every statement by X
    const where = await filterClauses(filter, params, deps, 's', { allowUnknownTopic: true });
    // One statement, one snapshot: `head` is the newest event visible to this very query, so
    // when fewer than a batch match, everything up to `head` has been looked at.
    // the head row is there even when no event matched (then its page columns are null)
    const rows = await options.db.query<(StatementRow & { head: string | number; event_seq: string | number | null })[]>(
      `WITH head AS (SELECT coalesce(max(seq), 0) AS top FROM statement_event),
       page AS (
         SELECT e.seq AS event_seq, ${STATEMENT_COLUMNS}
           FROM statement_event e JOIN statement s ON s.key = e.statement_key
          WHERE e.seq > ${lastParam} AND e.seq <= (SELECT top FROM head) ${where.map((w) => `AND ${w}`).join(' ')}
          ORDER BY e.seq LIMIT ${batchSize})
       SELECT head.top AS head, page.* FROM head LEFT JOIN page ON true ORDER BY page.event_seq`,
      params.values,
    );
    const events = rows.filter((r) => r.event_seq !== null).map((r) => ({ seq: Number(r.event_seq), row: r }));
    const next = events.length === batchSize ? events[events.length - 1].seq : Number(rows[0].head);
    return {
      events: events.map(({ seq, row }) => ({ cursor: feedCursor(seq), statement: toStatementModel(row) })),
      last: next,
    };
  };

  return {
    get size() {
      return subscribers.size;
    },
    async subscribe(filter, after) {
      if (closed) throw new Error('live feed: closed');
      const from = after != null ? cursorSeq(after) : null;
      // the filter is checked against fresh data: an actor created a moment ago must be known
      await filterClauses(filter, new Params(), { db: options.db, rollup: (k) => rollup(k, true) }, 's', { allowUnknownTopic: true });
      // listen before reading the position, so nothing committed in between goes unannounced
      await listener.start();
      // bigint columns come back as strings
      const [{ top, issued }] = await options.db.query(
        `SELECT coalesce((SELECT max(seq) FROM statement_event), 0) AS top,
                (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM statement_event_seq_seq) AS issued`,
      );
      if (from !== null && from > Number(issued)) {
        throw badInput('after', 'is ahead of the live feed (a cursor from another database?)');
      }
      if (closed) throw new Error('live feed: closed');
      const subscription = new FeedSubscription(filter ?? null, from ?? Number(top), sharedPage, pollMs, log, (s) => subscribers.delete(s));
      subscribers.add(subscription);
      return subscription;
    },
    async close() {
      closed = true;
      await Promise.all([...subscribers].map((s) => s.return()));
      await listener.close();
    },
  };
}

type PageReader = (filter: StatementFilter | null, last: number) => Promise<{ events: FeedEvent[]; last: number }>;

/**
 * One subscriber: an async iterator (not a generator, whose `return()` would wait behind a
 * pending `next()` sleeping until the next event).
 */
class FeedSubscription implements AsyncIterableIterator<FeedEvent> {
  private buffer: FeedEvent[] = [];
  private closed = false;
  private woken = false;
  private sleeper: (() => void) | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly filter: StatementFilter | null,
    private last: number,
    private readonly read: PageReader,
    private readonly pollMs: number,
    private readonly log: (message: string) => void,
    private readonly onEnd: (s: FeedSubscription) => void,
  ) {}

  [Symbol.asyncIterator]() {
    return this;
  }

  wake(): void {
    this.woken = true;
    this.sleeper?.();
  }

  next(): Promise<IteratorResult<FeedEvent>> {
    // one read at a time, whatever the caller does
    const result = this.queue.then(() => this.pull());
    this.queue = result.catch(() => {});
    return result;
  }

  private async pull(): Promise<IteratorResult<FeedEvent>> {
    while (!this.closed) {
      const buffered = this.buffer.shift();
      if (buffered) return { value: buffered, done: false };
      this.woken = false;
      try {
        const { events, last } = await this.read(this.filter, this.last);
        // a copy: the read may be shared with other subscribers, and the buffer is consumed
        this.buffer = [...events];
        this.last = last;
        if (events.length) continue;
      } catch (e) {
        // the database or the actors subgraph is away: keep the position and try again later
        this.log(`live feed: reading events failed (${e instanceof Error ? e.message : String(e)}); retrying`);
        this.woken = false;
      }
      // a wake during the read means more may have committed since: read again at once
      if (!this.woken && !this.closed) await this.sleep();
    }
    return { value: undefined, done: true };
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.sleeper?.(), this.pollMs);
      this.sleeper = () => {
        clearTimeout(timer);
        this.sleeper = null;
        resolve();
      };
    });
  }

  async return(): Promise<IteratorResult<FeedEvent>> {
    if (!this.closed) {
      this.closed = true;
      this.buffer = [];
      this.onEnd(this);
      this.sleeper?.();
    }
    return { value: undefined, done: true };
  }

  async throw(error?: unknown): Promise<IteratorResult<FeedEvent>> {
    await this.return();
    throw error;
  }
}
