import { describe, expect, it } from 'vitest';
import { RampartError } from '../../../src/core/errors.js';
import type { OutputContext } from '../../../src/gateway/output/output-guard.js';
import { createToolCallBuffer, guardToolCalls } from '../../../src/gateway/output/tool-call-buffer.js';
import { createGuard } from '../../../src/policy/create-guard.js';
import { Vault } from '../../../src/policy/vault.js';
import { checksummed, reseed } from '../../scanners/secrets-samples.js';

const guard = createGuard();
const noCtx: OutputContext = { canaries: [], systemPrompts: [] };

function code(fn: () => void): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof RampartError ? e.code : 'not a RampartError';
  }
  return undefined;
}

describe('createToolCallBuffer', () => {
  it('assembles interleaved fragments of several calls by index', () => {
    const b = createToolCallBuffer();
    b.add([{ index: 1, id: 'call_b', type: 'function', function: { name: 'lookup', arguments: '' } }]);
    b.add([
      { index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{"ci' } },
    ]);
    b.add([
      { index: 0, function: { arguments: 'ty":"Paris"}' } },
      { index: 1, function: { arguments: '{"q":1}' } },
    ]);
    b.add(undefined);
    expect(b.calls()).toEqual([
      { id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
      { id: 'call_b', type: 'function', function: { name: 'lookup', arguments: '{"q":1}' } },
    ]);
  });

  it('keeps the first name when a provider repeats it, and gives an id to a call without one', () => {
    const b = createToolCallBuffer();
    b.add([{ index: 0, function: { name: 'f', arguments: '{}' } }]);
    b.add([{ index: 0, function: { name: 'f' } }]);
    expect(b.calls()).toEqual([{ id: 'call_0', type: 'function', function: { name: 'f', arguments: '{}' } }]);
  });

  it('refuses an out-of-range index, too many calls and oversized arguments', () => {
    const b = createToolCallBuffer({ maxCalls: 2, maxArgumentChars: 10 });
    expect(code(() => b.add([{ index: 2 }]))).toBe('UPSTREAM_BAD_RESPONSE');
    expect(code(() => b.add([{ index: -1 }]))).toBe('UPSTREAM_BAD_RESPONSE');
    expect(code(() => b.add([{ index: 0.5 }]))).toBe('UPSTREAM_BAD_RESPONSE');
    b.add([{ index: 0, function: { arguments: '0123456789' } }]);
    expect(code(() => b.add([{ index: 0, function: { arguments: 'x' } }]))).toBe('UPSTREAM_BAD_RESPONSE');
  });
});

describe('guardToolCalls', () => {
  it('blocks a call whose arguments carry the canary, naming the tool', async () => {
    const { token } = guard.canary();
    const calls = [
      { id: 'c1', type: 'function' as const, function: { name: 'search', arguments: '{"q":"cats"}' } },
      {
        id: 'c2',
        type: 'function' as const,
        function: { name: 'send_email', arguments: JSON.stringify({ body: `marker ${token}` }) },
      },
    ];
    const r = await guardToolCalls(guard, calls, { ...noCtx, canaries: [token] });
    expect(r.violation?.tool).toBe('send_email');
    expect(r.violation?.index).toBe(1);
    expect(r.violation?.decision.action).toBe('block');
    expect(r.calls.map((c) => c.id)).toEqual(['c1']);
  });

  it('masks a secret inside a JSON string argument and keeps the JSON valid', async () => {
    reseed(5);
    const secret = checksummed('ghp');
    const args = JSON.stringify({ headers: { token: secret }, url: '/repos' });
    const r = await guardToolCalls(
      guard,
      [{ id: 'c', type: 'function', function: { name: 'http', arguments: args } }],
      noCtx,
    );
    expect(r.violation).toBeUndefined();
    const out = r.calls[0]!.function.arguments;
    expect(out).not.toContain(secret);
    expect(JSON.parse(out)).toEqual({ headers: { token: '[REDACTED:GITHUB_TOKEN]' }, url: '/repos' });
  });

  it('restores the user’s placeholders in arguments', async () => {
    const vault = new Vault();
    await guard.check('input', 'Email dave@example.com the report', { vault });
    const r = await guardToolCalls(
      guard,
      [{ id: 'c', type: 'function', function: { name: 'mail', arguments: '{"to":"[EMAIL_1]"}' } }],
      { ...noCtx, vault },
    );
    expect(r.calls[0]!.function.arguments).toBe('{"to":"dave@example.com"}');
  });

  it('fails closed when the check throws', async () => {
    const tiny = createGuard(
      'version: 1\nlimits: { max_input_bytes: 8 }\nstages: { tool_call: { scanners: [secrets] } }\n',
    );
    const r = await guardToolCalls(
      tiny,
      [{ id: 'c', type: 'function', function: { name: 'big', arguments: '{"a":"0123456789"}' } }],
      noCtx,
    );
    expect(r.violation?.tool).toBe('big');
    expect(r.violation?.decision.findings[0]?.category).toBe('scanner.error');
  });
});
