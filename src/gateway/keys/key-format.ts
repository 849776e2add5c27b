// Virtual API keys look like rk_<id>_<secret>: a 12-character base62 id (a lookup handle, not a secret)
// and 32 random bytes in base64url (256 bits). The id lets a store fetch one record instead of hashing
// against every key; the secret is what proves possession.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { RampartError } from '../../core/errors.js';
import { KeyRecord, type CreateKeyOptions, type CreatedKey } from './key-record.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ID_LENGTH = 12;
const SECRET_BYTES = 32;
const SECRET_LENGTH = 43; // base64url of 32 bytes, unpadded
const KEY_LENGTH = 3 + ID_LENGTH + 1 + SECRET_LENGTH;
// Fixed lengths and plain classes: linear time, no backtracking. Note base64url may itself contain '_'.
const KEY_PATTERN = /^rk_([0-9A-Za-z]{12})_([A-Za-z0-9_-]{43})$/;

/** Random base62 id; rejection sampling keeps every character equally likely. */
export function newKeyId(): string {
  let id = '';
  while (id.length < ID_LENGTH) {
    for (const b of randomBytes(ID_LENGTH * 2)) {
      if (b < 248 && id.length < ID_LENGTH) id += BASE62[b % 62];
    }
  }
  return id;
}

/**
 * SHA-256 of the whole key, hex. A fast unsalted hash is right here (unlike for passwords): the secret
 * is 256 bits from a CSPRNG, so a stolen hash file cannot be brute-forced, and a slow KDF would only
 * make every gateway request slower.
 */
export const hashKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

export interface ParsedKey {
  id: string;
  key: string;
}

/** Never throws: anything that is not a well-formed key is undefined. */
export function parseKey(presented: unknown): ParsedKey | undefined {
  if (typeof presented !== 'string' || presented.length !== KEY_LENGTH) return undefined;
  const m = KEY_PATTERN.exec(presented);
  return m?.[1] ? { id: m[1], key: presented } : undefined;
}

/** Constant-time comparison of the presented key's hash with the stored one. */
export function hashMatches(presentedKey: string, storedHashHex: string): boolean {
  const a = Buffer.from(hashKey(presentedKey), 'hex');
  const b = Buffer.from(storedHashHex, 'hex');
  // Both are 32 bytes for any well-formed record; the length check only guards a corrupt one.
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A fresh key and its record. The caller stores the record and shows the key once. */
export function mintKey(tenant: string, opts: CreateKeyOptions = {}, now: Date = new Date()): CreatedKey {
  const id = newKeyId();
  const key = `rk_${id}_${randomBytes(SECRET_BYTES).toString('base64url')}`;
  const parsed = KeyRecord.safeParse({
    id,
    tenant,
    ...(opts.name !== undefined ? { name: opts.name } : {}),
    created_at: now.toISOString(),
    ...(opts.limits !== undefined ? { limits: opts.limits } : {}),
    ...(opts.trustClientRoles !== undefined ? { trust_client_roles: opts.trustClientRoles } : {}),
    ...(opts.spotlight !== undefined ? { spotlight: opts.spotlight } : {}),
    hash: hashKey(key),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RampartError(
      'INPUT_INVALID',
      `invalid key option ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`,
    );
  }
  return { record: parsed.data, key };
}

/** The verify rule every store shares: right hash, not revoked. */
export function acceptRecord(parsed: ParsedKey, record: KeyRecord | undefined): KeyRecord | undefined {
  if (!record || record.id !== parsed.id) return undefined;
  if (!hashMatches(parsed.key, record.hash)) return undefined;
  return record.revoked_at === undefined ? record : undefined;
}
