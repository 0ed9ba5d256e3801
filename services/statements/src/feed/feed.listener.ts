import { Client } from 'pg';
import { FEED_CHANNEL } from './feed.outbox';

export interface FeedListenerOptions {
  url: string;
  /** called for every notification, and after each (re)connection */
  onWake: () => void;
  log: (message: string) => void;
  /**
   * Longest wait between reconnection attempts (the wait doubles from 250 ms up to this).
   * @default 5000
   */
  maxBackoffMs?: number;
}

/**
 * One dedicated connection doing LISTEN (a pooled one could be handed to someone else or closed
 * when idle). When it drops it reconnects with backoff, and wakes everyone once it is back,
 * since notifications sent meanwhile are lost; readers keep their own position, so a wake never
 * loses or repeats an event.
 */
export class FeedListener {
  private client: Client | null = null;
  private attempt: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private backoffMs = 0;
  private closed = false;

  constructor(private readonly options: FeedListenerOptions) {}

  /** Starts listening if not yet started; resolves once the first attempt has settled (never rejects). */
  start(): Promise<void> {
    if (this.closed || this.client || this.retryTimer) return Promise.resolve();
    this.attempt ??= this.connect().finally(() => (this.attempt = null));
    return this.attempt;
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.options.url, application_name: 'newsgraph-feed', keepAlive: true });
    let failed = false;
    const fail = (reason: unknown) => {
      if (failed) return;
      failed = true;
      if (this.client === client) this.client = null;
      client.end().catch(() => {});
      this.scheduleReconnect(reason);
    };
    client.on('notification', () => this.options.onWake());
    client.on('error', fail);
    client.on('end', () => fail(new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${FEED_CHANNEL}`);
    } catch (e) {
      fail(e);
      return;
    }
    if (this.closed) {
      failed = true;
      await client.end().catch(() => {});
      return;
    }
    if (this.backoffMs > 0) this.options.log('live feed: listening again');
    this.client = client;
    this.backoffMs = 0;
    this.options.onWake();
  }

  private scheduleReconnect(reason: unknown): void {
    if (this.closed || this.retryTimer) return;
    this.backoffMs = Math.min(Math.max(this.backoffMs * 2, 250), this.options.maxBackoffMs ?? 5000);
    const why = reason instanceof Error ? reason.message : String(reason);
    this.options.log(`live feed: LISTEN connection lost (${why}); retrying in ${this.backoffMs} ms`);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.start();
    }, this.backoffMs);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    await this.attempt;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }
}
