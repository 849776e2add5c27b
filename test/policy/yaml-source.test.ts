// parseYamlWith: every error names file:line:column, the key and what was expected, never a stack trace;
// readBoundedText: a small text file, or a specific error — never a huge read; loadYamlFile: both, for files.
import { mkdtempSync, mkdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RampartError } from '../../src/core/errors.js';
import { loadFirewallConfig } from '../../src/agent/firewall/config.js';
import { loadMcpProxyConfig } from '../../src/agent/mcp/config.js';
import { loadGatewayConfig } from '../../src/gateway/config.js';
import { loadPolicyFile } from '../../src/policy/load.js';
import {
  describeIssue,
  loadYamlFile,
  parseYamlWith,
  pathText,
  readBoundedText,
} from '../../src/policy/yaml-source.js';
import { loadPlanFile } from '../../src/redteam/plan.js';

const Schema = z
  .object({
    mode: z.enum(['block', 'flag']),
    limits: z.object({ max: z.number().int() }).strict().optional(),
    list: z.array(z.string()).optional(),
  })
  .strict();
const parse = (text: string) => parseYamlWith(text, Schema, 'p.yaml', 'POLICY_INVALID');
const message = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(RampartError);
    expect((e as RampartError).code).toBe('POLICY_INVALID');
    return (e as Error).message;
  }
  throw new Error('no error');
};

describe('parseYamlWith', () => {
  it('returns the typed value and locates any path in the document', () => {
    const src = parse('mode: block\nlimits:\n  max: 3\nlist: [a, b]\n');
    expect(src.value).toEqual({ mode: 'block', limits: { max: 3 }, list: ['a', 'b'] });
    expect(src.at(['limits', 'max'])).toBe('3:8');
    expect(src.at(['limits'], 'max')).toBe('3:3');
    expect(src.at(['list', 1])).toBe('4:11');
    expect(src.at(['nope', 'deeper'])).toBe('1:1');
  });

  it('names file:line:col, the key path and what was expected', () => {
    expect(message(() => parse('mode: allow\n'))).toBe('p.yaml:1:7: mode: expected one of "block", "flag"');
    expect(message(() => parse('mode: block\nlimits:\n  max: "3"\n'))).toBe(
      'p.yaml:3:8: limits.max: expected number',
    );
    expect(message(() => parse('mode: block\nlimits:\n  max: 3\n  mx: 4\n'))).toBe(
      'p.yaml:4:3: limits: unknown key "mx"',
    );
    expect(message(() => parse('mode: block\nlist: [a, 2]\n'))).toBe('p.yaml:2:11: list[1]: expected string');
    expect(message(() => parse(''))).toBe('p.yaml:1:1: (top level): expected object');
  });

  it('lists at most 10 problems', () => {
    const text = `mode: block\n${Array.from({ length: 15 }, (_, i) => `k${i}: 1`).join('\n')}\n`;
    expect(message(() => parse(text)).split('\n')).toHaveLength(1); // one issue naming all unknown keys
    const list = `mode: block\nlist: [${Array.from({ length: 15 }, () => '1').join(', ')}]\n`;
    expect(message(() => parse(list)).split('\n')).toHaveLength(10);
  });

  it('refuses syntax errors, duplicate keys, dangling aliases and alias bombs with a located message', () => {
    expect(message(() => parse('mode: [block\n'))).toMatch(/^p\.yaml:\d+:\d+: YAML syntax error: /u);
    expect(message(() => parse('mode: block\nmode: flag\n'))).toBe(
      'p.yaml:2:1: YAML syntax error: duplicate key',
    );
    expect(message(() => parse('mode: *nothing\n'))).toMatch(/^p\.yaml(:\d+:\d+)?: /u);
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++)
      bomb.push(
        `${'abcdefghij'[i]}: &${'abcdefghij'[i]} [${Array(10)
          .fill(`*${'abcdefghij'[i - 1]}`)
          .join(', ')}]`,
      );
    expect(message(() => parse(`mode: block\n${bomb.join('\n')}\n`))).toBe(
      'p.yaml: YAML could not be resolved (an alias without its anchor, or too many aliases)',
    );
  });

  it('never throws anything but a RampartError on arbitrary text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        try {
          parse(text);
        } catch (e) {
          expect(e).toBeInstanceOf(RampartError);
          expect((e as Error).message).toMatch(/^p\.yaml[:\s]/u);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('pathText and describeIssue', () => {
  it('write paths as a reader would type them', () => {
    expect(pathText([])).toBe('(top level)');
    expect(pathText(['a', 0, 'b', 12])).toBe('a[0].b[12]');
    const r = z
      .object({ a: z.literal('x') })
      .strict()
      .safeParse({ a: 'y', b: 1, c: 2 });
    expect(r.success ? [] : r.error.issues.map(describeIssue)).toEqual([
      'expected one of "x"',
      'unknown keys "b", "c"',
    ]);
  });
});

describe('readBoundedText', () => {
  const codes = { tooLarge: 'CONFIG_INVALID', notFound: 'CONFIG_NOT_FOUND' } as const;
  const dir = mkdtempSync(join(tmpdir(), 'rampart-yamlsrc-'));
  const read = (path: string, max = 1024) => readBoundedText(path, max, codes, 'config');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a file within the limit as UTF-8', () => {
    const p = join(dir, 'ok.yaml');
    writeFileSync(p, 'naïve: true\n');
    expect(read(p)).toBe('naïve: true\n');
    writeFileSync(p, 'x'.repeat(1024));
    expect(read(p)).toHaveLength(1024);
  });

  it('refuses a file over the limit with the tooLarge code', () => {
    const p = join(dir, 'big.yaml');
    writeFileSync(p, 'x'.repeat(1025));
    expect(() => read(p)).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', message: `${p}: config is larger than 1024 bytes` }),
    );
  });

  it('refuses a huge file by its size, without reading it', () => {
    const p = join(dir, 'huge.yaml');
    writeFileSync(p, '');
    truncateSync(p, 3 * 1024 ** 3); // sparse: takes no disk, and more than one Buffer can hold
    expect(() => read(p)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  it('reads a device or pipe only up to the limit', () => {
    expect(() => read('/dev/zero')).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  it('a missing file or a directory is the notFound code, with the errno', () => {
    expect(() => read(join(dir, 'missing.yaml'))).toThrow(
      expect.objectContaining({ code: 'CONFIG_NOT_FOUND', message: expect.stringContaining('(ENOENT)') }),
    );
    const sub = join(dir, 'sub');
    mkdirSync(sub);
    expect(() => read(sub)).toThrow(
      expect.objectContaining({ code: 'CONFIG_NOT_FOUND', message: expect.stringContaining('(EISDIR)') }),
    );
  });
});

describe('loadYamlFile: the one loader of YAML files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-yamlfile-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const kind = { what: 'test config', maxBytes: 1024 };

  it('reads, validates and locates like parseYamlWith, with the kind’s codes and bound', () => {
    const p = join(dir, 'ok.yaml');
    writeFileSync(p, 'mode: block\nlist: [a]\n');
    const src = loadYamlFile(p, Schema, kind);
    expect(src.value).toEqual({ mode: 'block', list: ['a'] });
    expect(src.at(['list', 0])).toBe('2:8');
    writeFileSync(p, 'mode: blok\n');
    expect(() => loadYamlFile(p, Schema, kind)).toThrow(
      expect.objectContaining({
        code: 'CONFIG_INVALID',
        message: expect.stringContaining(`${p}:1:7: mode:`),
      }),
    );
    writeFileSync(p, 'x'.repeat(1025));
    expect(() => loadYamlFile(p, Schema, { ...kind, invalid: 'POLICY_INVALID' })).toThrow(
      expect.objectContaining({
        code: 'POLICY_INVALID',
        message: `${p}: test config is larger than 1024 bytes`,
      }),
    );
    expect(() =>
      loadYamlFile(join(dir, 'none.yaml'), Schema, { ...kind, notFound: 'POLICY_NOT_FOUND' }),
    ).toThrow(expect.objectContaining({ code: 'POLICY_NOT_FOUND' }));
  });

  // The file loaders had drifted: the firewall refused only a 0-byte file, the MCP proxy also white space,
  // the policy, the red-team plan and the gateway config neither (a schema error at 1:1). Now all say the
  // same.
  it.each([
    ['policy file', 'POLICY_INVALID', (p: string) => loadPolicyFile(p)],
    ['red-team plan', 'CONFIG_INVALID', (p: string) => loadPlanFile(p)],
    ['firewall config', 'CONFIG_INVALID', (p: string) => loadFirewallConfig(p)],
    ['MCP proxy config', 'CONFIG_INVALID', (p: string) => loadMcpProxyConfig(p)],
    ['gateway config', 'CONFIG_INVALID', (p: string) => loadGatewayConfig(p)],
  ] as const)('a %s with nothing in it is refused the same way', (what, code, load) => {
    for (const [i, text] of ['', ' \n\t\n'].entries()) {
      const p = join(dir, `empty-${what.replace(/ /gu, '-')}-${i}.yaml`);
      writeFileSync(p, text);
      expect(() => load(p)).toThrow(expect.objectContaining({ code, message: `${p}: ${what} is empty` }));
    }
  });
});
