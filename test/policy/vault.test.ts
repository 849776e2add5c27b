import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RampartError } from '../../src/core/errors.js';
import { Vault, placeholderLabel } from '../../src/policy/vault.js';
import { redactText } from '../../src/policy/redact.js';
import type { Finding } from '../../src/core/types.js';

const key = randomBytes(32);
const finding = (category: string, span: [number, number], score = 0.9): Finding => ({
  scanner: 't',
  category,
  score,
  span,
  message: 'm',
  action: 'redact',
  segment: 0,
});

describe('Vault', () => {
  it('gives the same value the same placeholder and numbers labels separately', () => {
    const v = new Vault();
    expect(v.placeholderFor('a@x.test', 'pii.email')).toBe('[EMAIL_1]');
    expect(v.placeholderFor('b@x.test', 'pii.email')).toBe('[EMAIL_2]');
    expect(v.placeholderFor('a@x.test', 'pii.email')).toBe('[EMAIL_1]');
    expect(v.placeholderFor('+1 202 555 0100', 'pii.phone')).toBe('[PHONE_1]');
    expect(placeholderLabel('secret.aws_access_key')).toBe('AWS_ACCESS_KEY');
  });

  it('restores only placeholders it issued, and secrets only when allowed', () => {
    const v = new Vault();
    const e = v.placeholderFor('a@x.test', 'pii.email');
    const s = v.placeholderFor('hunter2-secret', 'secret.generic_assignment');
    const answer = `Mail ${e}, key ${s}, and [EMAIL_9] is not ours.`;
    expect(v.restore(answer)).toBe(`Mail a@x.test, key ${s}, and [EMAIL_9] is not ours.`);
    expect(v.restore(answer, { restoreSecrets: true })).toContain('key hunter2-secret');
  });

  it('redacts overlapping spans once, keeping the stronger category', () => {
    const v = new Vault();
    const text = 'call me at alice@example.test today';
    const at = text.indexOf('alice@');
    const email: [number, number] = [at, at + 'alice@example.test'.length];
    const out = redactText(
      text,
      [finding('pii.email', email, 0.95), finding('pii.person', [at, at + 5], 0.5)],
      0,
      v,
    );
    expect(out).toBe('call me at [EMAIL_1] today');
    expect(v.restore(out)).toBe(text);
  });

  it('seals with AES-256-GCM and reopens with the right key only', () => {
    const v = new Vault();
    v.placeholderFor('a@x.test', 'pii.email');
    const sealed = v.seal(key);
    expect(sealed).not.toContain('a@x.test');
    const back = Vault.open(sealed, key.toString('base64'));
    expect(back.restore('[EMAIL_1]')).toBe('a@x.test');
    expect(back.placeholderFor('new@x.test', 'pii.email')).toBe('[EMAIL_2]');
    const wrong = (): Vault => Vault.open(sealed, randomBytes(32));
    expect(wrong).toThrow(expect.objectContaining({ name: 'RampartError', code: 'VAULT_INVALID' }));
    expect(() => wrong()).toThrow(/wrong key or tampered/u);
  });

  it('detects any tampering with the sealed bytes', () => {
    const v = new Vault();
    v.placeholderFor('a@x.test', 'pii.email');
    const sealed = v.seal(key);
    const [ver, body] = sealed.split('.') as [string, string];
    const raw = Buffer.from(body, 'base64url');
    for (const i of [0, 13, 30, raw.length - 1]) {
      const t = Buffer.from(raw);
      t[i] = t[i]! ^ 1;
      expect(() => Vault.open(`${ver}.${t.toString('base64url')}`, key)).toThrow(/VAULT|authentication/u);
    }
    expect(() => Vault.open(`${ver}.${raw.subarray(0, 10).toString('base64url')}`, key)).toThrow(
      /truncated/u,
    );
    expect(() => Vault.open('garbage', key)).toThrow(/not a sealed/u);
  });

  it('rejects keys that are not 32 bytes', () => {
    const e = (() => {
      try {
        new Vault().seal('short');
      } catch (err) {
        return err as RampartError;
      }
    })();
    expect(e?.code).toBe('VAULT_KEY_INVALID');
  });
});
