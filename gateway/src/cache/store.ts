import type Redis from 'ioredis';
import { etagOf } from '../http/caching';
import type { Encoding } from '../http/compression';

/** One cached answer: the serialised body clients get, and the data behind it. */
export interface CacheEntry {
  /** the data version current when the read that produced it began */
  version: string;
  body: string;
  data: unknown;
  /** ms since the epoch */
  storedAt: number;
  /** the operation's name, for the logs and metrics of the requests it answers */
  operation: string | null;
  /** the body as sent (UTF-8), and its ETag: made once, not per answer */
  bytes: Buffer;
  etag: string;
  /** compressed forms, each made the first time a hit asks for it */
  encoded: Partial<Record<Encoding, Promise<Buffer>>>;
}

/** An entry for an answer body; its bytes and validator computed here, once. */
export function makeEntry(version: string, body: string, data: unknown, operation: string | null, storedAt = Date.now()): CacheEntry {
  const bytes = Buffer.from(body, 'utf8');
  return { version, body, data, storedAt, operation, bytes, etag: etagOf(bytes), encoded: {} };
}

export interface MemoryEntriesOptions {
  maxEntries: number;
  maxBytes: number;
}

/**
 * This process's entries, least recently used first out once either bound is reached. Sizes are
 * counted as the body's length three times (the string, its bytes and the data parsed from it,
 * roughly; compressed forms are smaller than the bytes and not counted).
 */
export class MemoryEntries {
  private readonly entries = new Map<string, CacheEntry>();
  private total = 0;

  constructor(private readonly options: MemoryEntriesOptions) {}

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.total;
  }

  get(key: string): CacheEntry | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    this.entries.delete(key);
    this.entries.set(key, e);
    return e;
  }

  set(key: string, entry: CacheEntry): void {
    const size = entry.body.length * 3;
    // one answer may not push out more than an eighth of the cache
    if (size > this.options.maxBytes / 8) return;
    this.delete(key);
    this.entries.set(key, entry);
    this.total += size;
    for (const [k] of this.entries) {
      if (this.entries.size <= this.options.maxEntries && this.total <= this.options.maxBytes) break;
      this.delete(k);
    }
  }

  delete(key: string): void {
    const old = this.entries.get(key);
    if (!old) return;
    this.entries.delete(key);
    this.total -= old.body.length * 3;
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }
}

const ENTRY_PREFIX = 'newsgraph:cache:entry:';

/**
 * Entries shared by every replica (REDIS_URL): `<version>\n<storedAt>\n<operation>\n<body>` under the request's
 * key, kept `ttlMs`; Redis's own memory bound evicts the least recently used. Any failure is a miss.
 */
export class RedisEntries {
  constructor(
    private readonly redis: Redis,
    private readonly ttlMs: number,
  ) {}

  async get(key: string): Promise<CacheEntry | undefined> {
    try {
      const raw = await this.redis.get(ENTRY_PREFIX + key);
      if (raw === null) return undefined;
      const a = raw.indexOf('\n');
      const b = raw.indexOf('\n', a + 1);
      if (a < 0 || b < 0) return undefined;
      const c = raw.indexOf('\n', b + 1);
      if (c < 0) return undefined;
      const body = raw.slice(c + 1);
      const operation = raw.slice(b + 1, c);
      return makeEntry(raw.slice(0, a), body, JSON.parse(body).data, operation || null, Number(raw.slice(a + 1, b)));
    } catch {
      return undefined;
    }
  }

  async set(key: string, entry: CacheEntry): Promise<void> {
    try {
      await this.redis.set(ENTRY_PREFIX + key, `${entry.version}\n${entry.storedAt}\n${entry.operation ?? ''}\n${entry.body}`, 'PX', this.ttlMs);
    } catch {
      // a miss next time
    }
  }
}
