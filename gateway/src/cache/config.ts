import { readPositiveInt, readSwitch } from '@newsgraph/kit';
import type { ResponseCacheOptions } from './response-cache';

type Env = Record<string, string | undefined>;

/**
 * The response cache's variables (README "Configuration"): NEWSGRAPH_RESPONSE_CACHE (on|off,
 * default on), NEWSGRAPH_RESPONSE_CACHE_MAX_ENTRIES (2000), NEWSGRAPH_RESPONSE_CACHE_MAX_MB (32),
 * NEWSGRAPH_RESPONSE_CACHE_TTL_SECONDS (300); REDIS_URL, read elsewhere, makes it shared.
 */
export function readResponseCacheConfig(env: Env, redisUrl: string | undefined, problems: string[]): Omit<ResponseCacheOptions, 'metrics' | 'logger'> {
  return {
    enabled: readSwitch(env, 'NEWSGRAPH_RESPONSE_CACHE', true, problems),
    maxEntries: readPositiveInt(env, 'NEWSGRAPH_RESPONSE_CACHE_MAX_ENTRIES', 2000, problems),
    maxBytes: readPositiveInt(env, 'NEWSGRAPH_RESPONSE_CACHE_MAX_MB', 32, problems) * 1024 * 1024,
    ttlSeconds: readPositiveInt(env, 'NEWSGRAPH_RESPONSE_CACHE_TTL_SECONDS', 300, problems),
    redisUrl,
  };
}
