import { describe, expect, it } from 'vitest';
import { parseCapabilities, parseLimits, SANDBOX_DEFAULTS } from '../../../src/agent/sandbox/limits.js';
import type { SandboxOptions } from '../../../src/agent/sandbox/types.js';

const configInvalid = (message: string | RegExp) =>
  expect.objectContaining({
    code: 'CONFIG_INVALID',
    message: typeof message === 'string' ? message : expect.stringMatching(message),
  });

describe('parseLimits', () => {
  it('fills every bound with its default and ignores capabilities and input', () => {
    expect(parseLimits({ capabilities: { f: () => 1 }, input: { a: 1 } } as SandboxOptions)).toEqual(
      SANDBOX_DEFAULTS,
    );
    expect(parseLimits({ timeoutMs: 50 } as SandboxOptions)).toEqual({ ...SANDBOX_DEFAULTS, timeoutMs: 50 });
  });

  it('refuses a bound past its ceiling or floor, a fraction or an unknown option, naming it', () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ timeoutMs: 60_001 }, /^sandbox option timeoutMs: /u],
      [{ timeoutMs: 0 }, /^sandbox option timeoutMs: /u],
      [{ memoryBytes: 2 * 1024 ** 3 }, /^sandbox option memoryBytes: /u],
      [{ maxStackBytes: 512 * 1024 }, /^sandbox option maxStackBytes: /u], // past it the host's stack overflows first
      [{ maxOutputBytes: 1.5 }, /^sandbox option maxOutputBytes: /u],
      [{ maxCodeBytes: Number.NaN }, /^sandbox option maxCodeBytes: /u],
      [{ maxTransferBytes: '1' }, /^sandbox option maxTransferBytes: /u],
      [{ memoryLimit: 1 }, /^sandbox option options: .*memoryLimit/u],
    ];
    for (const [opts, message] of cases)
      expect(() => parseLimits(opts as SandboxOptions), JSON.stringify(opts)).toThrow(configInvalid(message));
  });
});

describe('parseCapabilities', () => {
  const fn = () => 1;

  it('accepts identifier names bound to functions', () => {
    expect(parseCapabilities(undefined)).toEqual([]);
    expect(parseCapabilities({ lookup: fn, $x_1: fn })).toEqual([
      ['lookup', fn],
      ['$x_1', fn],
    ]);
  });

  it('refuses names that are not identifiers or shadow what the sandbox defines', () => {
    for (const name of [
      '',
      '1a',
      'a-b',
      'a.b',
      'x'.repeat(65),
      'console',
      'input',
      'globalThis',
      'eval',
      'undefined',
    ])
      expect(() => parseCapabilities({ [name]: fn }), name).toThrow(
        configInvalid(`sandbox capability name "${name.slice(0, 64)}" is not allowed`),
      );
  });

  it('refuses a non-function and more than 64 capabilities', () => {
    expect(() => parseCapabilities({ f: 'x' } as never)).toThrow(
      configInvalid('sandbox capability "f" is not a function'),
    );
    const many = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`f${i}`, fn]));
    expect(() => parseCapabilities(many)).toThrow(configInvalid('sandbox capabilities: at most 64 allowed'));
    expect(parseCapabilities(Object.fromEntries(Object.entries(many).slice(0, 64)))).toHaveLength(64);
  });
});
