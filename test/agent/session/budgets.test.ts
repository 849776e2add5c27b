import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveBudgets, SessionBudget, type BudgetOptions } from '../../../src/agent/session/budgets.js';

const budget = (o: BudgetOptions = {}) => new SessionBudget(resolveBudgets(o));

describe('resolveBudgets', () => {
  it('has the documented defaults', () => {
    expect(resolveBudgets()).toEqual({
      maxCallsPerSession: 200,
      maxCallsPerTool: undefined,
      loopRepeats: 3,
      loopWindow: 20,
      loopMaxInWindow: 5,
    });
    expect(resolveBudgets({ loopWindow: 3, loopMaxInWindow: 10 }).loopMaxInWindow).toBe(3);
  });

  it('refuses values that would switch a limit off or make no sense, with CONFIG_INVALID', () => {
    for (const bad of [
      { maxCallsPerSession: 0 },
      { maxCallsPerSession: 1.5 },
      { maxCallsPerSession: Infinity },
      { loopRepeats: 1 },
      { loopWindow: 1 },
      { loopMaxInWindow: 1 },
      { maxCallsPerTool: 0 },
      { maxCallsPerTool: { send: -1 } },
      { maxCallsPerTool: { send: NaN } },
    ] as BudgetOptions[])
      expect(() => resolveBudgets(bad), JSON.stringify(bad)).toThrow(
        expect.objectContaining({ code: 'CONFIG_INVALID' }),
      );
    expect(resolveBudgets({ maxCallsPerTool: { send: 0 } }).maxCallsPerTool).toEqual({ send: 0 });
  });
});

describe('SessionBudget', () => {
  it('denies the call past the session budget, and keeps denying (denied calls count)', () => {
    const b = budget({ maxCallsPerSession: 3 });
    expect(['a', 'b', 'c'].map((f) => b.record('t', f).ok)).toEqual([true, true, true]);
    expect(b.record('t', 'd')).toEqual({
      ok: false,
      kind: 'budget',
      detail: 'session call budget exhausted (3 calls)',
    });
    expect(b.record('u', 'e').ok).toBe(false);
    expect(b.totalCalls).toBe(5);
  });

  it('applies per-tool budgets, for every tool or by name (0 forbids a tool)', () => {
    const every = budget({ maxCallsPerTool: 2 });
    expect([1, 2, 3].map((i) => every.record('read', `r${i}`).ok)).toEqual([true, true, false]);
    expect(every.record('write', 'w1').ok).toBe(true);
    const named = budget({ maxCallsPerTool: { send: 0 } });
    expect(named.record('send', 's')).toEqual({
      ok: false,
      kind: 'budget',
      detail: "call budget for tool 'send' exhausted (0 calls)",
    });
    expect(named.record('read', 'r').ok).toBe(true);
    expect(named.callsOf('send')).toBe(1);
  });

  it('denies the Nth identical call in a row, and an identical call that fills the window', () => {
    const row = budget();
    expect([1, 2, 3].map(() => row.record('t', 'same'))).toEqual([
      { ok: true },
      { ok: true },
      { ok: false, kind: 'loop', detail: "loop: 't' called 3 times in a row with the same arguments" },
    ]);
    // Alternating calls never repeat in a row, but one of them is 5 of the last 20.
    const alt = budget();
    const verdicts = Array.from({ length: 9 }, (_, i) => alt.record('t', i % 2 === 0 ? 'x' : `y${i}`));
    expect(verdicts.slice(0, 8).every((v) => v.ok)).toBe(true);
    expect(verdicts[8]).toEqual({
      ok: false,
      kind: 'loop',
      detail: "loop: 't' called 5 times with the same arguments in the last 20 calls",
    });
  });

  it('agrees with a model that keeps the whole history (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          maxCallsPerSession: fc.integer({ min: 1, max: 30 }),
          loopRepeats: fc.integer({ min: 2, max: 5 }),
          loopWindow: fc.integer({ min: 2, max: 8 }),
          loopMaxInWindow: fc.integer({ min: 2, max: 8 }),
        }),
        fc.array(fc.tuple(fc.constantFrom('a', 'b'), fc.constantFrom('f1', 'f2', 'f3')), { maxLength: 40 }),
        (opts, calls) => {
          const b = budget(opts);
          const maxInWindow = Math.min(opts.loopMaxInWindow, opts.loopWindow);
          const history: string[] = [];
          for (const [tool, fp] of calls) {
            history.push(fp);
            let inARow = 0;
            for (let i = history.length - 1; i >= 0 && history[i] === fp; i--) inARow++;
            const inWindow = history.slice(-opts.loopWindow).filter((f) => f === fp).length;
            const want =
              history.length > opts.maxCallsPerSession
                ? 'budget'
                : inARow >= opts.loopRepeats || inWindow >= maxInWindow
                  ? 'loop'
                  : 'ok';
            const got = b.record(tool, fp);
            expect(got.ok ? 'ok' : got.kind).toBe(want);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
