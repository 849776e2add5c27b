// parseYamlWith: every error names file:line:column, the key and what was expected, never a stack trace;
// readBoundedText: a small text file, or a specific error — never a huge read.
import { mkdtempSync, mkdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RampartError } from '../../src/core/errors.js';
import { describeIssue, parseYamlWith, pathText, readBoundedText } from '../../src/policy/yaml-source.js';

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
