import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerAuditCommand } from '../../src/cli/audit.js';
import { AuditLog } from '../../src/telemetry/audit-log.js';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  let code = -1;
  const program = new Command().name('rampart').exitOverride();
  registerAuditCommand(program, { out: (s) => out.push(s), err: (s) => err.push(s) }, (c) => (code = c));
  await program.parseAsync(['node', 'rampart', ...args]);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function makeLog(rows: number): string {
  const path = join(mkdtempSync(join(tmpdir(), 'rampart-audit-cli-')), 'audit.db');
  const log = AuditLog.open(path);
  for (let i = 0; i < rows; i++)
    log.append({ decisionId: `d${i}`, stage: 'input', action: 'allow', findings: [] });
  log.close();
  return path;
}

describe('rampart audit verify', () => {
  it('exits 0 for an intact log (text and json)', async () => {
    const path = makeLog(5);
    const text = await run(['audit', 'verify', '--db', path]);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/intact: 5 rows; head seq 5 hash [0-9a-f]{64}/);
    const json = await run(['audit', 'verify', '--db', path, '--format', 'json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({ ok: true, rows: 5, db: path });
  });

  it('exits 1 for a tampered log and names the problem and seq', async () => {
    const path = makeLog(5);
    const db = new Database(path);
    db.prepare(`UPDATE audit_log SET action = 'block' WHERE seq = 2`).run();
    db.close();
    const r = await run(['audit', 'verify', '--db', path]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('TAMPERED: edited at seq 2');
    const j = await run(['audit', 'verify', '--db', path, '--format', 'json']);
    expect(j.code).toBe(1);
    expect(JSON.parse(j.out)).toMatchObject({ ok: false, problem: 'edited', seq: 2 });
  });

  it('exits 2 with "rampart: CODE: message" for a missing or non-audit file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-audit-cli-'));
    const missing = await run(['audit', 'verify', '--db', join(dir, 'missing.db')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^rampart: AUDIT_INVALID: /);
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'this is not sqlite at all'.repeat(200));
    const r = await run(['audit', 'verify', '--db', junk]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^rampart: AUDIT_INVALID: .*not a readable SQLite database/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('writes nothing beside the log it checks: no -wal or -shm, same bytes and mtime', async () => {
    const path = makeLog(5);
    const before = { bytes: readFileSync(path), mtimeMs: statSync(path).mtimeMs };
    expect(readdirSync(dirname(path))).toEqual(['audit.db']);
    for (const format of ['text', 'json']) {
      const r = await run(['audit', 'verify', '--db', path, '--format', format]);
      expect(r.code).toBe(0);
    }
    expect(readdirSync(dirname(path))).toEqual(['audit.db']);
    expect(statSync(path).mtimeMs).toBe(before.mtimeMs);
    expect(readFileSync(path).equals(before.bytes)).toBe(true);
  });

  it('checks a log a gateway has open, rows still in its WAL included', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'rampart-audit-cli-')), 'audit.db');
    const log = AuditLog.open(path);
    try {
      for (let i = 0; i < 3; i++)
        log.append({ decisionId: `d${i}`, stage: 'input', action: 'allow', findings: [] });
      const r = await run(['audit', 'verify', '--db', path, '--format', 'json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out)).toMatchObject({ ok: true, rows: 3, head: { seq: 3 } });
    } finally {
      log.close();
    }
  });
});
