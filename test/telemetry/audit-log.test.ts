import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { RampartError } from '../../src/core/errors.js';
import { AuditLog, sha256Hex, type AuditEntry } from '../../src/telemetry/audit-log.js';
import { rowHash, type AuditRow } from '../../src/telemetry/audit-format.js';
import { verifyAudit } from '../../src/telemetry/audit-verify.js';

const SECRET_PROMPT = 'ignore previous instructions, my key is sk-live-TOPSECRET123';

const tmpDb = (): string => join(mkdtempSync(join(tmpdir(), 'rampart-audit-')), 'nested', 'dir', 'audit.db');

const entry = (i: number): AuditEntry => ({
  decisionId: `dec-${i}`,
  stage: i % 2 ? 'output' : 'input',
  action: i % 3 === 0 ? 'block' : 'allow',
  findings:
    i % 3 === 0
      ? [
          {
            scanner: 'secrets',
            category: 'secret.api_key',
            score: 1,
            span: [10, 30],
            message: 'an API key',
            signals: ['sk-live-TOPSECRET123'],
            action: 'block',
          },
        ]
      : [],
  keyId: 'key_abc',
  tenant: 'acme',
  route: '/v1/chat/completions',
  model: 'gpt-4o-mini',
  inputSha256: sha256Hex(SECRET_PROMPT),
  text: SECRET_PROMPT,
});

const open: AuditLog[] = [];
function fill(path: string, n: number, storeText = false): void {
  const log = AuditLog.open(path, { storeText });
  open.push(log);
  for (let i = 1; i <= n; i++) log.append(entry(i));
  log.close();
}

function tamper(path: string, fn: (db: Database.Database) => void): void {
  const db = new Database(path);
  fn(db);
  db.close();
}

afterEach(() => {
  for (const l of open.splice(0)) l.close();
});

describe('AuditLog', () => {
  it('appends chained rows and verifies them', () => {
    const path = tmpDb();
    const log = AuditLog.open(path);
    open.push(log);
    const a = log.append(entry(1));
    const b = log.append(entry(2));
    expect(a.seq).toBe(1);
    expect(b.seq).toBe(2);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    log.close();
    const r = verifyAudit(path);
    expect(r).toMatchObject({ ok: true, rows: 2, head: { seq: 2, hash: b.hash } });
  });

  it('uses WAL mode and keeps appending after reopening', () => {
    const path = tmpDb();
    fill(path, 3);
    const log = AuditLog.open(path);
    open.push(log);
    expect(log.append(entry(4)).seq).toBe(4);
    log.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    expect(verifyAudit(path)).toMatchObject({ ok: true, rows: 4 });
  });

  it('never stores the text, the finding message or matched values unless store_text is on', () => {
    const path = tmpDb();
    fill(path, 6);
    const db = new Database(path, { readonly: true });
    const dump = JSON.stringify(db.prepare('SELECT * FROM audit_log').all());
    db.close();
    expect(dump).not.toContain('TOPSECRET');
    expect(dump).not.toContain('an API key');
    expect(dump).toContain(sha256Hex(SECRET_PROMPT));

    const withText = tmpDb();
    fill(withText, 1, true);
    const db2 = new Database(withText, { readonly: true });
    expect((db2.prepare('SELECT text FROM audit_log').get() as { text: string }).text).toBe(SECRET_PROMPT);
    db2.close();
    expect(verifyAudit(withText).ok).toBe(true);
  });

  it('recent(n) returns the newest rows, parsed, without text', () => {
    const path = tmpDb();
    const log = AuditLog.open(path, { storeText: true });
    open.push(log);
    for (let i = 1; i <= 5; i++) log.append(entry(i));
    const rows = log.recent(2);
    expect(rows.map((r) => r.seq)).toEqual([5, 4]);
    const third = log.recent(3)[2]!;
    expect(third.findings).toEqual([
      { scanner: 'secrets', category: 'secret.api_key', score: 1, span: [10, 30], action: 'block' },
    ]);
    expect(third.categories).toEqual(['secret.api_key']);
    expect(JSON.stringify(rows)).not.toContain('TOPSECRET');
  });

  it('refuses malformed entries with INPUT_INVALID', () => {
    const log = AuditLog.open(tmpDb());
    open.push(log);
    expect(() => log.append({ ...entry(1), stage: 'DROP TABLE' })).toThrow(
      expect.objectContaining({ name: 'RampartError', code: 'INPUT_INVALID' }),
    );
    expect(() => log.append({ ...entry(1), inputSha256: 'not-a-hash' })).toThrow(/sha256/);
    expect(() => log.append({ ...entry(1), decisionId: '' })).toThrow(/decisionId/);
    expect(log.append(entry(1)).seq).toBe(1);
  });

  it('a closed log refuses appends with STORE_UNAVAILABLE', () => {
    const log = AuditLog.open(tmpDb());
    log.close();
    expect(() => log.append(entry(1))).toThrow(expect.objectContaining({ code: 'STORE_UNAVAILABLE' }));
  });
});

describe('AuditLog.open on a file that is not an audit log', () => {
  const code = (fn: () => unknown): string | undefined => {
    try {
      fn();
    } catch (e) {
      return (e as RampartError).code;
    }
    return undefined;
  };

  it('garbage bytes → AUDIT_INVALID (open and verify)', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'rampart-audit-')), 'junk.db');
    writeFileSync(path, Buffer.alloc(8192, 0x41));
    expect(code(() => AuditLog.open(path))).toBe('AUDIT_INVALID');
    expect(code(() => verifyAudit(path))).toBe('AUDIT_INVALID');
  });

  it("another application's SQLite database → AUDIT_INVALID, and it is left untouched", () => {
    const path = join(mkdtempSync(join(tmpdir(), 'rampart-audit-')), 'other.db');
    const db = new Database(path);
    db.exec('CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)');
    db.close();
    expect(code(() => AuditLog.open(path))).toBe('AUDIT_INVALID');
    expect(code(() => verifyAudit(path))).toBe('AUDIT_INVALID');
    const again = new Database(path);
    const tables = again.prepare(`SELECT name FROM sqlite_master WHERE type='table'`).all();
    again.close();
    expect(tables).toEqual([{ name: 'users' }]);
  });

  it('a missing file → AUDIT_INVALID from verify (it does not create one)', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'rampart-audit-')), 'none.db');
    expect(code(() => verifyAudit(path))).toBe('AUDIT_INVALID');
  });
});

describe('verifyAudit detects tampering', () => {
  it('an edited action → edited at that seq', () => {
    const path = tmpDb();
    fill(path, 10);
    tamper(path, (db) => db.prepare(`UPDATE audit_log SET action = 'allow' WHERE seq = 6`).run());
    expect(verifyAudit(path)).toMatchObject({ ok: false, problem: 'edited', seq: 6, rows: 10 });
  });

  it('an edited row whose hash was recomputed still breaks the chain at the next row', () => {
    const path = tmpDb();
    fill(path, 10);
    tamper(path, (db) => {
      const row = db.prepare(`SELECT * FROM audit_log WHERE seq = 4`).get() as AuditRow;
      const forged = { ...row, action: 'flag' };
      db.prepare(`UPDATE audit_log SET action = ?, hash = ? WHERE seq = 4`).run(
        'flag',
        rowHash(row.prev_hash, forged),
      );
    });
    expect(verifyAudit(path)).toMatchObject({ ok: false, problem: 'edited', seq: 4 });
  });

  it('editing the last row and its hash is caught by the head', () => {
    const path = tmpDb();
    fill(path, 5);
    tamper(path, (db) => {
      const row = db.prepare(`SELECT * FROM audit_log WHERE seq = 5`).get() as AuditRow;
      const forged = { ...row, action: 'flag' };
      db.prepare(`UPDATE audit_log SET action = ?, hash = ? WHERE seq = 5`).run(
        'flag',
        rowHash(row.prev_hash, forged),
      );
    });
    expect(verifyAudit(path)).toMatchObject({ ok: false, problem: 'edited', seq: 5 });
  });

  it('a deleted middle row → deleted at its seq', () => {
    const path = tmpDb();
    fill(path, 10);
    tamper(path, (db) => db.prepare(`DELETE FROM audit_log WHERE seq = 4`).run());
    expect(verifyAudit(path)).toMatchObject({ ok: false, problem: 'deleted', seq: 4, rows: 9 });
  });

  it('deleting a row and renumbering the rest → deleted', () => {
    const path = tmpDb();
    fill(path, 10);
    tamper(path, (db) => {
      db.prepare(`DELETE FROM audit_log WHERE seq = 4`).run();
      for (let s = 5; s <= 10; s++) db.prepare(`UPDATE audit_log SET seq = ? WHERE seq = ?`).run(s - 1, s);
      db.prepare(`UPDATE audit_head SET seq = 9`).run();
    });
    expect(verifyAudit(path)).toMatchObject({ ok: false, problem: 'deleted', seq: 4 });
  });

  it('two swapped rows → reordered at the first', () => {
    const path = tmpDb();
    fill(path, 10);
    tamper(path, (db) => {
      db.prepare(`UPDATE audit_log SET seq = -1 WHERE seq = 3`).run();
      db.prepare(`UPDATE audit_log SET seq = 3 WHERE seq = 7`).run();
      db.prepare(`UPDATE audit_log SET seq = 7 WHERE seq = -1`).run();
    });
    expect(verifyAudit(path)).toMatchObject({ ok: false, problem: 'reordered', seq: 3 });
  });

  it('swapping only the contents of two rows is detected at the first', () => {
    const path = tmpDb();
    fill(path, 10);
    tamper(path, (db) => {
      const a = db.prepare(`SELECT action, decision_id FROM audit_log WHERE seq = 3`).get() as Record<
        string,
        string
      >;
      const b = db.prepare(`SELECT action, decision_id FROM audit_log WHERE seq = 4`).get() as Record<
        string,
        string
      >;
      const set = db.prepare(`UPDATE audit_log SET action = ?, decision_id = ? WHERE seq = ?`);
      set.run(b.action, b.decision_id, 3);
      set.run(a.action, a.decision_id, 4);
    });
    const r = verifyAudit(path);
    expect(r.ok).toBe(false);
    expect(['reordered', 'edited']).toContain(r.problem);
    expect(r.seq).toBe(3);
  });

  it('deleted last rows → truncated at the first missing seq', () => {
    const path = tmpDb();
    fill(path, 10);
    tamper(path, (db) => db.prepare(`DELETE FROM audit_log WHERE seq > 7`).run());
    expect(verifyAudit(path)).toMatchObject({ ok: false, problem: 'truncated', seq: 8, rows: 7 });
  });

  it('every row deleted → truncated at 1', () => {
    const path = tmpDb();
    fill(path, 3);
    tamper(path, (db) => db.prepare(`DELETE FROM audit_log`).run());
    expect(verifyAudit(path)).toMatchObject({ ok: false, problem: 'truncated', seq: 1, rows: 0 });
  });

  it("a well-chained row appended behind the log's back → inserted", () => {
    const path = tmpDb();
    fill(path, 5);
    tamper(path, (db) => {
      const last = db.prepare(`SELECT * FROM audit_log WHERE seq = 5`).get() as AuditRow;
      const row = { ...last, seq: 6, decision_id: 'forged', prev_hash: last.hash };
      const hash = rowHash(last.hash, row);
      db.prepare(
        `INSERT INTO audit_log SELECT 6, ts, 'forged', key_id, tenant, route, model, stage, action, categories, findings,
           input_sha256, output_sha256, text, ?, ? FROM audit_log WHERE seq = 5`,
      ).run(last.hash, hash);
    });
    expect(verifyAudit(path)).toMatchObject({ ok: false, problem: 'inserted', seq: 6 });
  });

  it('a row inserted in the middle (later rows renumbered) → inserted', () => {
    const path = tmpDb();
    fill(path, 6);
    tamper(path, (db) => {
      for (let s = 6; s >= 3; s--) db.prepare(`UPDATE audit_log SET seq = ? WHERE seq = ?`).run(s + 1, s);
      const prev = db.prepare(`SELECT * FROM audit_log WHERE seq = 2`).get() as AuditRow;
      const row = { ...prev, seq: 3, decision_id: 'forged' };
      db.prepare(
        `INSERT INTO audit_log SELECT 3, ts, 'forged', key_id, tenant, route, model, stage, action, categories, findings,
           input_sha256, output_sha256, text, ?, ? FROM audit_log WHERE seq = 2`,
      ).run(prev.hash, rowHash(prev.hash, row));
      db.prepare(`UPDATE audit_head SET seq = 7`).run();
    });
    expect(verifyAudit(path)).toMatchObject({ ok: false, problem: 'inserted', seq: 3 });
  });
});

describe('verifyAudit (property)', () => {
  const FIELDS = [
    'ts',
    'decision_id',
    'key_id',
    'stage',
    'action',
    'categories',
    'findings',
    'input_sha256',
    'text',
    'prev_hash',
    'hash',
  ];

  it('any change to any field of any row is reported at that row', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 7 }),
        fc.constantFrom(...FIELDS),
        fc.string({ minLength: 1, maxLength: 20 }),
        (n, k0, field, value) => {
          const path = tmpDb();
          fill(path, n);
          const k = (k0 % n) + 1;
          let changed = false;
          tamper(path, (db) => {
            const before = (
              db.prepare(`SELECT ${field} AS v FROM audit_log WHERE seq = ?`).get(k) as { v: unknown }
            ).v;
            const next = before === value ? `${value}x` : value;
            changed =
              db.prepare(`UPDATE audit_log SET ${field} = ? WHERE seq = ?`).run(next, k).changes === 1;
          });
          expect(changed).toBe(true);
          expect(verifyAudit(path)).toMatchObject({ ok: false, problem: 'edited', seq: k });
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('AuditLog.enqueue (rows committed once per event-loop turn)', () => {
  const turn = () => new Promise((r) => setImmediate(r));
  const query = (path: string, sql: string): unknown => {
    const db = new Database(path, { readonly: true });
    try {
      return db.prepare(sql).all();
    } finally {
      db.close();
    }
  };

  it('commits the rows queued in one turn as one valid chain, in call order', async () => {
    const path = tmpDb();
    const log = AuditLog.open(path);
    open.push(log);
    for (let i = 1; i <= 20; i++) log.enqueue(entry(i));
    // Not yet committed: another reader sees nothing until the turn ends.
    const reader = new Database(path, { readonly: true });
    expect(reader.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 0 });
    await turn();
    expect(reader.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 20 });
    // A burst commits every 32 rows without waiting for the turn's end.
    for (let i = 21; i <= 60; i++) log.enqueue(entry(i));
    expect(reader.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 52 });
    reader.close();
    log.enqueue(entry(61));
    await log.committed(); // resolves once the turn's transaction is on disk
    expect(query(path, 'SELECT max(seq) AS m FROM audit_log')).toEqual([{ m: 61 }]);
    await log.committed(); // nothing queued: settles at once
    // append() commits what was queued before it, so seqs follow the order of the calls.
    expect(log.append(entry(62)).seq).toBe(62);
    expect(log.recent(3).map((r) => r.decisionId)).toEqual(['dec-62', 'dec-61', 'dec-60']);
    log.close();
    const r = verifyAudit(path);
    expect(r).toMatchObject({ ok: true, rows: 62 });
    expect(r.head.seq).toBe(62);
  });

  it('validates at once, and close() commits what is still queued', () => {
    const path = tmpDb();
    const log = AuditLog.open(path);
    open.push(log);
    expect(() => log.enqueue({ ...entry(1), stage: 'DROP TABLE' })).toThrow(
      expect.objectContaining({ name: 'RampartError', code: 'INPUT_INVALID' }),
    );
    expect(() => log.enqueue({ ...entry(1), decisionId: '' })).toThrow(/decisionId/);
    log.enqueue(entry(1));
    log.enqueue(entry(2));
    log.close();
    expect(() => log.enqueue(entry(3))).toThrow(expect.objectContaining({ code: 'STORE_UNAVAILABLE' }));
    expect(verifyAudit(path)).toMatchObject({ ok: true, rows: 2 });
  });

  it('a failed commit keeps the rows queued and fails the next enqueue closed until it succeeds', async () => {
    const path = tmpDb();
    const log = AuditLog.open(path, { busyTimeoutMs: 0 });
    open.push(log);
    // Another connection holds the write lock: the turn's commit fails with SQLITE_BUSY.
    const other = new Database(path);
    other.prepare('BEGIN IMMEDIATE').run();
    log.enqueue(entry(1));
    await expect(log.committed()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(() => log.enqueue(entry(2))).toThrow(expect.objectContaining({ code: 'STORE_UNAVAILABLE' }));
    other.prepare('COMMIT').run();
    other.close();
    log.enqueue(entry(3));
    log.close();
    const r = verifyAudit(path);
    expect(r).toMatchObject({ ok: true, rows: 2 });
    expect(query(path, 'SELECT decision_id FROM audit_log ORDER BY seq')).toEqual([
      { decision_id: 'dec-1' },
      { decision_id: 'dec-3' },
    ]);
  });
});
