import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  acceptRecord,
  hashKey,
  hashMatches,
  mintKey,
  newKeyId,
  parseKey,
} from '../../../src/gateway/keys/key-format.js';

const KEY = /^rk_[0-9A-Za-z]{12}_[A-Za-z0-9_-]{43}$/u;

describe('newKeyId', () => {
  it('is 12 base62 characters, and ids differ', () => {
    const ids = Array.from({ length: 200 }, () => newKeyId());
    for (const id of ids) expect(id).toMatch(/^[0-9A-Za-z]{12}$/u);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('hashKey', () => {
  it('is the hex SHA-256 of the whole key', () => {
    expect(hashKey('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hashKey('rk_x')).toBe(createHash('sha256').update('rk_x').digest('hex'));
  });
});

describe('mintKey', () => {
  it('makes a well-formed key whose record holds only its hash', () => {
    const now = new Date('2026-01-02T03:04:05.678Z');
    const { key, record } = mintKey('acme', { name: 'ci', limits: { requests_per_minute: 5 } }, now);
    expect(key).toMatch(KEY);
    expect(record).toEqual({
      id: key.slice(3, 15),
      tenant: 'acme',
      name: 'ci',
      created_at: '2026-01-02T03:04:05.678Z',
      limits: { requests_per_minute: 5 },
      hash: hashKey(key),
    });
    expect(JSON.stringify(record)).not.toContain(key.slice(16));
  });

  it('refuses a bad tenant or option with INPUT_INVALID, naming the field', () => {
    expect(() => mintKey('')).toThrow(expect.objectContaining({ code: 'INPUT_INVALID' }));
    expect(() => mintKey('t'.repeat(201))).toThrow(
      expect.objectContaining({ message: expect.stringContaining('tenant') }),
    );
    expect(() => mintKey('acme', { name: 'n'.repeat(201) })).toThrow(
      expect.objectContaining({ code: 'INPUT_INVALID', message: expect.stringContaining('name') }),
    );
  });
});

describe('parseKey', () => {
  it('reads the id of a minted key', () => {
    const { key, record } = mintKey('acme');
    expect(parseKey(key)).toEqual({ id: record.id, key });
  });

  it('accepts exactly the key shape, and never throws (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.anything()), (v) => {
        const p = parseKey(v);
        if (typeof v === 'string' && KEY.test(v)) expect(p).toEqual({ id: v.slice(3, 15), key: v });
        else expect(p).toBeUndefined();
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses near misses: padding, a line break, a wrong prefix or length, non-ASCII look-alikes', () => {
    const { key } = mintKey('acme');
    for (const bad of [
      ` ${key}`,
      `${key} `,
      `${key}\n`,
      `${key}x`,
      key.slice(0, -1),
      key.replace('rk_', 'RK_'),
      key.replace('rk_', 'sk_'),
      `rk_${'A'.repeat(11)}é_${key.slice(16)}`,
      `rk_${key.slice(3, 15)}_${key.slice(16, -1)}=`,
    ])
      expect(parseKey(bad), JSON.stringify(bad)).toBeUndefined();
  });
});

describe('hashMatches and acceptRecord', () => {
  it('accept the right key for a live record only', () => {
    const { key, record } = mintKey('acme');
    const other = mintKey('acme');
    const parsed = parseKey(key)!;
    expect(hashMatches(key, record.hash)).toBe(true);
    expect(hashMatches(other.key, record.hash)).toBe(false);
    expect(acceptRecord(parsed, record)).toBe(record);
    expect(acceptRecord(parsed, undefined)).toBeUndefined();
    // A record found under another id, one with another key's hash, or a revoked one: refused.
    expect(acceptRecord(parsed, other.record)).toBeUndefined();
    expect(acceptRecord(parsed, { ...record, hash: other.record.hash })).toBeUndefined();
    expect(acceptRecord(parsed, { ...record, revoked_at: '2026-01-01T00:00:00.000Z' })).toBeUndefined();
  });

  it('a corrupt stored hash (wrong length, not hex) never matches and never throws', () => {
    const { key, record } = mintKey('acme');
    for (const stored of ['', 'zz', record.hash.slice(2), `${record.hash}00`, 'x'.repeat(64)])
      expect(hashMatches(key, stored), stored).toBe(false);
  });
});
