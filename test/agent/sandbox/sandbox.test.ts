import { describe, expect, it } from 'vitest';
import { runSandboxed, type SandboxResult } from '../../../src/agent/sandbox/index.js';

const errorKind = (r: SandboxResult) => (r.ok ? 'ok' : r.error.kind);

describe('runSandboxed: results and logs', () => {
  it('returns the completion value, captured console output and the input', async () => {
    const r = await runSandboxed(
      'console.log("sum", { a: 1 }, [2], undefined); console.error(new Error("e")); input.n + 1',
      {
        input: { n: 41 },
      },
    );
    expect(r).toMatchObject({ ok: true, value: 42, logs: ['sum {"a":1} [2] undefined', 'Error: e'] });
    expect(r.ms).toBeGreaterThanOrEqual(0);
  });

  it('awaits a returned promise and maps undefined to null', async () => {
    expect(
      await runSandboxed('(async () => { await null; return { x: [1, "two", true, null] } })()'),
    ).toMatchObject({
      ok: true,
      value: { x: [1, 'two', true, null] },
    });
    expect(await runSandboxed('let x = 1;')).toMatchObject({ ok: true, value: null });
  });

  it('treats import/export syntax as a plain script, not a module', async () => {
    const r = await runSandboxed('import fs from "fs"; 1');
    expect(errorKind(r)).toBe('exception');
  });

  it('reports a syntax error as an exception with its message', async () => {
    const r = await runSandboxed('let = = 1');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('exception');
      expect(r.error.message).toMatch(/^SyntaxError: /);
    }
  });

  it('reports a thrown error, string or non-error value', async () => {
    const err = await runSandboxed('throw new TypeError("nope")');
    expect(err).toMatchObject({ ok: false, error: { kind: 'exception', message: 'TypeError: nope' } });
    expect(await runSandboxed('throw "plain"')).toMatchObject({ error: { message: 'thrown: plain' } });
    expect(await runSandboxed('throw null')).toMatchObject({ error: { message: 'thrown: null' } });
    expect(await runSandboxed('Promise.reject(new RangeError("late"))')).toMatchObject({
      error: { kind: 'exception', message: 'RangeError: late' },
    });
  });

  it('bounds the message of a thrown error', async () => {
    const r = await runSandboxed('throw new Error("x".repeat(100000))');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message.length).toBeLessThan(1100);
  });

  it('refuses results that are not JSON', async () => {
    for (const code of [
      '(function () {})',
      '({ f() {} })',
      'const o = {}; o.self = o; o',
      '10n',
      '[Symbol("s")]',
    ]) {
      expect(errorKind(await runSandboxed(code)), code).toBe('invalid_result');
    }
  });

  it('reports a promise that can never settle instead of hanging', async () => {
    expect(await runSandboxed('new Promise(() => {})')).toMatchObject({
      ok: false,
      error: { kind: 'exception' },
    });
  });

  it('uses the pristine JSON even when the guest replaces it', async () => {
    const r = await runSandboxed('JSON.stringify = () => "{\\"evil\\":1}"; JSON.parse = () => 0; ({ a: 1 })');
    expect(r).toMatchObject({ ok: true, value: { a: 1 } });
  });
});

describe('runSandboxed: resource limits', () => {
  it('stops an infinite loop with a timeout, even one inside try/catch', async () => {
    expect(errorKind(await runSandboxed('while (true) {}', { timeoutMs: 100 }))).toBe('timeout');
    expect(
      errorKind(await runSandboxed('for (;;) { try { while (true) {} } catch (e) {} }', { timeoutMs: 100 })),
    ).toBe('timeout');
  });

  it('stops a loop running inside a getter called during result serialisation', async () => {
    expect(errorKind(await runSandboxed('({ get x() { for (;;) {} } })', { timeoutMs: 100 }))).toBe(
      'timeout',
    );
  });

  it('stops a loop hidden in the getters of a thrown value', async () => {
    expect(errorKind(await runSandboxed('throw { get message() { for (;;) {} } }', { timeoutMs: 100 }))).toBe(
      'timeout',
    );
    expect(await runSandboxed('throw new Proxy({}, { get() { throw 1 } })')).toMatchObject({
      error: { kind: 'exception' },
    });
  });

  it('stops memory bombs at the memory ceiling', async () => {
    const opts = { memoryBytes: 8 * 1024 * 1024, timeoutMs: 5000 };
    expect(
      errorKind(await runSandboxed('const a = []; while (true) a.push(new Array(1000).fill(1))', opts)),
    ).toBe('memory');
    expect(
      errorKind(await runSandboxed('const a = []; while (true) a.push({ x: 1, y: [1, 2, 3] })', opts)),
    ).toBe('memory');
    expect(errorKind(await runSandboxed('let s = "x"; while (true) s += s', opts))).toBe('memory');
    expect(errorKind(await runSandboxed('new Uint8Array(64 * 1024 * 1024).length', opts))).toBe('memory');
  });

  it('a guest that catches out-of-memory still cannot exceed the ceiling', async () => {
    const code =
      'const a = []; try { for (;;) a.push(new Array(1000).fill(1)) } catch (e) { a.length = 0 } a.length';
    const r = await runSandboxed(code, { memoryBytes: 4 * 1024 * 1024, timeoutMs: 5000 });
    // Either it recovered and returned, or it ran out again while recovering; it never took more memory.
    expect(['ok', 'memory']).toContain(errorKind(r));
  });

  it('stops deep recursion with a stack error, and the host keeps working', async () => {
    expect(errorKind(await runSandboxed('function f() { return f() + 1 } f()'))).toBe('stack');
    expect(
      errorKind(await runSandboxed('let d = ""; for (let i = 0; i < 300000; i++) d += "["; JSON.parse(d)')),
    ).toBe('stack');
    expect(await runSandboxed('1 + 1')).toMatchObject({ ok: true, value: 2 });
  });

  it('bounds console output', async () => {
    const r = await runSandboxed('for (let i = 0; ; i++) console.log("spam " + i)', { maxOutputBytes: 1024 });
    expect(errorKind(r)).toBe('output_limit');
    expect(r.logs.join('\n').length).toBeLessThanOrEqual(1024);
    // Empty lines cost their newline, so they cannot pile up without bound either.
    expect(errorKind(await runSandboxed('for (;;) console.log()', { maxOutputBytes: 1024 }))).toBe(
      'output_limit',
    );
    // One huge argument is refused before it is copied to the host.
    expect(errorKind(await runSandboxed('console.log("x".repeat(1e6)); 1', { maxOutputBytes: 1024 }))).toBe(
      'output_limit',
    );
  });

  it('an output overflow cannot be caught by the guest', async () => {
    const code = 'for (let i = 0; i < 1e5; i++) { try { console.log("line " + i) } catch (e) {} } "finished"';
    expect(errorKind(await runSandboxed(code, { maxOutputBytes: 512 }))).toBe('output_limit');
  });

  it('bounds the result, console output included', async () => {
    expect(errorKind(await runSandboxed('"x".repeat(100000)'))).toBe('output_limit');
    const small = { maxOutputBytes: 100 };
    expect(await runSandboxed('"x".repeat(80)', small)).toMatchObject({ ok: true });
    expect(errorKind(await runSandboxed('console.log("y".repeat(40)); "x".repeat(80)', small))).toBe(
      'output_limit',
    );
  });

  it('refuses code over the size cap without running it', async () => {
    const r = await runSandboxed(`${'1;'.repeat(600)}console.log("ran")`, { maxCodeBytes: 1000 });
    expect(r).toMatchObject({ ok: false, error: { kind: 'code_too_large' }, logs: [] });
    // The cap is in UTF-8 bytes, not characters.
    expect(errorKind(await runSandboxed(`"${'é'.repeat(600)}"`, { maxCodeBytes: 1000 }))).toBe(
      'code_too_large',
    );
  });

  it('runs 50 times in a row without growing the host heap without bound', async () => {
    const { setFlagsFromString } = await import('node:v8');
    const { runInNewContext } = await import('node:vm');
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    for (let i = 0; i < 5; i++) await runSandboxed('[1, 2, 3].map((x) => x * 2)');
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 50; i++) {
      const r = await runSandboxed(
        'const a = []; for (let i = 0; i < 1000; i++) a.push({ i }); console.log(a.length); a.length',
      );
      expect(r.ok).toBe(true);
    }
    gc();
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(32 * 1024 * 1024);
  });
});
