import Redis from 'ioredis';
import type { Logger } from '@newsgraph/kit';

/** Where automatic persisted queries are kept: hash -> document. */
export interface PersistedQueryStore {
  readonly kind: 'memory' | 'redis';
  /** undefined on a miss, and when the store cannot be reached (the client then sends the document) */
  get(hash: string): Promise<string | undefined>;
  set(hash: string, document: string): Promise<void>;
  close(): Promise<void>;
}

export interface MemoryStoreOptions {
  /** @default 1000 */
  maxEntries?: number;
  /** total size of the kept documents @default 8 MiB */
  maxBytes?: number;
}

/**
 * One process's store: least recently used documents go first once either bound is reached, so a
 * client registering documents in a loop cannot grow the gateway's memory.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): PersistedQueryStore {
  const maxEntries = options.maxEntries ?? 1000;
  const maxBytes = options.maxBytes ?? 8 * 1024 * 1024;
  const entries = new Map<string, string>();
  let bytes = 0;
  return {
    kind: 'memory',
    async get(hash) {
      const doc = entries.get(hash);
      if (doc === undefined) return undefined;
      entries.delete(hash);
      entries.set(hash, doc);
      return doc;
    },
    async set(hash, doc) {
      if (doc.length > maxBytes) return;
      const old = entries.get(hash);
      if (old !== undefined) {
        bytes -= old.length;
        entries.delete(hash);
      }
      entries.set(hash, doc);
      bytes += doc.length;
      for (const [key, value] of entries) {
        if (entries.size <= maxEntries && bytes <= maxBytes) break;
        entries.delete(key);
        bytes -= value.length;
      }
    },
    async close() {
      entries.clear();
    },
  };
}

export interface RedisStoreOptions {
  url: string;
  /** a document unused for this long is dropped @default 7 days */
  ttlSeconds?: number;
  logger?: Pick<Logger, 'warn'>;
}

const KEY_PREFIX = 'newsgraph:apq:';

/**
 * Shared by every gateway replica: a document registered through one is found by all. Each read
 * renews the entry's lifetime, so the store holds what clients use and forgets the rest. Redis
 * down is never an outage: a read fails as a miss (the client sends the whole document, which
 * runs) and a failed write is logged.
 */
export function createRedisStore(options: RedisStoreOptions): PersistedQueryStore {
  const ttl = options.ttlSeconds ?? 7 * 24 * 3600;
  const redis = new Redis(options.url, {
    // fail fast while disconnected instead of queueing requests behind a dead connection
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5000),
  });
  let warned = false;
  const warn = (e: unknown, what: string) => {
    // one line per outage, not one per request
    if (warned) return;
    warned = true;
    options.logger?.warn({ err: e instanceof Error ? e.message : String(e) }, `persisted queries: Redis ${what} failed; serving without the shared store`);
  };
  redis.on('error', (e) => warn(e, 'connection'));
  redis.on('ready', () => (warned = false));
  return {
    kind: 'redis',
    async get(hash) {
      try {
        return (await redis.getex(KEY_PREFIX + hash, 'EX', ttl)) ?? undefined;
      } catch (e) {
        warn(e, 'read');
        return undefined;
      }
    },
    async set(hash, doc) {
      try {
        await redis.set(KEY_PREFIX + hash, doc, 'EX', ttl);
      } catch (e) {
        warn(e, 'write');
      }
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
