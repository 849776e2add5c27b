// `rampart keys` driven through a real commander program and a FileKeyStore in a temp dir.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerKeysCommand } from '../../../src/cli/keys.js';
import { RampartError } from '../../../src/core/errors.js';
import { FileKeyStore } from '../../../src/gateway/keys/file-key-store.js';

function cli() {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-keys-cli-'));
  const path = join(dir, 'keys.json');
  const configs: Array<string | undefined> = [];
  const run = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const program = new Command()
      .name('rampart')
      .exitOverride()
      .configureOutput({ writeOut: (s) => out.push(s.trimEnd()), writeErr: (s) => err.push(s.trimEnd()) });
    registerKeysCommand(
      program,
      async (config) => {
        configs.push(config);
        return new FileKeyStore(path);
      },
      { out: (s) => out.push(s), err: (s) => err.push(s) },
    );
    let code = 0;
    // The same handling as src/cli/main.ts.
    try {
      await program.parseAsync(['node', 'rampart', ...args]);
    } catch (e) {
      if (e instanceof CommanderError) code = e.exitCode === 0 ? 0 : 2;
      else if (e instanceof RampartError) {
        err.push(`rampart: ${e.code}: ${e.message}`);
        code = 2;
      } else throw e;
    }
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  return { run, path, configs, store: () => new FileKeyStore(path) };
}

describe('rampart keys', () => {
  it('create prints the id and the key once; the key then verifies', async () => {
    const c = cli();
    const r = await c.run(
      'keys',
      'create',
      '--tenant',
      'acme',
      '--name',
      'ci',
      '--rpm',
      '60',
      '--daily-cost',
      '2.5',
    );
    expect(r.code).toBe(0);
    const id = /^id: (\w{12})$/mu.exec(r.out)?.[1];
    const key = /^key: (rk_\S+)$/mu.exec(r.out)?.[1];
    expect(id).toMatch(/^[0-9A-Za-z]{12}$/u);
    expect(key).toContain(`rk_${id}_`);
    expect(r.err).toMatch(/shown only this once/u);
    const rec = await c.store().verify(key);
    expect(rec).toMatchObject({
      id,
      tenant: 'acme',
      name: 'ci',
      limits: { requests_per_minute: 60, daily_cost_usd: 2.5 },
    });
    expect(readFileSync(c.path, 'utf8')).not.toContain(key!.slice(16));
  });

  it('create --spotlight stores the key’s spotlight mode; list shows it; an unknown mode is a usage error', async () => {
    const c = cli();
    const r = await c.run('keys', 'create', '--tenant', 'rag', '--spotlight', 'encode');
    expect(r.code).toBe(0);
    const key = /^key: (rk_\S+)$/mu.exec(r.out)![1]!;
    expect(await c.store().verify(key)).toMatchObject({ tenant: 'rag', spotlight: 'encode' });
    const listed = await c.run('keys', 'list', '--format', 'json');
    expect(JSON.parse(listed.out)).toEqual([expect.objectContaining({ spotlight: 'encode' })]);
    expect((await c.run('keys', 'create', '--tenant', 'rag', '--spotlight', 'rot13')).code).toBe(2);
  });

  it('list shows keys in table and json without hashes or secrets', async () => {
    const c = cli();
    const created = await c.run('keys', 'create', '--tenant', 'acme', '--tpm', '1000');
    const key = /^key: (\S+)$/mu.exec(created.out)![1]!;
    const hash = (await c.store().list())[0]!.hash;
    const t = await c.run('keys', 'list');
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/^ID\s+TENANT\s+NAME\s+STATUS/u);
    expect(t.out).toContain('tokens_per_minute=1000');
    const j = await c.run('keys', 'list', '--format', 'json', '--config', 'gw.yaml');
    const rows = JSON.parse(j.out) as Array<Record<string, unknown>>;
    expect(rows[0]).toMatchObject({ tenant: 'acme', status: 'active' });
    for (const o of [t.out, j.out]) {
      expect(o).not.toContain(hash);
      expect(o).not.toContain(key.slice(16));
    }
    expect(c.configs.at(-1)).toBe('gw.yaml');
  });

  it('revoke marks the key revoked; the key stops verifying', async () => {
    const c = cli();
    const created = await c.run('keys', 'create', '--tenant', 'acme');
    const id = /^id: (\w+)$/mu.exec(created.out)![1]!;
    const key = /^key: (\S+)$/mu.exec(created.out)![1]!;
    const r = await c.run('keys', 'revoke', id);
    expect(r).toMatchObject({ code: 0 });
    expect(r.out).toContain(`revoked ${id}`);
    expect(await c.store().verify(key)).toBeUndefined();
    expect((await c.run('keys', 'list')).out).toContain('revoked');
  });

  it('exits 2 with rampart: CODE: message on an unknown id or a bad limit', async () => {
    const c = cli();
    const r = await c.run('keys', 'revoke', 'AAAAAAAAAAAA');
    expect(r.code).toBe(2);
    expect(r.err).toBe('rampart: KEY_NOT_FOUND: no key with id AAAAAAAAAAAA');
    const bad = await c.run('keys', 'create', '--tenant', 'acme', '--rpm', 'lots');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^rampart: INPUT_INVALID: invalid key option limits\.requests_per_minute/u);
    const missing = await c.run('keys', 'create');
    expect(missing.code).toBe(2);
  });
});
