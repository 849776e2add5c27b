// The redaction vault: typed placeholders for redacted values, so a model's answer can be restored for
// the end user without the model ever seeing the value. One vault per conversation: the same value
// always gets the same placeholder, and only placeholders this vault issued are ever restored.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { RampartError } from '../core/errors.js';

interface Entry {
  value: string;
  category: string;
}

const SEAL_VERSION = 'rv1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** A conversation that needs more placeholders than this is almost certainly an attack on memory. */
const MAX_ENTRIES = 100_000;

/** '[EMAIL_1]' style label from a category: the last dotted part, upper-cased. */
export function placeholderLabel(category: string): string {
  const last = category.slice(category.lastIndexOf('.') + 1);
  return (last || 'REDACTED').toUpperCase().replace(/[^A-Z0-9]+/gu, '_');
}

function toKey(key: Uint8Array | string): Buffer {
  const buf =
    typeof key === 'string'
      ? /^[0-9a-f]{64}$/iu.test(key)
        ? Buffer.from(key, 'hex')
        : Buffer.from(key, 'base64')
      : Buffer.from(key);
  if (buf.byteLength !== 32)
    throw new RampartError(
      'VAULT_KEY_INVALID',
      'vault key must be 32 bytes (64 hex characters or 44 base64 characters)',
    );
  return buf;
}

export class Vault {
  private readonly byValue = new Map<string, string>();
  private readonly byPlaceholder = new Map<string, Entry>();
  private readonly counters = new Map<string, number>();

  get size(): number {
    return this.byPlaceholder.size;
  }

  /** The placeholder standing for `value`; issues a new one the first time a value is seen. */
  placeholderFor(value: string, category: string): string {
    const known = this.byValue.get(value);
    if (known) return known;
    if (this.byPlaceholder.size >= MAX_ENTRIES)
      throw new RampartError('VAULT_FULL', `vault holds the maximum of ${MAX_ENTRIES} placeholders`);
    const label = placeholderLabel(category);
    const n = (this.counters.get(label) ?? 0) + 1;
    this.counters.set(label, n);
    const placeholder = `[${label}_${n}]`;
    this.byValue.set(value, placeholder);
    this.byPlaceholder.set(placeholder, { value, category });
    return placeholder;
  }

  /**
   * Puts the original values back in place of the placeholders this vault issued.
   * Secrets (category 'secret.*') stay redacted unless `restoreSecrets` is set: a key the user pasted
   * should not come back out of a model's answer by default.
   */
  restore(text: string, options: { restoreSecrets?: boolean } = {}): string {
    if (this.byPlaceholder.size === 0) return text;
    return text.replace(/\[[A-Z0-9_]{1,64}_[0-9]{1,6}\]/gu, (ph) => {
      const e = this.byPlaceholder.get(ph);
      if (!e) return ph;
      if (e.category.startsWith('secret') && !options.restoreSecrets) return ph;
      return e.value;
    });
  }

  /** Seals the vault with AES-256-GCM (node:crypto) for storage outside the process. */
  seal(key: Uint8Array | string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', toKey(key), iv);
    cipher.setAAD(Buffer.from(SEAL_VERSION));
    const plain = Buffer.from(
      JSON.stringify({ entries: [...this.byPlaceholder], counters: [...this.counters] }),
      'utf8',
    );
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return `${SEAL_VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  /** Opens a sealed vault. A wrong key, a tampered or truncated blob is VAULT_INVALID, never a partial vault. */
  static open(sealed: string, key: Uint8Array | string): Vault {
    const k = toKey(key);
    const [version, payload] = sealed.split('.', 2);
    if (version !== SEAL_VERSION || !payload)
      throw new RampartError('VAULT_INVALID', 'not a sealed Rampart vault');
    const raw = Buffer.from(payload, 'base64url');
    if (raw.byteLength < IV_BYTES + TAG_BYTES)
      throw new RampartError('VAULT_INVALID', 'sealed vault is truncated');
    let plain: Buffer;
    try {
      const decipher = createDecipheriv('aes-256-gcm', k, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(SEAL_VERSION));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      plain = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    } catch (cause) {
      throw new RampartError(
        'VAULT_INVALID',
        'sealed vault failed authentication (wrong key or tampered data)',
        { cause },
      );
    }
    const data = JSON.parse(plain.toString('utf8')) as {
      entries: Array<[string, Entry]>;
      counters: Array<[string, number]>;
    };
    const v = new Vault();
    for (const [ph, e] of data.entries) {
      v.byPlaceholder.set(ph, e);
      v.byValue.set(e.value, ph);
    }
    for (const [label, n] of data.counters) v.counters.set(label, n);
    return v;
  }
}
