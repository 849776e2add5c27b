// Runs a Lua script by its SHA1 and loads it on NOSCRIPT, so each call sends a hash instead of the body.
// Any Redis failure becomes STORE_UNAVAILABLE: the gateway fails closed (503) rather than run unlimited.
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RampartError } from '../../core/errors.js';

export class LuaScript {
  readonly sha: string;
  constructor(readonly lua: string) {
    this.sha = createHash('sha1').update(lua).digest('hex');
  }

  async run(redis: Redis, keys: string[], args: Array<string | number>): Promise<unknown> {
    return redisCall(async () => {
      try {
        return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
      } catch (e) {
        if (!String((e as Error)?.message).startsWith('NOSCRIPT')) throw e;
        return await redis.eval(this.lua, keys.length, ...keys, ...args);
      }
    });
  }
}

/** Wraps one Redis round trip; the message names no key, so no tenant or key id leaks into logs. */
export async function redisCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (cause) {
    throw new RampartError('STORE_UNAVAILABLE', 'state store (Redis) is unavailable', { cause });
  }
}
