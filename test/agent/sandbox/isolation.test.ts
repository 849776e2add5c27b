import { describe, expect, it } from 'vitest';
import { runSandboxed } from '../../../src/agent/sandbox/index.js';

// The guest must never reach a host object: these are the classic escapes from JS sandboxes built on
// the host's own realm (vm, new Function, proxies). Under QuickJS they only ever reach the guest's realm.
describe('runSandboxed: no ambient authority', () => {
  it('exposes no host globals', async () => {
    const names = [
      'process',
      'require',
      'module',
      'exports',
      'Buffer',
      'setTimeout',
      'setInterval',
      'setImmediate',
      'queueMicrotask',
      'fetch',
      'XMLHttpRequest',
      'WebSocket',
      'WebAssembly',
      'std',
      'os',
      'importScripts',
      'Deno',
      'Bun',
      '__dirname',
    ];
    const r = await runSandboxed(
      `${JSON.stringify(names)}.filter((n) => typeof globalThis[n] !== 'undefined')`,
    );
    expect(r).toMatchObject({ ok: true, value: [] });
  });

  it('the constructor chain reaches only the guest realm', async () => {
    const r = await runSandboxed('this.constructor.constructor("return process")()');
    expect(r).toMatchObject({ ok: false, error: { kind: 'exception' } });
    if (!r.ok) expect(r.error.message).toMatch(/ReferenceError: 'process' is not defined/);

    const g = await runSandboxed(
      'const g = Function("return globalThis")(); [g === globalThis, typeof g.process, Object.getOwnPropertyNames(g).includes("process")]',
    );
    expect(g).toMatchObject({ ok: true, value: [true, 'undefined', false] });
  });

  it('cannot load modules, statically or dynamically', async () => {
    const dyn = await runSandboxed('import("fs")');
    expect(dyn).toMatchObject({ ok: false, error: { kind: 'exception' } });
    if (!dyn.ok) expect(dyn.error.message).toMatch(/could not load module/);
    const req = await runSandboxed('require("fs")');
    expect(req).toMatchObject({
      ok: false,
      error: { kind: 'exception', message: "ReferenceError: 'require' is not defined" },
    });
  });

  it('console functions are host functions that hand out nothing', async () => {
    const r = await runSandboxed(
      '[console.log.constructor("return typeof process")(), console.log("x"), Object.keys(console).sort()]',
    );
    expect(r).toMatchObject({
      ok: true,
      value: ['undefined', null, ['debug', 'error', 'info', 'log', 'warn']],
    });
  });

  it('prototype pollution stays in its own run', async () => {
    const polluted = await runSandboxed(
      'Object.prototype.polluted = 1; Array.prototype.evil = () => 1; JSON.__proto__.x = 1; ({}).polluted',
    );
    expect(polluted).toMatchObject({ ok: true, value: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(([] as unknown as Record<string, unknown>).evil).toBeUndefined();

    const next = await runSandboxed('[typeof ({}).polluted, typeof [].evil]');
    expect(next).toMatchObject({ ok: true, value: ['undefined', 'undefined'] });
  });

  it('a __proto__ key in the input is plain data on both sides', async () => {
    const input = JSON.parse('{"__proto__": {"polluted": 1}, "a": 1}') as Record<string, never>;
    const r = await runSandboxed(
      '[({}).polluted, input.polluted, Object.keys(input), Object.getPrototypeOf(input) === Object.prototype, input]',
      { input },
    );
    expect(r.ok).toBe(true);
    if (r.ok) {
      const [fresh, onInput, keys, protoKept, echoed] = r.value as [
        unknown,
        unknown,
        string[],
        boolean,
        object,
      ];
      expect([fresh, onInput, keys, protoKept]).toEqual([null, null, ['__proto__', 'a'], true]);
      expect(Object.getPrototypeOf(echoed)).toBe(Object.prototype); // the echoed copy did not re-prototype on the host
      expect(Object.keys(echoed)).toEqual(['__proto__', 'a']);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a result with a __proto__ key does not pollute the host', async () => {
    const r = await runSandboxed('JSON.parse(\'{"__proto__": {"polluted": 1}}\')');
    expect(r.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('the input is a copy: guest mutation never reaches the host value', async () => {
    const input = { list: [1, 2] };
    const r = await runSandboxed('input.list.push(3); input.extra = true; input.list.length', { input });
    expect(r).toMatchObject({ ok: true, value: 3 });
    expect(input).toEqual({ list: [1, 2] });
  });
});
