// Keys in Redis, for replicas: a creation or revocation on one is seen by every other on its next
// request, because verify() reads Redis each time (one HGETALL) instead of caching.
import type { Redis } from 'ioredis';
import { RampartError } from '../../core/errors.js';
import { LuaScript, redisCall } from '../store/lua-script.js';
import { acceptRecord, mintKey, parseKey } from './key-format.js';
import { safeId } from './file-key-store.js';
import { KeyRecord, type CreateKeyOptions, type CreatedKey, type KeyStore } from './key-record.js';

// KEYS[1] record hash, KEYS[2] id set; ARGV: record json, id. Refuses to overwrite an existing id.
const CREATE = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'record', ARGV[1])
redis.call('SADD', KEYS[2], ARGV[2])
return 1
`);

// KEYS[1] record hash; ARGV: revoked_at. Keeps the first revocation time; 0 when the key is unknown.
const REVOKE = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSETNX', KEYS[1], 'revoked_at', ARGV[1])
return 1
`);

export interface RedisKeyStoreOptions {
  ownsConnection?: boolean;
}

export class RedisKeyStore implements KeyStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'rampart:',
    private readonly opts: RedisKeyStoreOptions = {},
  ) {}

  async create(tenant: string, opts: CreateKeyOptions = {}): Promise<CreatedKey> {
    // 62^12 ids make a collision vanishingly rare; retry rather than overwrite if one happens.
    for (let attempt = 0; attempt < 3; attempt++) {
      const created = mintKey(tenant, opts);
      const { revoked_at: _r, ...record } = created.record;
      const ok = await CREATE.run(
        this.redis,
        [this.k(created.record.id), this.setKey()],
        [JSON.stringify(record), created.record.id],
      );
      if (Number(ok) === 1) return created;
    }
    throw new RampartError('STORE_UNAVAILABLE', 'could not allocate a unique key id');
  }

  async get(id: string): Promise<KeyRecord | undefined> {
    if (!/^[0-9A-Za-z]{12}$/.test(id)) return undefined;
    const h = await redisCall(() => this.redis.hgetall(this.k(id)));
    return decode(h);
  }

  async list(): Promise<KeyRecord[]> {
    const ids = await redisCall(() => this.redis.smembers(this.setKey()));
    if (ids.length === 0) return [];
    const pipe = this.redis.pipeline();
    for (const id of ids) pipe.hgetall(this.k(id));
    const rows = await redisCall(async () => (await pipe.exec()) ?? []);
    const out: KeyRecord[] = [];
    for (const [err, h] of rows) {
      if (err)
        throw new RampartError('STORE_UNAVAILABLE', 'state store (Redis) is unavailable', { cause: err });
      const rec = decode(h as Record<string, string>);
      if (rec) out.push(rec);
    }
    return out.sort((a, b) => a.created_at.localeCompare(b.created_at));
  }

  async revoke(id: string): Promise<KeyRecord> {
    const ok = /^[0-9A-Za-z]{12}$/.test(id)
      ? await REVOKE.run(this.redis, [this.k(id)], [new Date().toISOString()])
      : 0;
    const rec = Number(ok) === 1 ? await this.get(id) : undefined;
    if (!rec) throw new RampartError('KEY_NOT_FOUND', `no key with id ${safeId(id)}`);
    return rec;
  }

  async verify(presented: unknown): Promise<KeyRecord | undefined> {
    const parsed = parseKey(presented);
    if (!parsed) return undefined;
    return acceptRecord(parsed, await this.get(parsed.id));
  }

  async close(): Promise<void> {
    if (this.opts.ownsConnection) await this.redis.quit().catch(() => undefined);
  }

  private k(id: string): string {
    return `${this.prefix}key:${id}`;
  }
  private setKey(): string {
    return `${this.prefix}keys`;
  }
}

/** A record that does not validate is treated as absent: a corrupted entry must never authenticate. */
function decode(h: Record<string, string> | null | undefined): KeyRecord | undefined {
  if (!h?.record) return undefined;
  try {
    const raw = JSON.parse(h.record) as Record<string, unknown>;
    const parsed = KeyRecord.safeParse(h.revoked_at ? { ...raw, revoked_at: h.revoked_at } : raw);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
