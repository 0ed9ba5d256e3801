import { feedCursor } from '@newsgraph/statements';

/**
 * What every client test subscribes to: the contract's live feed from the start of the feed, so
 * the seed's three statements by Spain about base use are replayed, in commit order, with no write
 * racing the subscription's setup.
 */
export const FEED_FROM_START = `subscription FeedFromStart($after: String) {
  statementAdded(filter: { by: "country:es", topic: "base-use" }, after: $after) {
    cursor
    statement { key speaker { name } }
  }
}`;

export const FEED_START = feedCursor(0);

/** The seed's statements by Spain about base use, in the order they were written. */
export const SPAIN_BASE_USE_IN_COMMIT_ORDER = [
  'stmt:albares-denies-change-2026-03-04',
  'stmt:albares-territory-not-used-2026-03-04',
  'stmt:spanish-officials-territory-not-available-2026-03-05',
];

/** The same list as the headline query answers it (newest first). */
export const SPAIN_BASE_USE_NEWEST_FIRST = [
  'stmt:spanish-officials-territory-not-available-2026-03-05',
  'stmt:albares-territory-not-used-2026-03-04',
  'stmt:albares-denies-change-2026-03-04',
];

/** A fetch that records what each request looked like, for asserting what a client sent by default. */
export function recordingFetch(): { fetch: typeof fetch; requests: Array<{ method: string; url: string; body?: string; headers: Headers }> } {
  const requests: Array<{ method: string; url: string; body?: string; headers: Headers }> = [];
  const recording: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const body = request.method === 'GET' ? undefined : await request.clone().text();
    requests.push({ method: request.method, url: request.url, body, headers: request.headers });
    return fetch(request);
  };
  return { fetch: recording, requests };
}
