import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runSandboxed, type JsonValue } from '../../../src/agent/sandbox/index.js';

describe('runSandboxed: capabilities', () => {
  it('calls a capability with copies of the arguments and copies its result back', async () => {
    const seen: JsonValue[][] = [];
    const shared = { items: ['host'] };
    const r = await runSandboxed(
      `const arg = { v: [1] };
       const got = lookup(arg, "k");
       got.items.push("guest");   // mutating the returned copy
       arg.v.push(2);             // mutating after the call
       [got.items.length, lookup(arg, "k").items.length]`,
      {
        capabilities: {
          lookup: (...args) => {
            seen.push(args);
            (args[0] as { v: number[] }).v.push(99); // the host mutating its copy does not reach the guest either
            return shared;
          },
        },
      },
    );
    expect(r).toMatchObject({ ok: true, value: [2, 1] });
    expect(shared).toEqual({ items: ['host'] });
    expect(seen[0]).toEqual([{ v: [1, 99] }, 'k']);
    expect(seen[1]).toEqual([{ v: [1, 2, 99] }, 'k']);
  });

  it('supports async capabilities, including several in flight', async () => {
    const r = await runSandboxed(
      '(async () => { const [a, b] = await Promise.all([double(2), double(3)]); return a + b + (await double(10)) })()',
      { capabilities: { double: async (n) => ((await Promise.resolve(n)) as number) * 2 } },
    );
    expect(r).toMatchObject({ ok: true, value: 30 });
  });

  it('a throwing capability ends the run with capability_error, even if the guest catches it', async () => {
    const capabilities = {
      boom: () => {
        throw new Error('db password is hunter2');
      },
    };
    const r = await runSandboxed('try { boom() } catch (e) { "swallowed" }', { capabilities });
    expect(r).toMatchObject({ ok: false, error: { kind: 'capability_error' } });
    if (!r.ok) expect(r.error.message).not.toContain('hunter2');
  });

  it('a rejecting async capability ends the run with capability_error', async () => {
    const capabilities = { later: () => Promise.reject(new Error('secret')) };
    const r = await runSandboxed('later().catch(() => "swallowed")', { capabilities });
    expect(r).toMatchObject({
      ok: false,
      error: { kind: 'capability_error', message: 'capability "later" rejected' },
    });
  });

  it('a capability result that is not JSON or too large is a capability_error', async () => {
    const notJson = await runSandboxed('bad()', {
      capabilities: { bad: () => ({ n: 1n }) as unknown as JsonValue },
    });
    expect(notJson).toMatchObject({ ok: false, error: { kind: 'capability_error' } });
    const big = await runSandboxed('big()', {
      capabilities: { big: () => 'x'.repeat(5000) },
      maxTransferBytes: 1000,
    });
    expect(big).toMatchObject({ ok: false, error: { kind: 'capability_error' } });
  });

  it("arguments that are not JSON or too large are the guest's own, catchable error", async () => {
    let calls = 0;
    const capabilities = { f: () => ++calls };
    const r = await runSandboxed(
      `const out = [];
       try { f(() => 1) } catch (e) { out.push(e.name) }
       try { f("x".repeat(5000)) } catch (e) { out.push(e.name) }
       try { const o = {}; o.o = o; f(o) } catch (e) { out.push(e.name) }
       out`,
      { capabilities, maxTransferBytes: 1000 },
    );
    expect(r).toMatchObject({ ok: true, value: ['TypeError', 'RangeError', 'TypeError'] });
    expect(calls).toBe(0);
  });

  it('a slow async capability is bounded by the run timeout', async () => {
    let timer: NodeJS.Timeout | undefined;
    const capabilities = {
      slow: () =>
        new Promise<JsonValue>((resolve) => {
          timer = setTimeout(() => resolve(1), 2000);
        }),
    };
    const r = await runSandboxed('slow()', { capabilities, timeoutMs: 100 });
    expect(r).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    clearTimeout(timer);
  });

  it('a capability settling after the run ended is ignored', async () => {
    let release: (v: JsonValue) => void = () => undefined;
    const capabilities = { hang: () => new Promise<JsonValue>((resolve) => (release = resolve)) };
    const r = await runSandboxed('hang()', { capabilities, timeoutMs: 50 });
    expect(r).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    release('late'); // must not touch the disposed runtime
    await new Promise((resolve) => setImmediate(resolve));
  });

  it('concurrent runs keep their capabilities and state apart', async () => {
    const run = (tag: string) =>
      runSandboxed('globalThis.mine = input; (async () => [await who(), mine, typeof globalThis.other])()', {
        input: tag,
        capabilities: { who: async () => tag },
      });
    const [a, b] = await Promise.all([run('a'), run('b')]);
    expect(a).toMatchObject({ ok: true, value: ['a', 'a', 'undefined'] });
    expect(b).toMatchObject({ ok: true, value: ['b', 'b', 'undefined'] });
  });

  it('round-trips any JSON input unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (value) => {
        const expected = JSON.parse(JSON.stringify(value)) as JsonValue;
        const r = await runSandboxed('input', { input: value as JsonValue, maxOutputBytes: 1024 * 1024 });
        expect(r).toMatchObject({ ok: true, value: expected });
      }),
      { numRuns: 25 },
    );
  });
});
