// rampartMiddleware for the Vercel AI SDK (`ai` 7, LanguageModelV4 middleware; use with wrapLanguageModel).
//
// transformParams checks the prompt (promptSegments: the gateway's trust rules, tool results untrusted) at
// stage 'input': a stop throws RampartBlockedError before the model is called; a redaction writes the
// placeholders into the prompt and keeps the values in a vault for this call. wrapGenerate checks each text
// part of the answer with the gateway's guardAnswer (mask, then restore the vault's placeholders) and each
// tool call with guardToolCalls and, when one is configured, the tool firewall: a stop throws. wrapStream
// runs each text (and reasoning) block through the gateway's stream guard — released only after it was
// scanned, the tail a pattern could still complete held back — and holds each tool call's input parts until
// the complete call passed; a violation ends the stream with finish reason `content-filter` and the decision
// summary in providerMetadata.rampart, and cancels the model's stream. Fail closed throughout: a check that
// throws stops, a bound exceeded stops.
import type { LanguageModelMiddleware } from 'ai';
import type { ToolFirewall } from '../../agent/firewall/create-tool-firewall.js';
import type { Principal } from '../../agent/firewall/types.js';
import { isStopping } from '../../core/actions.js';
import { isRampartError } from '../../core/errors.js';
import type { Decision, Segment } from '../../core/types.js';
import { createGuard, type Guard } from '../../policy/create-guard.js';
import type { Policy } from '../../policy/schema.js';
import { Vault } from '../../policy/vault.js';
import { redactedSegments } from '../../gateway/chat/prepare.js';
import { firewallToolCalls } from '../../gateway/chat/tool-firewall.js';
import type { ToolCall } from '../../gateway/openai-types.js';
import {
  errorSignal,
  failClosedDecision,
  guardAnswer,
  type OutputContext,
} from '../../gateway/output/output-guard.js';
import {
  createStreamGuard,
  type StreamGuard,
  type StreamGuardOptions,
} from '../../gateway/output/stream-guard.js';
import { guardToolCalls } from '../../gateway/output/tool-call-buffer.js';
import { RampartBlockedError, stoppingCategories } from '../blocked.js';
import { promptSegments, redactPrompt, type CallOptions } from './prompt.js';

type GenerateResult = Awaited<ReturnType<NonNullable<LanguageModelMiddleware['wrapGenerate']>>>;
type StreamResult = Awaited<ReturnType<NonNullable<LanguageModelMiddleware['wrapStream']>>>;
type StreamPart = StreamResult['stream'] extends ReadableStream<infer P> ? P : never;
type Content = GenerateResult['content'][number];
type ModelToolCall = Extract<Content, { type: 'tool-call' }>;

export interface RampartMiddlewareOptions {
  /** The guard to check with; or give `policy` (a Policy or a policy file path) and one is made. Default: the default policy. */
  guard?: Guard;
  policy?: Policy | string;
  /** Tool calls the model answers with pass this firewall (schema, Cedar, budgets, taint) before the app runs them. */
  firewall?: ToolFirewall;
  /** The firewall session (budgets and taint span the calls of one agent run). Default: one session per model call. */
  sessionId?: string | ((params: CallOptions) => string);
  /** Who the firewall's Cedar policies see as the principal. Default `{ type: 'User', id: 'anonymous' }`. */
  principal?: Principal;
  /** Bounds of the stream guard (the gateway's defaults). */
  stream?: StreamGuardOptions;
  /** Called with every decision (input, output, tool_call), for logging or an audit trail; never with text. */
  onDecision?: (decision: Decision) => void;
}

/** What transformParams learned about a call, for wrapGenerate/wrapStream of the same call. */
interface CallState {
  vault: Vault;
  segments: Segment[];
  systemPrompts: string[];
  sessionId: string;
}

/** Text and reasoning blocks open at once in one stream; more is a violation (each holds a stream guard). */
const MAX_OPEN_BLOCKS = 64;
/** Characters of tool-input parts held until their call is complete and checked. */
const MAX_HELD_TOOL_INPUT = 256_000;

/** The decision summary put in providerMetadata.rampart of a stream the guard ended (JSON, no text). */
function summary(d: Decision): { stage: string; action: string; categories: string[] } {
  return { stage: d.stage, action: d.action, categories: stoppingCategories(d) };
}

const toGatewayCall = (c: ModelToolCall): ToolCall => ({
  id: c.toolCallId,
  type: 'function',
  function: { name: c.toolName, arguments: c.input },
});

let calls = 0;

export function rampartMiddleware(options: RampartMiddlewareOptions = {}): LanguageModelMiddleware {
  const guard = options.guard ?? createGuard(options.policy);
  const states = new WeakMap<CallOptions, CallState>();
  const principal = options.principal ?? { type: 'User', id: 'anonymous' };
  const report = (d: Decision) => {
    try {
      options.onDecision?.(d);
    } catch {
      // a failing observer must not change the decision
    }
  };

  const stateOf = (params: CallOptions): CallState => {
    const st = states.get(params);
    // Only reachable if another layer replaced the params after our transformParams: fail closed.
    if (!st) throw new RampartBlockedError(failClosedDecision('scanner.error', 'the prompt was not checked'));
    return st;
  };

  const outputContext = (st: CallState): OutputContext => ({
    canaries: [],
    systemPrompts: st.systemPrompts,
    vault: st.vault,
  });

  /** The tool calls' checks: the guard's tool_call scanners, then the firewall. Returns the calls to hand on
   *  (inputs masked and restored) or the decision that stops them, with the tool's name. */
  async function checkCalls(
    st: CallState,
    modelCalls: readonly ModelToolCall[],
  ): Promise<{ inputs: string[] } | { stop: Decision; tool: string }> {
    const gwCalls = modelCalls.map(toGatewayCall);
    const checked = await guardToolCalls(guard, gwCalls, outputContext(st));
    checked.decisions.forEach(report);
    if (checked.violation) return { stop: checked.violation.decision, tool: checked.violation.tool };
    if (options.firewall) {
      const allow: Decision = { action: 'allow', stage: 'tool_call', findings: [], timingsMs: {} };
      let refused: Decision | undefined;
      try {
        refused = await firewallToolCalls(
          options.firewall,
          { sessionId: st.sessionId, requestId: st.sessionId, segments: st.segments, principal },
          checked.calls,
          allow,
        );
      } catch (cause) {
        refused = failClosedDecision('tool.denied.error', 'the tool firewall failed', errorSignal(cause));
        refused.stage = 'tool_call';
      }
      if (refused) {
        report(refused);
        const f = refused.findings.find((x) => x.scanner === 'tool-firewall');
        const tool = /^tool call "([^"]*)"/u.exec(f?.message ?? '')?.[1] ?? '';
        return { stop: refused, tool };
      }
    }
    return { inputs: checked.calls.map((c) => c.function.arguments) };
  }

  return {
    specificationVersion: 'v4',

    async transformParams({ params }) {
      const { segments, origins, systemPrompts } = promptSegments(params.prompt);
      const vault = new Vault();
      let decision: Decision;
      try {
        decision = await guard.check('input', segments, { vault });
      } catch (err) {
        // A RampartError says what is wrong (INPUT_TOO_LARGE, …); anything else fails closed without its text.
        if (isRampartError(err)) throw err;
        const d = failClosedDecision('scanner.error', 'the input check failed', errorSignal(err));
        d.stage = 'input';
        report(d);
        throw new RampartBlockedError(d);
      }
      const redacted = redactedSegments(decision, segments);
      delete decision.text;
      delete decision.segments;
      report(decision);
      if (isStopping(decision.action)) throw new RampartBlockedError(decision);
      const next: CallOptions = redacted
        ? { ...params, prompt: redactPrompt(params.prompt, origins, redacted) }
        : { ...params };
      const sessionId =
        typeof options.sessionId === 'function'
          ? options.sessionId(params)
          : (options.sessionId ?? `ai-sdk-${process.pid}-${++calls}`);
      states.set(next, { vault, segments, systemPrompts, sessionId });
      return next;
    },

    async wrapGenerate({ doGenerate, params }) {
      const st = stateOf(params);
      const result = await doGenerate();
      const ctx = outputContext(st);
      const content: Content[] = [];
      const toolAt: number[] = [];
      for (const part of result.content) {
        if (part.type === 'text' || part.type === 'reasoning') {
          const g = await guardAnswer(guard, part.text, ctx);
          report(g.decision);
          if (g.blocked) throw new RampartBlockedError(g.decision);
          content.push({ ...part, text: g.text });
        } else {
          if (part.type === 'tool-call') toolAt.push(content.length);
          content.push(part);
        }
      }
      if (toolAt.length > 0) {
        const modelCalls = toolAt.map((i) => content[i] as ModelToolCall);
        const v = await checkCalls(st, modelCalls);
        if ('stop' in v) throw new RampartBlockedError(v.stop, { tool: v.tool });
        toolAt.forEach((i, k) => (content[i] = { ...modelCalls[k]!, input: v.inputs[k]! }));
      }
      return { ...result, content };
    },

    async wrapStream({ doStream, params }) {
      const st = stateOf(params);
      const result = await doStream();
      return { ...result, stream: guardStream(result.stream, st) };
    },
  };

  function guardStream(source: ReadableStream<StreamPart>, st: CallState): ReadableStream<StreamPart> {
    const reader = source.getReader();
    const ctx = outputContext(st);
    /** Open text/reasoning blocks: their kind and stream guard, by id. */
    const blocks = new Map<string, { kind: 'text' | 'reasoning'; guard: StreamGuard }>();
    /** Tool-input parts held until their call is checked, by the call's id. */
    const heldInputs = new Map<string, StreamPart[]>();
    let heldChars = 0;
    let done = false;

    const blockKey = (kind: 'text' | 'reasoning', id: string) => `${kind}:${id}`;
    const openBlock = (kind: 'text' | 'reasoning', id: string) => {
      const key = blockKey(kind, id);
      let b = blocks.get(key);
      if (!b) {
        if (blocks.size >= MAX_OPEN_BLOCKS)
          throw failClosedDecision('output.hold_overflow', 'too many open text blocks in one stream');
        b = { kind, guard: createStreamGuard(guard, ctx, options.stream) };
        blocks.set(key, b);
      }
      return b;
    };
    const delta = (kind: 'text' | 'reasoning', id: string, text: string): StreamPart =>
      kind === 'text'
        ? { type: 'text-delta', id, delta: text }
        : { type: 'reasoning-delta', id, delta: text };

    /** The parts to send for one part of the model's stream, or the decision that ends it. */
    async function handle(part: StreamPart): Promise<{ out: StreamPart[]; stop?: Decision }> {
      switch (part.type) {
        case 'text-start':
        case 'reasoning-start':
          openBlock(part.type === 'text-start' ? 'text' : 'reasoning', part.id);
          return { out: [part] };
        case 'text-delta':
        case 'reasoning-delta': {
          const kind = part.type === 'text-delta' ? 'text' : 'reasoning';
          const step = await openBlock(kind, part.id).guard.push(part.delta);
          const out = step.emit ? [{ ...part, delta: step.emit }] : [];
          return { out, stop: step.violation };
        }
        case 'text-end':
        case 'reasoning-end': {
          const kind = part.type === 'text-end' ? 'text' : 'reasoning';
          const key = blockKey(kind, part.id);
          const b = blocks.get(key);
          if (!b) return { out: [part] };
          const tail = await b.guard.end();
          blocks.delete(key);
          report(tail.decision);
          const out = tail.emit ? [delta(kind, part.id, tail.emit)] : [];
          if (tail.violation) return { out, stop: tail.violation };
          out.push(part);
          return { out };
        }
        case 'tool-input-start':
        case 'tool-input-delta':
        case 'tool-input-end': {
          if (part.type === 'tool-input-delta') heldChars += part.delta.length;
          if (heldChars > MAX_HELD_TOOL_INPUT)
            return {
              out: [],
              stop: failClosedDecision('output.hold_overflow', 'tool call input over the hold limit'),
            };
          const held = heldInputs.get(part.id) ?? [];
          held.push(part);
          heldInputs.set(part.id, held);
          return { out: [] };
        }
        case 'tool-call': {
          const v = await checkCalls(st, [part]);
          if ('stop' in v) return { out: [], stop: v.stop };
          const held = heldInputs.get(part.toolCallId) ?? [];
          heldInputs.delete(part.toolCallId);
          for (const h of held) if (h.type === 'tool-input-delta') heldChars -= h.delta.length;
          // The checked input replaces the streamed one: its deltas are sent as one.
          const restored = v.inputs[0]!;
          const out = held.map((h) => (h.type === 'tool-input-delta' ? { ...h, delta: '' } : h));
          const firstDelta = out.findIndex((h) => h.type === 'tool-input-delta');
          if (firstDelta >= 0)
            out[firstDelta] = {
              ...(out[firstDelta] as StreamPart & { type: 'tool-input-delta' }),
              delta: restored,
            };
          return {
            out: [
              ...out.filter((h) => h.type !== 'tool-input-delta' || h.delta !== ''),
              { ...part, input: restored },
            ],
          };
        }
        case 'finish': {
          // Blocks the model never ended: their tails are scanned and sent now. Tool inputs without a call
          // were never checked and are dropped.
          const out: StreamPart[] = [];
          for (const [key, b] of [...blocks]) {
            const id = key.slice(key.indexOf(':') + 1);
            const tail = await b.guard.end();
            blocks.delete(key);
            report(tail.decision);
            if (tail.emit) out.push(delta(b.kind, id, tail.emit));
            if (tail.violation) return { out, stop: tail.violation };
          }
          heldInputs.clear();
          out.push(part);
          return { out };
        }
        default:
          return { out: [part] };
      }
    }

    /** The end of a stream the guard stopped: open blocks closed, then finish `content-filter`. */
    function stopParts(d: Decision): StreamPart[] {
      report(d);
      const out: StreamPart[] = [];
      for (const [key, b] of blocks) {
        const id = key.slice(key.indexOf(':') + 1);
        out.push(b.kind === 'text' ? { type: 'text-end', id } : { type: 'reasoning-end', id });
      }
      blocks.clear();
      heldInputs.clear();
      out.push({
        type: 'finish',
        finishReason: { unified: 'content-filter', raw: 'rampart' },
        usage: {
          inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
          outputTokens: { total: undefined, text: undefined, reasoning: undefined },
        },
        providerMetadata: { rampart: summary(d) },
      });
      return out;
    }

    return new ReadableStream<StreamPart>({
      async pull(controller) {
        while (!done) {
          const r = await reader.read();
          if (r.done) {
            // A stream without a finish part: what is still held is scanned as at a finish.
            done = true;
            const end = await handle({
              type: 'finish',
              finishReason: { unified: 'other', raw: undefined },
              usage: {
                inputTokens: {
                  total: undefined,
                  noCache: undefined,
                  cacheRead: undefined,
                  cacheWrite: undefined,
                },
                outputTokens: { total: undefined, text: undefined, reasoning: undefined },
              },
            }).catch((e: unknown) => ({ out: [], stop: asDecision(e) }));
            const parts = end.stop ? [...end.out, ...stopParts(end.stop)] : end.out.slice(0, -1);
            for (const p of parts) controller.enqueue(p);
            controller.close();
            return;
          }
          let step: { out: StreamPart[]; stop?: Decision };
          try {
            step = await handle(r.value);
          } catch (e) {
            step = { out: [], stop: asDecision(e) };
          }
          for (const p of step.out) controller.enqueue(p);
          if (step.stop) {
            done = true;
            for (const p of stopParts(step.stop)) controller.enqueue(p);
            controller.close();
            await reader.cancel().catch(() => undefined);
            return;
          }
          if (step.out.length > 0) return;
        }
      },
      async cancel(reason) {
        done = true;
        await reader.cancel(reason);
      },
    });
  }
}

/** A thrown decision (a bound) as it is; anything else a fail-closed block without its message. */
function asDecision(e: unknown): Decision {
  if (e && typeof e === 'object' && 'stage' in e && 'findings' in e) return e as Decision;
  return failClosedDecision('scanner.error', 'the stream check failed', errorSignal(e));
}
