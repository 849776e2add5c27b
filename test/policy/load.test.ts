import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RampartError } from '../../src/core/errors.js';
import { loadPolicyFile, parsePolicy, validatePolicy } from '../../src/policy/load.js';
import { defaultPolicy } from '../../src/policy/default-policy.js';

const errorOf = (fn: () => unknown): RampartError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof RampartError) return e;
    throw e;
  }
  throw new Error('expected a RampartError');
};

describe('policy loader', () => {
  it('fills defaults for a minimal policy', () => {
    const p = parsePolicy('version: 1\nstages: {}\n');
    expect(p.limits.max_input_bytes).toBe(1024 * 1024);
    expect(p.collect_all).toBe(false);
    expect(p.default_action).toBe('flag');
  });

  it('names file, line and column of an unknown key', () => {
    const src = 'version: 1\nstages:\n  input:\n    scanners: [injection-rules]\n    treshold: 0.3\n';
    const e = errorOf(() => parsePolicy(src, { name: 'p.yaml' }));
    expect(e.code).toBe('POLICY_INVALID');
    expect(e.message).toContain('p.yaml:5:5');
    expect(e.message).toContain('unknown key "treshold"');
  });

  it('names the line of a wrong action and lists the allowed ones', () => {
    const src = 'version: 1\nstages: {}\nactions:\n  prompt_injection: blocc\n';
    const e = errorOf(() => parsePolicy(src, { name: 'p.yaml' }));
    expect(e.message).toMatch(/^p\.yaml:4:\d+: actions\.prompt_injection: /u);
  });

  it('names the line of a wrong type', () => {
    const e = errorOf(() =>
      parsePolicy('version: 1\nstages: {}\nlimits:\n  max_input_bytes: lots\n', { name: 'p.yaml' }),
    );
    expect(e.message).toContain('p.yaml:4:20: limits.max_input_bytes: expected number');
  });

  it('rejects unknown scanners with their position', () => {
    const src = 'version: 1\nstages:\n  input:\n    scanners:\n      - injection-rules\n      - magic\n';
    const e = errorOf(() => parsePolicy(src, { name: 'p.yaml', knownScanners: ['injection-rules'] }));
    expect(e.message).toContain('p.yaml:6:9: stages.input.scanners[1]: unknown scanner "magic"');
  });

  it('reports YAML syntax errors with a position', () => {
    const e = errorOf(() => parsePolicy('version: 1\nstages: {\n', { name: 'p.yaml' }));
    expect(e.code).toBe('POLICY_INVALID');
    expect(e.message).toMatch(/^p\.yaml:\d+:\d+: YAML syntax error/u);
  });

  it('rejects duplicate keys instead of letting the last one silently win', () => {
    const e = errorOf(() =>
      parsePolicy('version: 1\nstages: {}\nactions:\n  jailbreak: block\n  jailbreak: allow\n'),
    );
    expect(e.code).toBe('POLICY_INVALID');
  });

  it('reports a missing file as POLICY_NOT_FOUND', () => {
    expect(errorOf(() => loadPolicyFile('/nonexistent/policy.yaml')).code).toBe('POLICY_NOT_FOUND');
  });

  it('loads a file from disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-'));
    const f = join(dir, 'p.yaml');
    writeFileSync(f, 'version: 1\ncollect_all: true\nstages: {}\n');
    expect(loadPolicyFile(f).collect_all).toBe(true);
  });

  it('ships a valid default policy whose copies are independent', () => {
    const a = defaultPolicy();
    a.actions.jailbreak = 'allow';
    expect(defaultPolicy().actions.jailbreak).toBe('block');
  });
});

describe('scanner options', () => {
  it('rejects a misspelt or out-of-range scanner option with its line', async () => {
    const { SCANNER_OPTION_SCHEMAS } = await import('../../src/scanners/registry.js');
    const src =
      'version: 1\nstages: {}\nscanners:\n  exfil-links:\n    options:\n      allowHost: [a.example]\n  secrets:\n    options: { entropyMin: 12 }\n';
    const e = errorOf(() => parsePolicy(src, { name: 'p.yaml', optionSchemas: SCANNER_OPTION_SCHEMAS }));
    expect(e.message).toContain('p.yaml:6:7: scanners.exfil-links.options: unknown key "allowHost"');
    expect(e.message).toMatch(/p\.yaml:8:\d+: scanners\.secrets\.options\.entropyMin: /u);
  });

  it('refuses options for a scanner without a schema: it takes none', () => {
    const src = 'version: 1\nstages: {}\nscanners:\n  mine:\n    options:\n      typo: 1\n';
    const opts = { name: 'p.yaml', knownScanners: ['mine'], optionSchemas: {} };
    const e = errorOf(() => parsePolicy(src, opts));
    expect(e.code).toBe('POLICY_INVALID');
    expect(e.message).toContain('p.yaml:6:7: scanners.mine.options: unknown key "typo"');
    expect(() =>
      validatePolicy({ version: 1, stages: {}, scanners: { mine: { options: { typo: 1 } } } }, opts),
    ).toThrow(/scanners\.mine\.options: unknown key "typo"/u);
  });

  it("replaces each scanner's options with its schema's output (parsed once, defaults filled)", () => {
    const optionSchemas = { mine: z.object({ n: z.number().default(3), m: z.string().optional() }).strict() };
    const src = 'version: 1\nstages: {}\nscanners:\n  mine:\n    options: { m: x }\n';
    expect(parsePolicy(src, { optionSchemas }).scanners['mine']?.options).toEqual({ n: 3, m: 'x' });
    const code = validatePolicy(
      { version: 1, stages: {}, scanners: { mine: { options: {} } } },
      { optionSchemas },
    );
    expect(code.scanners['mine']?.options).toEqual({ n: 3 });
  });
});

describe('shipped default policy', () => {
  it('passes every load-time check, scanner names and options included', async () => {
    const { readFileSync } = await import('node:fs');
    const { SCANNER_IDS, SCANNER_OPTION_SCHEMAS } = await import('../../src/scanners/registry.js');
    const src = readFileSync(new URL('../../policies/default.yaml', import.meta.url), 'utf8');
    expect(() =>
      parsePolicy(src, { knownScanners: SCANNER_IDS, optionSchemas: SCANNER_OPTION_SCHEMAS }),
    ).not.toThrow();
  });
});

describe('unresolvable YAML', () => {
  it('is POLICY_INVALID, not a raw error', () => {
    expect(() => parsePolicy('version: 1\nstages: *!\n')).toThrow(
      expect.objectContaining({ code: 'POLICY_INVALID' }),
    );
  });
});
