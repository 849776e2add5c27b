// Keys in one JSON file, for a single gateway host. The CLI writes it (atomically: temp file + rename,
// mode 0600); a running gateway notices a new file by its mtime/inode, checked at most once a second,
// so `rampart keys revoke` takes effect within about a second without a restart.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { z } from 'zod';
import { RampartError } from '../../core/errors.js';
import { acceptRecord, mintKey, parseKey } from './key-format.js';
import { KeyRecord, type CreateKeyOptions, type CreatedKey, type KeyStore } from './key-record.js';

const KeyFile = z.object({ version: z.literal(1), keys: z.array(KeyRecord) }).strict();
type KeyFile = z.infer<typeof KeyFile>;

// A key file is small (a record is ~300 bytes); refusing a huge one bounds memory and parse time.
const MAX_FILE_BYTES = 64 * 1024 * 1024;
const RECHECK_MS = 1_000;

export interface FileKeyStoreOptions {
  /** Clock for the once-a-second re-check; tests inject one. */
  now?: () => number;
}

export class FileKeyStore implements KeyStore {
  private keys = new Map<string, KeyRecord>();
  private stamp: string | undefined;
  private checkedAt = -Infinity;
  private readonly now: () => number;

  constructor(
    readonly path: string,
    opts: FileKeyStoreOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
  }

  async create(tenant: string, opts: CreateKeyOptions = {}): Promise<CreatedKey> {
    await this.reload(true);
    const created = mintKey(tenant, opts);
    const next = new Map(this.keys).set(created.record.id, created.record);
    await this.write(next);
    return created;
  }

  async get(id: string): Promise<KeyRecord | undefined> {
    await this.reload(false);
    return this.keys.get(id);
  }

  async list(): Promise<KeyRecord[]> {
    await this.reload(true);
    return [...this.keys.values()];
  }

  async revoke(id: string): Promise<KeyRecord> {
    await this.reload(true);
    const rec = this.keys.get(id);
    if (!rec) throw new RampartError('KEY_NOT_FOUND', `no key with id ${safeId(id)}`);
    if (rec.revoked_at !== undefined) return rec;
    const revoked = { ...rec, revoked_at: new Date(this.now()).toISOString() };
    await this.write(new Map(this.keys).set(id, revoked));
    return revoked;
  }

  async verify(presented: unknown): Promise<KeyRecord | undefined> {
    const parsed = parseKey(presented);
    if (!parsed) return undefined;
    await this.reload(false);
    return acceptRecord(parsed, this.keys.get(parsed.id));
  }

  /** Re-read when the file changed; `force` skips the once-a-second throttle (CLI writes). */
  private async reload(force: boolean): Promise<void> {
    const now = this.now();
    if (!force && now - this.checkedAt < RECHECK_MS) return;
    this.checkedAt = now;
    let st;
    try {
      st = await fs.stat(this.path, { bigint: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw fileError(this.path, 'cannot be read', e);
      // No file yet means no keys: every key is refused, never accepted.
      this.keys = new Map();
      this.stamp = undefined;
      return;
    }
    // The inode changes on every atomic replace, so this catches writes within one mtime tick too.
    const stamp = `${st.ino}:${st.mtimeNs}:${st.size}`;
    if (stamp === this.stamp) return;
    if (st.size > BigInt(MAX_FILE_BYTES))
      throw fileError(this.path, `is larger than ${MAX_FILE_BYTES} bytes`);
    let data: KeyFile;
    try {
      data = KeyFile.parse(JSON.parse(await fs.readFile(this.path, 'utf8')));
    } catch (e) {
      throw fileError(this.path, 'is not a valid key file', e);
    }
    this.keys = new Map(data.keys.map((k) => [k.id, k]));
    this.stamp = stamp;
  }

  private async write(keys: Map<string, KeyRecord>): Promise<void> {
    const body: KeyFile = { version: 1, keys: [...keys.values()] };
    const tmp = join(dirname(this.path), `.${basename(this.path)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const fh = await fs.open(tmp, 'wx', 0o600);
      try {
        await fh.writeFile(`${JSON.stringify(body, null, 2)}\n`);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await fs.rename(tmp, this.path);
    } catch (e) {
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      throw fileError(this.path, 'cannot be written', e);
    }
    this.keys = keys;
    this.stamp = undefined; // re-stat on next read; our own write is already in memory
    this.checkedAt = -Infinity;
  }
}

/** Ids are user input on revoke; echo them only when they look like ids. */
export const safeId = (id: string): string => (/^[0-9A-Za-z]{1,12}$/.test(id) ? id : '(malformed id)');

function fileError(path: string, what: string, cause?: unknown): RampartError {
  return new RampartError('CONFIG_INVALID', `key file ${path} ${what}`, { cause });
}
