import { describe, expect, it } from 'vitest';
import { isRampartError } from '../../../src/core/errors.js';
import { runSandboxed, sandboxTool } from '../../../src/agent/sandbox/index.js';

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'resolved';
  } catch (e) {
    return isRampartError(e) ? e.code : 'other';
  }
};

describe('sandboxTool', () => {
  it('describes itself as run_javascript with a {code} schema', () => {
    const tool = sandboxTool({ capabilities: { lookup: () => 1 } });
    expect(tool.name).toBe('run_javascript');
    expect(tool.parameters).toEqual({
      type: 'object',
      properties: { code: { type: 'string', description: expect.any(String) } },
      required: ['code'],
      additionalProperties: false,
    });
    expect(tool.description).toContain('lookup');
  });

  it('runs the code under the options fixed by the host', async () => {
    const tool = sandboxTool({ timeoutMs: 100, input: [1, 2, 3] });
    expect(await tool.execute({ code: 'input.length' })).toMatchObject({ ok: true, value: 3 });
    expect(await tool.execute({ code: 'while (true) {}' })).toMatchObject({
      ok: false,
      error: { kind: 'timeout' },
    });
  });

  it('refuses arguments other than {code: string}', async () => {
    const tool = sandboxTool();
    expect(await codeOf(tool.execute({ code: 1 }))).toBe('INPUT_INVALID');
    expect(await codeOf(tool.execute({ code: '1', timeoutMs: 1e9 }))).toBe('INPUT_INVALID');
    expect(await codeOf(tool.execute(null))).toBe('INPUT_INVALID');
  });
});

describe('runSandboxed: host misconfiguration throws', () => {
  it('rejects out-of-range limits', async () => {
    expect(await codeOf(runSandboxed('1', { timeoutMs: 0 }))).toBe('CONFIG_INVALID');
    expect(await codeOf(runSandboxed('1', { memoryBytes: 1e12 }))).toBe('CONFIG_INVALID');
    expect(await codeOf(runSandboxed('1', { maxStackBytes: 8 * 1024 * 1024 }))).toBe('CONFIG_INVALID');
  });

  it('rejects capability names that are not identifiers or that shadow built-ins', async () => {
    const fn = () => 1;
    expect(await codeOf(runSandboxed('1', { capabilities: { 'a-b': fn } }))).toBe('CONFIG_INVALID');
    expect(await codeOf(runSandboxed('1', { capabilities: { console: fn } }))).toBe('CONFIG_INVALID');
    expect(await codeOf(runSandboxed('1', { capabilities: { JSON: fn } }))).toBe('CONFIG_INVALID');
  });

  it('rejects input that is too large or not JSON', async () => {
    expect(await codeOf(runSandboxed('1', { input: 'x'.repeat(2000), maxTransferBytes: 1000 }))).toBe(
      'INPUT_TOO_LARGE',
    );
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(await codeOf(runSandboxed('1', { input: cyclic as never }))).toBe('INPUT_INVALID');
  });
});
