// Per-session call budgets and loop detection (OWASP LLM06/LLM10): an agent that an injection has captured, or
// that is simply stuck, shows up as too many calls or the same call again and again. We keep counters and a
// short window of call fingerprints (tool + canonical arguments, hashed), never the arguments themselves.
import { RampartError } from '../../core/errors.js';

export interface BudgetOptions {
  /** Most tool calls in one session. Default 200. */
  maxCallsPerSession?: number;
  /** Most calls of any one tool in a session (a number for every tool, or per tool name). Default: no per-tool limit. */
  maxCallsPerTool?: number | Record<string, number>;
  /** Deny the Nth identical call (same tool, same canonical args) in a row. Default 3. */
  loopRepeats?: number;
  /** Also deny when one identical call makes up `loopMaxInWindow` of the last `loopWindow` calls. Defaults 20 / 5. */
  loopWindow?: number;
  loopMaxInWindow?: number;
}

export type BudgetVerdict = { ok: true } | { ok: false; kind: 'budget' | 'loop'; detail: string };

interface Resolved {
  maxCallsPerSession: number;
  maxCallsPerTool: number | Record<string, number> | undefined;
  loopRepeats: number;
  loopWindow: number;
  loopMaxInWindow: number;
}

function int(name: string, v: number | undefined, dflt: number, min: number): number {
  if (v === undefined) return dflt;
  if (!Number.isSafeInteger(v) || v < min)
    throw new RampartError('CONFIG_INVALID', `budgets: ${name} must be an integer >= ${min}`);
  return v;
}

export function resolveBudgets(o: BudgetOptions = {}): Resolved {
  const perTool = o.maxCallsPerTool;
  if (typeof perTool === 'number') int('maxCallsPerTool', perTool, 0, 1);
  else if (perTool) for (const [t, n] of Object.entries(perTool)) int(`maxCallsPerTool.${t}`, n, 0, 0);
  const loopWindow = int('loopWindow', o.loopWindow, 20, 2);
  return {
    maxCallsPerSession: int('maxCallsPerSession', o.maxCallsPerSession, 200, 1),
    maxCallsPerTool: perTool,
    loopRepeats: int('loopRepeats', o.loopRepeats, 3, 2),
    loopWindow,
    loopMaxInWindow: Math.min(int('loopMaxInWindow', o.loopMaxInWindow, 5, 2), loopWindow),
  };
}

/** Counters of one session. `record` counts the call and says whether it is within budget. */
export class SessionBudget {
  private calls = 0;
  private readonly perTool = new Map<string, number>();
  private readonly recent: string[] = [];

  constructor(private readonly limits: Resolved) {}

  get totalCalls(): number {
    return this.calls;
  }

  callsOf(tool: string): number {
    return this.perTool.get(tool) ?? 0;
  }

  /**
   * Counts a call (denied calls count too: retrying a refused call is exactly what a stuck or captured agent does)
   * and returns the first limit it breaks.
   */
  record(tool: string, fingerprint: string): BudgetVerdict {
    this.calls++;
    const toolCalls = this.callsOf(tool) + 1;
    this.perTool.set(tool, toolCalls);
    let inARow = 1;
    for (let i = this.recent.length - 1; i >= 0 && this.recent[i] === fingerprint; i--) inARow++;
    let inWindow = 1;
    for (
      let i = Math.max(0, this.recent.length - (this.limits.loopWindow - 1));
      i < this.recent.length;
      i++
    ) {
      if (this.recent[i] === fingerprint) inWindow++;
    }
    this.recent.push(fingerprint);
    if (this.recent.length > this.limits.loopWindow) this.recent.shift();

    const { maxCallsPerSession: maxS, maxCallsPerTool: per } = this.limits;
    if (this.calls > maxS)
      return { ok: false, kind: 'budget', detail: `session call budget exhausted (${maxS} calls)` };
    const maxT = typeof per === 'number' ? per : per?.[tool];
    if (maxT !== undefined && toolCalls > maxT) {
      return {
        ok: false,
        kind: 'budget',
        detail: `call budget for tool '${tool}' exhausted (${maxT} calls)`,
      };
    }
    if (inARow >= this.limits.loopRepeats) {
      return {
        ok: false,
        kind: 'loop',
        detail: `loop: '${tool}' called ${inARow} times in a row with the same arguments`,
      };
    }
    if (inWindow >= this.limits.loopMaxInWindow) {
      return {
        ok: false,
        kind: 'loop',
        detail: `loop: '${tool}' called ${inWindow} times with the same arguments in the last ${this.limits.loopWindow} calls`,
      };
    }
    return { ok: true };
  }
}
