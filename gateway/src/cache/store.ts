import type Redis from 'ioredis';

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
}

export interface MemoryEntriesOptions {
  maxEntries: number;
  maxBytes: number;
}

/**
 * This process's entries, least recently used first out once either bound is reached. Sizes are
 * counted as the body's length twice (the string and the data parsed from it, roughly).
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
    const size = entry.body.length * 2;
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
    this.total -= old.body.length * 2;
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
      return { version: raw.slice(0, a), storedAt: Number(raw.slice(a + 1, b)), operation: operation || null, body, data: JSON.parse(body).data };
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
