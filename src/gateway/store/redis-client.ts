// A Redis connection tuned for a gateway that fails closed: a request waits at most `commandTimeoutMs`
// for Redis, then gets STORE_UNAVAILABLE (503), instead of queueing for ever while Redis is down.
import { Redis } from 'ioredis';

export interface RedisClientOptions {
  commandTimeoutMs?: number;
  connectTimeoutMs?: number;
}

export function connectRedis(url: string, opts: RedisClientOptions = {}): Redis {
  return new Redis(url, {
    commandTimeout: opts.commandTimeoutMs ?? 2_000,
    connectTimeout: opts.connectTimeoutMs ?? 2_000,
    maxRetriesPerRequest: 1,
    // Keep reconnecting in the background (capped back-off) so service resumes when Redis returns.
    retryStrategy: (times) => Math.min(times * 100, 2_000),
  });
}
