/**
 * The feeds file of `npm run watch -- <feeds file>`: which feeds to poll, how often, and what the
 * watcher should assume about their articles.
 *
 * ```json
 * {
 *   "feeds": [
 *     { "url": "https://example.org/world/rss.xml", "interval": 600, "outlet": "Example Times", "language": "en" },
 *     { "url": "https://example.es/feed.atom", "language": "es" }
 *   ]
 * }
 * ```
 */
export interface FeedConfig {
  url: string;
  /** seconds between polls when the feed answers well */
  interval: number;
  /** the outlet's name, when the article pages do not say it */
  outlet?: string;
  /** ISO 639-1 code; absent: detected from each article */
  language?: string;
}

/** A quarter of an hour: news feeds rarely change faster than readers look. */
export const DEFAULT_INTERVAL_S = 900;
/** Below this a feed is hammered rather than watched (tests use 1). */
export const MIN_INTERVAL_S = 1;
export const MAX_INTERVAL_S = 7 * 24 * 3600;
const LANGUAGE = /^[a-z]{2}$/;
const KNOWN = new Set(['url', 'interval', 'outlet', 'language']);

export class FeedsFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length} problem(s):\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

/**
 * Parses and checks a feeds file, listing every problem at once by its path in the document
 * (`/feeds/2/interval: must be a number of seconds from 1 to 604800`).
 */
export function parseFeedsFile(file: string, text: string): FeedConfig[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new FeedsFileError(file, [`not valid JSON: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const problems: string[] = [];
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new FeedsFileError(file, ['/: must be an object with a "feeds" list']);
  const root = doc as Record<string, unknown>;
  for (const name of Object.keys(root)) if (name !== 'feeds') problems.push(`/${name}: unknown property (the file holds only "feeds")`);
  if (!Array.isArray(root.feeds)) {
    problems.push('/feeds: must be a list of feeds ({ "url": … })');
    throw new FeedsFileError(file, problems);
  }
  if (root.feeds.length === 0) problems.push('/feeds: lists no feed');
  const feeds: FeedConfig[] = [];
  const seen = new Map<string, number>();
  root.feeds.forEach((raw: unknown, i: number) => {
    const at = `/feeds/${i}`;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      problems.push(`${at}: must be an object with a "url"`);
      return;
    }
    const f = raw as Record<string, unknown>;
    for (const name of Object.keys(f)) if (!KNOWN.has(name)) problems.push(`${at}/${name}: unknown property (known: ${[...KNOWN].join(', ')})`);
    let url: string | undefined;
    if (typeof f.url !== 'string' || !f.url) problems.push(`${at}/url: required, the feed's http(s) address`);
    else {
      try {
        const parsed = new URL(f.url);
        if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') problems.push(`${at}/url: must be http or https, got ${parsed.protocol}`);
        else url = parsed.toString();
      } catch {
        problems.push(`${at}/url: "${f.url}" is not a URL`);
      }
    }
    if (url && seen.has(url)) problems.push(`${at}/url: the same feed as /feeds/${seen.get(url)}`);
    if (url) seen.set(url, i);
    let interval = DEFAULT_INTERVAL_S;
    if (f.interval !== undefined) {
      if (typeof f.interval !== 'number' || !Number.isFinite(f.interval) || f.interval < MIN_INTERVAL_S || f.interval > MAX_INTERVAL_S) {
        problems.push(`${at}/interval: must be a number of seconds from ${MIN_INTERVAL_S} to ${MAX_INTERVAL_S}`);
      } else interval = f.interval;
    }
    if (f.outlet !== undefined && (typeof f.outlet !== 'string' || !f.outlet.trim())) problems.push(`${at}/outlet: must be a non-empty name`);
    if (f.language !== undefined && (typeof f.language !== 'string' || !LANGUAGE.test(f.language))) {
      problems.push(`${at}/language: must be a two-letter ISO 639-1 code such as "en" or "es"`);
    }
    if (url) {
      feeds.push({
        url,
        interval,
        ...(typeof f.outlet === 'string' && f.outlet.trim() ? { outlet: f.outlet.trim() } : {}),
        ...(typeof f.language === 'string' ? { language: f.language } : {}),
      });
    }
  });
  if (problems.length) throw new FeedsFileError(file, problems);
  return feeds;
}
