import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * What the watcher remembers between runs, per feed: the validators for a conditional GET, its
 * failure streak, and every item it finished with. An item is written here only once it is done
 * (ingested, queued, or given up), so a watcher killed halfway does it again on restart, and
 * everything it does is idempotent (ingest upserts by key, queue files are named by article).
 */
export interface WatchState {
  format: 'newsgraph.watch-state/v1';
  feeds: Record<string, FeedState>;
  /** article page URL -> what became of it, whichever feed listed it (so two feeds' copies are one) */
  articles?: Record<string, SeenItem>;
}

export interface FeedState {
  etag?: string;
  lastModified?: string;
  /** consecutive failed polls */
  failures: number;
  /** ms since the epoch before which the feed is not polled again (backoff survives a restart) */
  notBefore?: number;
  /** item id -> what became of it */
  seen: Record<string, SeenItem>;
  /** item id -> transient failures so far, for items not finished yet */
  attempts?: Record<string, number>;
}

export interface SeenItem {
  /** ms since the epoch */
  at: number;
  outcome: 'ingested' | 'queued' | 'nothing' | 'failed' | 'duplicate';
}

/** Items remembered per feed; the oldest are forgotten first (a feed lists far fewer at a time). */
export const MAX_SEEN_PER_FEED = 5000;
/** Article URLs remembered across feeds. */
export const MAX_ARTICLES = 20_000;

export class StateFileError extends Error {}

export function emptyState(): WatchState {
  return { format: 'newsgraph.watch-state/v1', feeds: {} };
}

export function feedState(state: WatchState, url: string): FeedState {
  return (state.feeds[url] ??= { failures: 0, seen: {} });
}

/** Records a finished item, forgetting the oldest ones past MAX_SEEN_PER_FEED. */
export function markSeen(feed: FeedState, id: string, item: SeenItem, max = MAX_SEEN_PER_FEED): void {
  feed.seen[id] = item;
  if (feed.attempts) delete feed.attempts[id];
  const ids = Object.keys(feed.seen);
  if (ids.length <= max) return;
  ids.sort((a, b) => feed.seen[a].at - feed.seen[b].at);
  for (const old of ids.slice(0, ids.length - max)) delete feed.seen[old];
}

/** Records a finished article by its URL, across feeds, forgetting the oldest past `max`. */
export function markArticle(state: WatchState, url: string, item: SeenItem, max = MAX_ARTICLES): void {
  const articles = (state.articles ??= {});
  articles[url] = item;
  const urls = Object.keys(articles);
  if (urls.length <= max) return;
  urls.sort((a, b) => articles[a].at - articles[b].at);
  for (const old of urls.slice(0, urls.length - max)) delete articles[old];
}

export async function loadState(file: string): Promise<WatchState> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
    throw new StateFileError(`cannot read the state file ${file}: ${(error as Error).message}`);
  }
  let doc: WatchState;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new StateFileError(`the state file ${file} is not valid JSON (${(error as Error).message}); move it away to start afresh`);
  }
  if (doc?.format !== 'newsgraph.watch-state/v1' || typeof doc.feeds !== 'object' || doc.feeds === null) {
    throw new StateFileError(`the state file ${file} is not a newsgraph.watch-state/v1 document; move it away to start afresh`);
  }
  return doc;
}

/**
 * Writes `text` to `file` so that a reader (or a crash) sees either the old file or the new one,
 * never half of it: a temporary file in the same folder, then a rename over the old one.
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, text);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

export function saveState(file: string, state: WatchState): Promise<void> {
  return writeFileAtomic(file, `${JSON.stringify(state, null, 1)}\n`);
}
