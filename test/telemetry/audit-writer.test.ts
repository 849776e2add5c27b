// The gateway's audit writer thread: same ordering, validation and fail-closed guarantees as
// AuditLog.enqueue()/committed(), with the SQLite work on another thread.
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sha256Hex, type AuditEntry } from '../../src/telemetry/audit-log.js';
import { AuditWriter } from '../../src/telemetry/audit-writer.js';
import { verifyAudit } from '../../src/telemetry/audit-verify.js';

const tmpDb = (): string => join(mkdtempSync(join(tmpdir(), 'rampart-writer-')), 'audit.db');

const entry = (i: number): AuditEntry => ({
  decisionId: `dec-${i}`,
  stage: i % 2 ? 'output' : 'input',
  action: 'allow',
  findings: [],
  inputSha256: sha256Hex(`prompt ${i}`),
  text: `prompt ${i}`,
});

const ids = (path: string): string[] => {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare<[], { decision_id: string }>('SELECT decision_id FROM audit_log ORDER BY seq')
      .all()
      .map((r) => r.decision_id);
  } finally {
    db.close();
  }
};

/** Enqueues as soon as the writer accepts rows again (its retry of the failed rows succeeded). */
const enqueueOnceWritable = (w: AuditWriter, e: AuditEntry): Promise<void> =>
  vi.waitFor(() => w.enqueue(e), { timeout: 3000, interval: 10 });

const open: AuditWriter[] = [];
afterEach(async () => {
  for (const w of open.splice(0)) await w.close().catch(() => {});
});

describe('AuditWriter (audit log on a writer thread)', () => {
  it('commits rows in enqueue order; committed() resolves once they are on disk', async () => {
    const path = tmpDb();
    const w = await AuditWriter.open(path, { synchronous: 'normal' });
    open.push(w);
    for (let i = 0; i < 50; i++) {
      w.enqueue(entry(i));
      if (i % 7 === 0) await w.committed(); // some rows alone, some in batches
    }
    await w.committed();
    // Readable by another connection before close: really committed, not just queued.
    expect(verifyAudit(path)).toMatchObject({ ok: true, rows: 50 });
    expect(ids(path)).toEqual(Array.from({ length: 50 }, (_, i) => `dec-${i}`));
  });

  it('validates on the caller thread and never stores text unless told to', async () => {
    const path = tmpDb();
    const w = await AuditWriter.open(path);
    open.push(w);
    expect(() => w.enqueue({ ...entry(1), decisionId: '' })).toThrow(
      expect.objectContaining({ code: 'INPUT_INVALID' }),
    );
    expect(() => w.enqueue({ ...entry(1), inputSha256: 'not-a-hash' })).toThrow(
      expect.objectContaining({ code: 'INPUT_INVALID' }),
    );
    w.enqueue(entry(1));
    await w.committed();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT text FROM audit_log').all()).toEqual([{ text: null }]);
    db.close();
  });

  it('close() commits what is pending; enqueue after close is STORE_UNAVAILABLE', async () => {
    const path = tmpDb();
    const w = await AuditWriter.open(path);
    w.enqueue(entry(1));
    w.enqueue(entry(2));
    await w.close();
    await w.close(); // idempotent
    expect(() => w.enqueue(entry(3))).toThrow(expect.objectContaining({ code: 'STORE_UNAVAILABLE' }));
    expect(verifyAudit(path)).toMatchObject({ ok: true, rows: 2 });
  });

  it('a failed commit rejects its waiters (fail closed) and the rows are retried with the next ones', async () => {
    const path = tmpDb();
    const w = await AuditWriter.open(path, { busyTimeoutMs: 0 });
    open.push(w);
    w.enqueue(entry(0));
    await w.committed();
    // Another connection holds the write lock: the writer's commit fails with SQLITE_BUSY.
    const other = new Database(path);
    other.prepare('BEGIN IMMEDIATE').run();
    w.enqueue(entry(1));
    await expect(w.committed()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    // While the log cannot be written, requests are refused at once.
    expect(() => w.enqueue(entry(2))).toThrow(expect.objectContaining({ code: 'STORE_UNAVAILABLE' }));
    other.prepare('COMMIT').run();
    other.close();
    await enqueueOnceWritable(w, entry(2));
    await w.committed();
    expect(verifyAudit(path)).toMatchObject({ ok: true, rows: 3 });
    expect(ids(path)).toEqual(['dec-0', 'dec-1', 'dec-2']);
  });

  it('a failed commit nobody waits for (audit.wait_for_commit off) still fails later requests closed, until a retry commits the rows', async () => {
    const path = tmpDb();
    const w = await AuditWriter.open(path, { busyTimeoutMs: 0 });
    open.push(w);
    const other = new Database(path);
    other.prepare('BEGIN IMMEDIATE').run();
    w.enqueue(entry(0)); // sent by the writer's timer; no committed() call
    // Refused once the writer has reported the failure (probes before that are accepted and queued).
    await vi.waitFor(
      () =>
        expect(() => w.enqueue(entry(99))).toThrow(expect.objectContaining({ code: 'STORE_UNAVAILABLE' })),
      { timeout: 3000, interval: 10 },
    );
    other.prepare('COMMIT').run();
    other.close();
    // The writer retries the rows it holds on its own: no new request is needed to recover.
    await enqueueOnceWritable(w, entry(1));
    await w.committed();
    // Probes accepted before the failure was reported are committed too, in order; none after it.
    const stored = ids(path);
    expect(stored.filter((id) => id !== 'dec-99')).toEqual(['dec-0', 'dec-1']);
    expect(verifyAudit(path)).toMatchObject({ ok: true, rows: stored.length });
  });

  it('checkpoints the WAL itself after acknowledging commits: the log stays bounded with the automatic checkpoint off', async () => {
    const path = tmpDb();
    const w = await AuditWriter.open(path, { synchronous: 'normal', storeText: true });
    open.push(w);
    const text = 'x'.repeat(4000);
    const rows = 3000; // one commit each: ~12 MB; SQLite's automatic checkpoint is off, ours runs every 256
    for (let i = 0; i < rows; i++) {
      w.enqueue({ ...entry(i), text });
      await w.committed();
    }
    const data = rows * text.length;
    // Without a checkpoint the WAL would hold all ~12 MB; checkpointed, it is reused from its start.
    expect(statSync(`${path}-wal`).size).toBeLessThan(data / 2); // ~4 MB: 256 commits of a few pages
    expect(statSync(path).size).toBeGreaterThan(data / 2); // most rows already copied into the database
    expect(verifyAudit(path)).toMatchObject({ ok: true, rows });
  });

  it('a writer thread that dies fails every later request closed (STORE_UNAVAILABLE)', async () => {
    const path = tmpDb();
    const w = await AuditWriter.open(path);
    open.push(w);
    w.enqueue(entry(1));
    await w.committed();
    // What a crash or a heap-limit exit of the thread looks like to the gateway.
    await (w as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await new Promise((r) => setTimeout(r, 20));
    expect(() => w.enqueue(entry(2))).toThrow(expect.objectContaining({ code: 'STORE_UNAVAILABLE' }));
    await expect(w.committed()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(verifyAudit(path)).toMatchObject({ ok: true, rows: 1 });
  });

  it('a file that is not an audit log is refused at open with AUDIT_INVALID', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-writer-'));
    const path = join(dir, 'not-audit.db');
    writeFileSync(path, 'this is not a database');
    await expect(AuditWriter.open(path)).rejects.toMatchObject({ code: 'AUDIT_INVALID' });
  });
});
