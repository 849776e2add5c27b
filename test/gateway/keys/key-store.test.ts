// Create, verify and revoke on every key store; a revocation must reach a second instance (another
// gateway process on the same file or the same Redis).
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRampartError } from '../../../src/core/errors.js';
import { hashKey, parseKey } from '../../../src/gateway/keys/key-format.js';
import { FileKeyStore } from '../../../src/gateway/keys/file-key-store.js';
import type { KeyStore } from '../../../src/gateway/keys/key-record.js';
import { RedisKeyStore } from '../../../src/gateway/keys/redis-key-store.js';
import { redisClient, uniquePrefix } from '../../helpers/redis.js';

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/u;

interface Pair {
  a: KeyStore;
  b: KeyStore;
  /** Move the second instance's clock past its re-check interval (file store only). */
  tick(): void;
}

const KINDS: Array<{ name: string; open(): Promise<Pair> }> = [
  {
    name: 'file',
    open: async () => {
      const path = join(mkdtempSync(join(tmpdir(), 'rampart-keys-')), 'keys.json');
      const clock = { t: 1_000_000 };
      return {
        a: new FileKeyStore(path),
        b: new FileKeyStore(path, { now: () => clock.t }),
        tick: () => (clock.t += 1_000),
      };
    },
  },
  {
    name: 'redis',
    open: async () => {
      const prefix = uniquePrefix();
      return {
        a: new RedisKeyStore(await redisClient(), prefix),
        b: new RedisKeyStore(await redisClient(), prefix),
        tick: () => undefined,
      };
    },
  },
];

describe.each(KINDS)('$name key store', (kind) => {
  it('creates a key in the rk_<id>_<secret> format and stores only its hash', async () => {
    const { a } = await kind.open();
    const { record, key } = await a.create('acme', { name: 'ci', limits: { requests_per_minute: 5 } });
    expect(key).toMatch(/^rk_[0-9A-Za-z]{12}_[A-Za-z0-9_-]{43}$/u);
    expect(parseKey(key)?.id).toBe(record.id);
    expect(record).toMatchObject({ tenant: 'acme', name: 'ci', limits: { requests_per_minute: 5 } });
    expect(record.hash).toBe(hashKey(key));
    expect(JSON.stringify(await a.list())).not.toContain(key.slice(16));
    expect(await a.get(record.id)).toEqual(record);
  });

  it('verifies the right key and refuses wrong, unknown and malformed ones', async () => {
    const { a, b } = await kind.open();
    const { record, key } = await a.create('acme');
    expect((await a.verify(key))?.id).toBe(record.id);
    expect((await b.verify(key))?.tenant).toBe('acme');
    const last = key.at(-1) === 'A' ? 'B' : 'A';
    for (const bad of [
      `${key.slice(0, -1)}${last}`, // wrong secret, right id
      key.replace(record.id, 'AAAAAAAAAAAA'), // unknown id
      key.slice(0, -1),
      `${key}x`,
      ` ${key}`,
      key.replace('rk_', 'sk_'),
      '',
      undefined,
      null,
      42,
      { key },
      'rk_' + '_'.repeat(56),
    ]) {
      expect(await a.verify(bad)).toBeUndefined();
    }
  });

  it('revokes a key, and a second instance sees it', async () => {
    const { a, b, tick } = await kind.open();
    const keep = await a.create('acme');
    const gone = await a.create('acme');
    expect(await b.verify(gone.key)).toEqual(gone.record); // b has now read the store
    const revoked = await a.revoke(gone.record.id);
    expect(revoked).toEqual({ ...gone.record, revoked_at: expect.stringMatching(ISO_TIME) });
    tick();
    expect(await b.verify(gone.key)).toBeUndefined();
    expect(await b.verify(keep.key)).toEqual(keep.record);
    expect((await b.get(gone.record.id))?.revoked_at).toBe(revoked.revoked_at);
    // Revoking twice keeps the first time.
    expect((await a.revoke(gone.record.id)).revoked_at).toBe(revoked.revoked_at);
    expect((await b.list()).map((r) => r.id).sort()).toEqual([keep.record.id, gone.record.id].sort());
  });

  it('revoke of an unknown id is KEY_NOT_FOUND', async () => {
    const { a } = await kind.open();
    for (const id of ['AAAAAAAAAAAA', '../etc', '']) {
      const err = await a.revoke(id).catch((e: unknown) => e);
      expect(isRampartError(err) && err.code).toBe('KEY_NOT_FOUND');
    }
  });

  it('verify never throws, whatever string it is given', async () => {
    const { a } = await kind.open();
    const { key } = await a.create('acme');
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'grapheme', maxLength: 80 }),
          // Near misses: the real key with a few characters changed.
          fc
            .tuple(fc.nat({ max: key.length - 1 }), fc.string({ maxLength: 3 }))
            .map(([i, s]) => key.slice(0, i) + s + key.slice(i + s.length)),
        ),
        async (s) => {
          const r = await a.verify(s);
          if (s !== key) expect(r).toBeUndefined();
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('FileKeyStore file handling', () => {
  it('writes the file with mode 0600 and never the plaintext key', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'rampart-keys-')), 'keys.json');
    const { key } = await new FileKeyStore(path).create('acme');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).not.toContain(key.slice(16));
  });

  it('re-reads a changed file at most once a second', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'rampart-keys-')), 'keys.json');
    const clock = { t: 0 };
    const gateway = new FileKeyStore(path, { now: () => clock.t });
    const { key, record } = await new FileKeyStore(path).create('acme');
    expect(await gateway.verify(key)).toEqual(record);
    await new FileKeyStore(path).revoke(record.id);
    clock.t += 500;
    expect(await gateway.verify(key)).toEqual(record); // still cached within the second
    clock.t += 500;
    expect(await gateway.verify(key)).toBeUndefined();
  });

  it('a missing file means no keys; a corrupt one is CONFIG_INVALID naming no key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-keys-'));
    expect(await new FileKeyStore(join(dir, 'none.json')).list()).toEqual([]);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"version":1,"keys":[{"id":"x"}]}');
    const err = await new FileKeyStore(bad)
      .verify('rk_AAAAAAAAAAAA_' + 'A'.repeat(43))
      .catch((e: unknown) => e);
    expect(isRampartError(err) && err.code).toBe('CONFIG_INVALID');
  });
});
