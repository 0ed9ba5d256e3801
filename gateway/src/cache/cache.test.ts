import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { makeEntry, MemoryEntries } from './store';
import { connectRedis, DataVersion, memoryVersion, redisVersion } from './version';

/** Needs the Redis server at REDIS_URL (default redis://127.0.0.1:6379); keys of its own per run. */
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

/** Until the connection is up and its first bump has landed (the version is unknown before). */
async function connected(v: DataVersion): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await v.current()) !== undefined) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('Redis did not connect');
}

const entry = (version: string, body: string) => makeEntry(version, body, null, null);

describe('MemoryEntries', () => {
  test('keeps at most maxEntries, the least recently used going first', () => {
    const m = new MemoryEntries({ maxEntries: 2, maxBytes: 1 << 20 });
    m.set('a', entry('v', 'A'));
    m.set('b', entry('v', 'B'));
    expect(m.get('a')?.body).toBe('A'); // a is now the most recently used
    m.set('c', entry('v', 'C'));
    expect([m.get('a')?.body, m.get('b'), m.get('c')?.body]).toEqual(['A', undefined, 'C']);
    expect(m.size).toBe(2);
  });

  test('keeps at most maxBytes, and never an answer over an eighth of them', () => {
    const m = new MemoryEntries({ maxEntries: 100, maxBytes: 1200 });
    m.set('huge', entry('v', 'x'.repeat(60))); // 180 bytes counted > 1200 / 8
    expect(m.get('huge')).toBeUndefined();
    for (let i = 0; i < 20; i++) m.set(`k${i}`, entry('v', 'y'.repeat(40))); // 120 bytes each
    expect(m.bytes).toBeLessThanOrEqual(1200);
    expect(m.size).toBe(10);
    expect(m.get('k19')).toBeDefined();
    expect(m.get('k0')).toBeUndefined();
    m.set('k19', entry('v', 'z'));
    expect(m.bytes).toBe(9 * 120 + 3);
  });
});

test('memoryVersion: every bump gives a token not seen before, in this process or another', async () => {
  const a = memoryVersion();
  const b = memoryVersion();
  const seen = new Set([await a.current(), await b.current()]);
  expect(seen.size).toBe(2);
  for (let i = 0; i < 5; i++) {
    await a.bump();
    seen.add((await a.current())!);
  }
  expect(seen.size).toBe(7);
});

describe('redisVersion', () => {
  let other: Redis;
  beforeAll(() => {
    other = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    await other.quit();
  });

  test('a read that begins after a SET sees it, even while an earlier read is on the wire', async () => {
    const key = `newsgraph:test:version:${randomBytes(6).toString('hex')}`;
    const redis = connectRedis(REDIS_URL);
    const v = redisVersion({ redis, key });
    try {
      await connected(v);
      for (let i = 0; i < 50; i++) {
        const early = v.current(); // may have left before the SET below
        await other.set(key, `t${i}`);
        const late = v.current();
        expect(await late).toBe(`t${i}`);
        await early;
      }
    } finally {
      await v.close();
      await redis.quit();
      await other.del(key);
    }
  });

  test('a bump is seen by another process; a lost key comes back as a token never used before', async () => {
    const key = `newsgraph:test:version:${randomBytes(6).toString('hex')}`;
    const [ra, rb] = [connectRedis(REDIS_URL), connectRedis(REDIS_URL)];
    const a = redisVersion({ redis: ra, key });
    const b = redisVersion({ redis: rb, key });
    try {
      await Promise.all([connected(a), connected(b)]);
      const first = await b.current();
      expect(first).toBeDefined();
      expect(await a.current()).toBe(first);
      await a.bump();
      const second = await b.current();
      expect(second).not.toBe(first);
      await other.del(key); // evicted, or Redis restarted
      const third = await b.current();
      expect([first, second]).not.toContain(third);
      expect(await a.current()).toBe(third);
    } finally {
      await Promise.all([a.close(), b.close()]);
      await Promise.all([ra.quit(), rb.quit()]);
      await other.del(key);
    }
  });

  test('an unreachable Redis gives no version (the cache is then off), not an old one', async () => {
    const redis = connectRedis('redis://127.0.0.1:1');
    redis.on('error', () => undefined);
    const v = redisVersion({ redis, key: 'newsgraph:test:unreachable', bumpDeadlineMs: 200 });
    try {
      expect(await v.current()).toBeUndefined();
      const trust: boolean[] = [];
      v.onTrustChange((t) => trust.push(t));
      await v.bump(); // gives up after the deadline; the caller's answer goes out
      expect(trust).toEqual([false]);
      expect(await v.current()).toBeUndefined();
    } finally {
      await v.close();
      redis.disconnect();
    }
  });
});
