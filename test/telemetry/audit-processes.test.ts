// Real processes against one real SQLite file: concurrent appenders, and a writer killed mid-loop.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/telemetry/audit-verify.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/append-loop.ts', import.meta.url));
const children: ChildProcess[] = [];

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function appender(db: string, count: number, tag: string, waitGo = false): ChildProcess {
  // cwd = the repo root, where `--import tsx` resolves.
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, db, String(count), tag], {
    cwd: ROOT,
    env: { ...process.env, RAMPART_WAIT_GO: waitGo ? '1' : '' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  return child;
}

const exited = (
  child: ChildProcess,
): Promise<{ code: number | null; signal: string | null; stderr: string }> =>
  new Promise((resolve) => {
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code, signal) => resolve({ code, signal, stderr }));
  });

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

describe('audit log across processes', () => {
  it('two processes appending to one file keep one valid chain', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'rampart-audit-')), 'shared.db');
    const a = appender(db, 300, 'a', true);
    const b = appender(db, 300, 'b', true);
    const outputs = [a, b].map((c) => {
      const o = { text: '' };
      c.stdout?.on('data', (d: Buffer) => (o.text += d.toString()));
      return o;
    });
    const done = Promise.all([exited(a), exited(b)]);
    // Both have opened the file; release them at once so their appends contend for the write lock.
    await Promise.all(
      [a, b].map((c) => new Promise<void>((resolve) => c.stdout?.once('data', () => resolve()))),
    );
    a.stdin?.end('go\n');
    b.stdin?.end('go\n');
    const [ra, rb] = await done;
    expect(ra).toMatchObject({ code: 0 });
    expect(rb).toMatchObject({ code: 0 });
    expect(verifyAudit(db)).toMatchObject({ ok: true, rows: 600, head: { seq: 600 } });
    // Every seq was handed out exactly once across both processes.
    const seqs = outputs.flatMap((o) =>
      o.text
        .split('\n')
        .filter((l) => /^\d+$/.test(l))
        .map(Number),
    );
    expect(new Set(seqs).size).toBe(600);
  }, 60_000);

  it('a writer killed with SIGKILL mid-loop leaves a valid chain with every committed row', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'rampart-audit-')), 'killed.db');
    const child = appender(db, 0, 'loop');
    const done = exited(child);
    let committed = 0;
    await new Promise<void>((resolve, reject) => {
      let buf = '';
      child.stdout?.on('data', (d: Buffer) => {
        buf += d.toString();
        const lines = buf.split('\n');
        buf = lines.pop() ?? '';
        for (const l of lines) committed = Math.max(committed, Number(l));
        if (committed >= 200) resolve();
      });
      child.on('exit', () => reject(new Error(`child exited early after ${committed} rows`)));
    });
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
    const r = verifyAudit(db);
    expect(r.ok).toBe(true);
    // A row is printed only after its commit, so at least that many survive the kill.
    expect(r.rows).toBeGreaterThanOrEqual(committed);
    expect(r.rows).toBeGreaterThanOrEqual(200);
    expect(r.head.seq).toBe(r.rows);
  }, 60_000);
});
