import { createHash } from 'node:crypto';
import { parseFeed } from '@rowanmanning/feed-parser';
import { GatewayClient } from '../ingest/index';
import { ArticleOutcome, FeedItemInfo, PagePipeline, processArticle, USER_AGENT } from './article';
import { FeedConfig } from './feeds';
import { boundedGet, FetchFailure, Fetcher, FetchLimits, HostGate, retryAfterSeconds } from './http';
import { feedState, markArticle, markSeen, saveState, WatchState } from './state';

export interface WatcherOptions {
  feeds: FeedConfig[];
  state: WatchState;
  stateFile: string;
  queueDir: string;
  /** statements at or above this confidence are ingested; the rest wait for review */
  threshold: number;
  client: GatewayClient;
  pipeline: PagePipeline;
  fetcher: Fetcher;
  feedLimits: FetchLimits;
  pageLimits: FetchLimits;
  /** ms between two requests to one host */
  hostGapMs: number;
  /** longest wait after failures, in s */
  maxBackoffS: number;
  /** transient failures of one article before it is given up */
  maxAttempts: number;
  /** poll every feed once, process what is new, then stop */
  once: boolean;
  /** one JSON object per line */
  log(line: Record<string, unknown>): void;
  now?: () => number;
}

/** What the watcher did since it started. */
export interface WatchTotals {
  polls: number;
  feedFailures: number;
  articles: number;
  ingested: number;
  queued: number;
  articleFailures: number;
}

export interface Watcher {
  /** resolves when every feed loop has ended (after `stop`, or after one pass with `once`) */
  done: Promise<WatchTotals>;
  /** ends the loops after the article each is on; resolves with `done` */
  stop(): Promise<void>;
  /** one pass only (`--once`) */
  readonly once: boolean;
}

/** After `failures` failed polls in a row: the interval doubled per failure, at most `maxS`. */
export function backoffSeconds(interval: number, failures: number, maxS: number): number {
  return Math.min(maxS, interval * 2 ** Math.min(failures, 30));
}

/** An item's identity in its feed: its guid/id, else its link, else its title and date. */
export function itemId(item: { id: string | null; url: string | null; title: string | null; published: Date | null }): string {
  if (item.id) return item.id;
  if (item.url) return item.url;
  return `h:${createHash('sha256')
    .update(`${item.title ?? ''}\n${item.published?.toISOString() ?? ''}`)
    .digest('hex')
    .slice(0, 24)}`;
}

/**
 * The watcher's core: one loop per feed (different hosts proceed in parallel; the host gate keeps
 * one request at a time per host), each polling its feed, handling its new items oldest first, and
 * remembering each finished item in the state file. Returns something disposable.
 */
export function createWatcher(o: WatcherOptions): Watcher {
  const now = o.now ?? Date.now;
  const gate = new HostGate(o.hostGapMs);
  const totals: WatchTotals = { polls: 0, feedFailures: 0, articles: 0, ingested: 0, queued: 0, articleFailures: 0 };
  let stopping = false;
  const sleepers = new Set<() => void>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (stopping) return resolve();
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      sleepers.add(wake);
    });
  // one write at a time, always of the latest state
  let saving: Promise<void> = Promise.resolve();
  const save = () => (saving = saving.then(() => saveState(o.stateFile, o.state)));

  async function poll(feed: FeedConfig): Promise<void> {
    const fs = feedState(o.state, feed.url);
    const headers: Record<string, string> = {
      accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1',
      'user-agent': USER_AGENT,
    };
    if (fs.etag) headers['if-none-match'] = fs.etag;
    if (fs.lastModified) headers['if-modified-since'] = fs.lastModified;
    const started = now();
    let items: FeedItemInfo[];
    let validators: { etag?: string; lastModified?: string } = {};
    let notModified = false;
    try {
      const res = await gate.run(feed.url, () => boundedGet(o.fetcher, feed.url, headers, o.feedLimits));
      notModified = res.status === 304;
      if (notModified) items = [];
      else if (res.status !== 200) {
        throw new FetchFailure(`the feed answered HTTP ${res.status}`, true, retryAfterSeconds(res.headers.get('retry-after'), now()));
      } else {
        let parsed;
        try {
          parsed = parseFeed(res.body);
        } catch (error) {
          throw new FetchFailure(`not an RSS or Atom feed: ${(error as Error).message}`, true);
        }
        items = parsed.items
          .map((it) => ({ id: itemId(it), url: it.url, title: it.title, published: it.published?.toISOString() ?? null }))
          // oldest first, so a queue reviewed in order reads like the news happened; undated keep feed order
          .map((it, i) => ({ it, i }))
          .sort((a, b) => (a.it.published && b.it.published ? a.it.published.localeCompare(b.it.published) : 0) || b.i - a.i)
          .map(({ it }) => it);
        validators = { etag: res.headers.get('etag') ?? undefined, lastModified: res.headers.get('last-modified') ?? undefined };
      }
    } catch (error) {
      if (!(error instanceof FetchFailure)) throw error;
      totals.polls++;
      totals.feedFailures++;
      fs.failures += 1;
      // a server's Retry-After is honoured, up to a day (a broken header must not silence a feed for good)
      const wait = Math.max(backoffSeconds(feed.interval, fs.failures, o.maxBackoffS), Math.min(error.retryAfterS ?? 0, 86_400));
      fs.notBefore = now() + wait * 1000;
      o.log({
        event: 'feed failed',
        feed: feed.url,
        failures: fs.failures,
        retryInS: wait,
        reason: error.message,
        msg: `feed ${feed.url} failed (${error.message}); next try in ${wait} s`,
      });
      await save();
      return;
    }
    totals.polls++;
    if (fs.failures > 0)
      o.log({ event: 'feed recovered', feed: feed.url, after: fs.failures, msg: `feed ${feed.url} answers again after ${fs.failures} failure(s)` });
    fs.failures = 0;
    const fresh = items.filter((it) => !fs.seen[it.id]);
    o.log({
      event: 'feed polled',
      feed: feed.url,
      items: items.length,
      new: fresh.length,
      ...(notModified ? { notModified } : {}),
      ms: now() - started,
      msg: `feed ${feed.url}: ${fresh.length} new of ${items.length}`,
    });
    let pending = 0;
    for (const item of fresh) {
      if (stopping) {
        pending++;
        continue;
      }
      const done = await handle(feed, item);
      if (!done) pending++;
    }
    // The validators may skip this body next time only when nothing in it is left to do.
    if (pending === 0 && (validators.etag || validators.lastModified)) {
      fs.etag = validators.etag;
      fs.lastModified = validators.lastModified;
    }
    fs.notBefore = now() + feed.interval * 1000;
    await save();
  }

  /** Handles one item; true when it is finished (recorded as seen). */
  async function handle(feed: FeedConfig, item: FeedItemInfo): Promise<boolean> {
    const fs = feedState(o.state, feed.url);
    const started = now();
    const earlier = item.url ? o.state.articles?.[item.url] : undefined;
    if (earlier && earlier.outcome !== 'failed') {
      // another feed listed the same page and it was handled then: not fetched, not queued again
      markSeen(fs, item.id, { at: now(), outcome: 'duplicate' });
      await save();
      o.log({
        event: 'article',
        feed: feed.url,
        item: item.id,
        url: item.url,
        outcome: 'duplicate',
        earlier: earlier.outcome,
        msg: `${item.url}: already handled through another feed (${earlier.outcome})`,
      });
      return true;
    }
    let result: ArticleOutcome;
    try {
      result = await processArticle(feed, item, {
        fetcher: o.fetcher,
        gate,
        limits: o.pageLimits,
        pipeline: o.pipeline,
        client: o.client,
        threshold: o.threshold,
        queueDir: o.queueDir,
        now,
      });
    } catch (error) {
      result = { outcome: 'failed', transient: true, reason: `unexpected: ${(error as Error).message}` };
    }
    const base = { event: 'article', feed: feed.url, item: item.id, url: item.url, ms: now() - started };
    totals.articles++;
    if (result.outcome !== 'failed') {
      totals.ingested += result.ingested;
      totals.queued += result.queued;
      markSeen(fs, item.id, { at: now(), outcome: result.outcome });
      if (item.url) markArticle(o.state, item.url, { at: now(), outcome: result.outcome });
      await save();
      o.log({
        ...base,
        ...result,
        msg: `${item.url}: fetched ${result.bytes} bytes, extracted ${result.extracted}, ingested ${result.ingested}, queued ${result.queued}`,
      });
      return true;
    }
    totals.articleFailures++;
    const attempts = (fs.attempts ??= {});
    // an unreachable gateway (or a refused token) is no fault of the article: it never uses up its tries
    if (!result.gatewayDown) attempts[item.id] = (attempts[item.id] ?? 0) + 1;
    const givenUp = !result.transient || (attempts[item.id] ?? 0) >= o.maxAttempts;
    if (givenUp) markSeen(fs, item.id, { at: now(), outcome: 'failed' });
    await save();
    o.log({
      ...base,
      ...result,
      attempt: attempts[item.id] ?? 0,
      willRetry: !givenUp,
      msg: `${item.url ?? item.id}: failed: ${result.reason}${givenUp ? ' (given up)' : ' (tried again at the next poll)'}`,
    });
    return givenUp;
  }

  async function loop(feed: FeedConfig): Promise<void> {
    for (;;) {
      if (stopping) return;
      const notBefore = feedState(o.state, feed.url).notBefore ?? 0;
      if (notBefore > now() && !o.once) await sleep(notBefore - now());
      if (stopping) return;
      await poll(feed);
      if (o.once) return;
    }
  }

  const done = Promise.all(o.feeds.map((f) => loop(f)))
    .then(() => saving)
    .then(() => totals);
  return {
    done,
    once: o.once,
    async stop() {
      stopping = true;
      for (const wake of [...sleepers]) wake();
      await done;
    },
  };
}
