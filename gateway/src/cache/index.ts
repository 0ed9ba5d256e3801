export { createResponseCache, CACHE_HEADER, DATA_VERSION_HEADER } from './response-cache';
export type { ResponseCache, ResponseCacheOptions } from './response-cache';
export { readResponseCacheConfig } from './config';
export { memoryVersion, redisVersion, connectRedis } from './version';
export type { DataVersion } from './version';
