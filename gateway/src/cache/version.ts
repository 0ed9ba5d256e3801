import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import type { Logger } from '@newsgraph/kit';

/**
 * The data version: one token for "the data as of now", replaced by every write before the
 * write's response is sent. A cached answer is stored with the token that was current when its
 * read started and served only while that token is still current, so a read that starts after a
 * write's response never gets an answer computed before the write (cache/README.md gives the
 * whole argument).
 */
export interface DataVersion {
  readonly kind: 'memory' | 'redis';
  /**
   * The current token, read after this call began (never a read already in flight before it);
   * undefined when it cannot be known (the shared store unreachable): nothing is cached then.
   */
  current(): Promise<string | undefined>;
  /** Moves the version on; resolves once the new token is what every later `current()` sees. */
  bump(): Promise<void>;
  /** called with true when the version cannot be trusted any more (an outage), false when it can again */
  onTrustChange(listener: (trusted: boolean) => void): void;
  close(): Promise<void>;
}

/** One gateway process: a counter. Exact when this process is the only gateway the writes go through. */
export function memoryVersion(): DataVersion {
  // a random start, so that no token of an earlier process can ever match
  const epoch = randomBytes(6).toString('base64url');
  let n = 0;
  return {
    kind: 'memory',
    current: async () => `${epoch}.${n}`,
    bump: async () => {
      n += 1;
    },
    onTrustChange: () => undefined,
    close: async () => undefined,
  };
}

/** The cache's one connection: failing fast while disconnected, never queueing behind a dead one. */
export function connectRedis(url: string): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
}

export interface RedisVersionOptions {
  redis: Redis;
  /** how long a write's response waits for the new version to reach Redis before it goes out anyway @default 5000 */
  bumpDeadlineMs?: number;
  logger?: Pick<Logger, 'warn' | 'error'>;
  /** @default newsgraph:cache:version */
  key?: string;
}

const fresh = () => randomBytes(12).toString('base64url');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Shared by every gateway replica: the token lives in one Redis key, and a bump writes a new
 * random one (never a counter: a key lost to eviction or a restart cannot come back with a value
 * an old entry was stored under). Reads of the token are merged: a `current()` joins the next GET
 * to be sent, never one already on the wire, so one round trip serves every read that began
 * before it was sent.
 */
export function redisVersion(options: RedisVersionOptions): DataVersion {
  const key = options.key ?? 'newsgraph:cache:version';
  const deadline = options.bumpDeadlineMs ?? 5000;
  const redis = options.redis;
  const listeners: Array<(trusted: boolean) => void> = [];
  // a bump that never reached Redis: until one does, this process's cache is off
  let owedBump = false;
  let connected = false;
  let warned = false;
  const setTrust = (trusted: boolean) => listeners.forEach((l) => l(trusted));
  redis.on('error', (e) => {
    if (!warned) options.logger?.warn({ err: e.message }, 'response cache: Redis unreachable; answering without the cache');
    warned = true;
  });
  redis.on('close', () => {
    if (connected) setTrust(false);
    connected = false;
  });
  redis.on('ready', () => {
    connected = true;
    warned = false;
    // whatever was written while this process could not reach Redis is not reflected in the
    // shared token yet: move it on before anything is cached again
    owedBump = true;
    void bumpNow().then((ok) => {
      if (ok) owedBump = false;
      setTrust(ok);
    });
  });

  const bumpNow = async (): Promise<boolean> => {
    try {
      await redis.set(key, fresh());
      return true;
    } catch {
      return false;
    }
  };

  const get = async (): Promise<string | undefined> => {
    if (owedBump) return undefined;
    try {
      const v = await redis.get(key);
      if (v !== null) return v;
      // absent (first use, eviction, a restarted Redis): put a new token, or take the one another replica just put
      const mine = fresh();
      const previous = await redis.set(key, mine, 'NX', 'GET');
      return previous ?? mine;
    } catch {
      return undefined;
    }
  };

  let inFlight: Promise<string | undefined> | null = null;
  let next: Promise<string | undefined> | null = null;
  const current = (): Promise<string | undefined> => {
    if (!inFlight) {
      inFlight = get().finally(() => {
        inFlight = null;
      });
      return inFlight;
    }
    // the GET on the wire may have left before this read began: wait for the one after it
    next ??= inFlight.then(() => {
      next = null;
      return current();
    });
    return next;
  };

  return {
    kind: 'redis',
    current,
    async bump() {
      const until = Date.now() + deadline;
      for (;;) {
        if (await bumpNow()) {
          if (owedBump) {
            owedBump = false;
            setTrust(true);
          }
          return;
        }
        if (Date.now() >= until) break;
        await sleep(100);
      }
      // The write happened; its answer cannot wait for Redis forever. This process stops caching
      // until a bump lands (on reconnect); see cache/README.md for what other replicas may serve.
      owedBump = true;
      setTrust(false);
      options.logger?.error({ key }, 'response cache: a write could not move the shared data version (Redis unreachable); caching is off here until it can');
    },
    onTrustChange: (l) => void listeners.push(l),
    // the connection is the caller's to close
    close: async () => undefined,
  };
}
