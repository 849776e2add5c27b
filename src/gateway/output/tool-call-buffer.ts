// Tool calls in a streamed answer arrive as fragments (id and name first, then pieces of the JSON
// arguments), keyed by `index`. A fragment of arguments means nothing to a scanner, and a tool call
// forwarded before it was checked cannot be called back, so the gateway buffers every call, checks the
// complete arguments at stage 'tool_call', and only then sends the calls. The buffer is bounded: a model
// (or a hostile upstream) cannot make the gateway hold unbounded argument text.
import { isStopping } from '../../core/actions.js';
import { RampartError } from '../../core/errors.js';
import type { Decision } from '../../core/types.js';
import type { Guard } from '../../policy/create-guard.js';
import type { ToolCall, ToolCallDelta } from '../openai-types.js';
import {
  applyMasks,
  errorSignal,
  failClosedDecision,
  redactCuts,
  type OutputContext,
} from './output-guard.js';

export interface ToolCallBufferOptions {
  /** Characters of arguments per call. Default 256 KiB. */
  maxArgumentChars?: number;
  /** Calls per answer. Default 128. */
  maxCalls?: number;
}

export interface ToolCallBuffer {
  /** Adds the tool-call fragments of one chunk; throws UPSTREAM_BAD_RESPONSE past a bound or on a bad index. */
  add(deltas: readonly ToolCallDelta[] | undefined): void;
  /** The complete calls, in index order. */
  calls(): ToolCall[];
  readonly size: number;
}

const DEFAULT_MAX_ARGUMENT_CHARS = 256 * 1024;
const DEFAULT_MAX_CALLS = 128;
const MAX_NAME_CHARS = 256;
const MAX_ID_CHARS = 256;

interface Pending {
  id: string;
  name: string;
  args: string[];
  argChars: number;
}

export function createToolCallBuffer(opts: ToolCallBufferOptions = {}): ToolCallBuffer {
  const maxArgs = opts.maxArgumentChars ?? DEFAULT_MAX_ARGUMENT_CHARS;
  const maxCalls = opts.maxCalls ?? DEFAULT_MAX_CALLS;
  const byIndex = new Map<number, Pending>();
  const bad = (message: string): RampartError => new RampartError('UPSTREAM_BAD_RESPONSE', message);

  return {
    get size() {
      return byIndex.size;
    },
    add(deltas) {
      if (!deltas) return;
      if (!Array.isArray(deltas)) throw bad('tool_calls in a stream chunk is not an array');
      for (const d of deltas) {
        const index = (d as { index?: unknown })?.index;
        if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= maxCalls)
          throw bad(`tool call index must be an integer from 0 to ${maxCalls - 1}`);
        let call = byIndex.get(index);
        if (!call) {
          call = { id: '', name: '', args: [], argChars: 0 };
          byIndex.set(index, call);
        }
        if (typeof d.id === 'string' && call.id === '') {
          if (d.id.length > MAX_ID_CHARS) throw bad(`tool call id exceeds ${MAX_ID_CHARS} characters`);
          call.id = d.id;
        }
        const fn = d.function;
        // Providers send the name once, in the first fragment; a later repeat must not be appended.
        if (typeof fn?.name === 'string' && call.name === '') {
          if (fn.name.length > MAX_NAME_CHARS) throw bad(`tool name exceeds ${MAX_NAME_CHARS} characters`);
          call.name = fn.name;
        }
        if (typeof fn?.arguments === 'string' && fn.arguments.length > 0) {
          call.argChars += fn.arguments.length;
          if (call.argChars > maxArgs) throw bad(`tool call arguments exceed ${maxArgs} characters`);
          call.args.push(fn.arguments);
        }
      }
    },
    calls() {
      return [...byIndex.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([index, c]) => ({
          // A call without an id cannot be answered by a tool message; give it a stable one.
          id: c.id || `call_${index}`,
          type: 'function' as const,
          function: { name: c.name, arguments: c.args.join('') },
        }));
    },
  };
}

export interface ToolCallViolation {
  /** The tool's name as the model wrote it (an identifier, not argument text). */
  tool: string;
  index: number;
  decision: Decision;
}

export interface GuardedToolCalls {
  /** The calls to send: arguments masked where the policy redacts, vault placeholders restored. */
  calls: ToolCall[];
  /** One decision per call, for the audit log. */
  decisions: Decision[];
  violation?: ToolCallViolation;
}

function parses(json: string): boolean {
  try {
    JSON.parse(json);
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks each call's arguments at stage 'tool_call'. A blocking decision (or a check that throws) is a
 * violation naming the tool; a redaction that would break the arguments' JSON is a violation too, since a
 * tool called with mangled arguments is worse than no call.
 */
export async function guardToolCalls(
  guard: Guard,
  calls: readonly ToolCall[],
  ctx: OutputContext,
): Promise<GuardedToolCalls> {
  const out: ToolCall[] = [];
  const decisions: Decision[] = [];
  for (let index = 0; index < calls.length; index++) {
    const call = calls[index]!;
    const tool = call.function.name;
    const args = call.function.arguments;
    let d: Decision;
    try {
      d = await guard.check('tool_call', args, { canaries: ctx.canaries, systemPrompts: ctx.systemPrompts });
      delete d.text;
      delete d.segments;
    } catch (cause) {
      d = failClosedDecision('scanner.error', `the check of tool call "${tool}" failed`, errorSignal(cause));
      d.stage = 'tool_call';
    }
    decisions.push(d);
    if (isStopping(d.action)) return { calls: out, decisions, violation: { tool, index, decision: d } };
    const masked = applyMasks(args, redactCuts(d.findings));
    if (masked !== args && parses(args) && !parses(masked)) {
      const v = failClosedDecision(
        'tool_call.redaction_breaks_arguments',
        `redacting the arguments of "${tool}" would break their JSON`,
      );
      v.stage = 'tool_call';
      decisions.push(v);
      return { calls: out, decisions, violation: { tool, index, decision: v } };
    }
    // A restored value with a quote or backslash could break the JSON string it lands in: then the
    // placeholders stay (the tool sees what the model saw).
    let restored = ctx.vault ? guard.restore(masked, ctx.vault) : masked;
    if (restored !== masked && parses(masked) && !parses(restored)) restored = masked;
    out.push({ ...call, function: { ...call.function, arguments: restored } });
  }
  return { calls: out, decisions };
}
