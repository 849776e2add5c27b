// rampart/langchain: guard Runnables for LangChain.js (@langchain/core 1, an optional peer dependency).
//
// rampartGuard({ stage }) is a RunnableLambda that checks what flows through it and hands it on unchanged —
// the same objects, metadata included — or, when the policy redacts, shallow copies with only the text
// replaced (ids, metadata, additional_kwargs, tool_call_id kept). Put it before the model (`input`: a
// string, messages, a prompt value or `{ messages }`, labelled with the gateway's trust rules: system
// trusted, human/ai user text, tool results untrusted), after retrievers (`retrieval`: Documents, untrusted)
// and after tools (`tool_result`: ToolMessages or strings, untrusted), or after the model (`output`: the
// AIMessage's text and its tool calls, which also pass the tool firewall when one is configured).
// withRampart(model) wraps a model with both ends sharing one vault per call, so the values redacted
// on the way in are restored in the answer. A stop throws RampartBlockedError; each decision is
// dispatched on the run's trace as the custom event `rampart_decision` (no text), which
// RampartCallbackHandler collects.
import { dispatchCustomEvent } from '@langchain/core/callbacks/dispatch';
import type { Document } from '@langchain/core/documents';
import { isBaseMessage, type BaseMessage } from '@langchain/core/messages';
import { RunnableLambda, type Runnable, type RunnableConfig } from '@langchain/core/runnables';
import type { ToolFirewall } from '../../agent/firewall/create-tool-firewall.js';
import type { Principal } from '../../agent/firewall/types.js';
import { isStopping } from '../../core/actions.js';
import { isRampartError } from '../../core/errors.js';
import type { Decision, Segment, Stage, Trust } from '../../core/types.js';
import { createGuard, type Guard } from '../../policy/create-guard.js';
import type { Policy } from '../../policy/schema.js';
import { Vault } from '../../policy/vault.js';
import { redactedSegments } from '../../gateway/chat/prepare.js';
import { firewallToolCalls } from '../../gateway/chat/tool-firewall.js';
import type { ToolCall } from '../../gateway/openai-types.js';
import { errorSignal, failClosedDecision, guardAnswer } from '../../gateway/output/output-guard.js';
import { guardToolCalls } from '../../gateway/output/tool-call-buffer.js';
import { RampartBlockedError, stoppingCategories } from '../blocked.js';

/** The custom event each decision is dispatched as, on the run that made it. */
export const DECISION_EVENT = 'rampart_decision';

/** What goes on the trace for one decision: never the checked text. */
export interface DecisionEvent {
  stage: Stage;
  action: Decision['action'];
  categories: string[];
  findings: number;
}

export interface RampartGuardOptions {
  /** The guard to check with; or give `policy` (a Policy or a policy file path). Default: the default policy. */
  guard?: Guard;
  policy?: Policy | string;
  /** What the runnable guards (default `input`). */
  stage?: 'input' | 'retrieval' | 'tool_result' | 'output';
  /** Tool calls in the model's answer (stage `output`) pass this firewall before the app runs them. */
  firewall?: ToolFirewall;
  /** The firewall session; default the run's `configurable.thread_id`, else one per call. */
  sessionId?: string;
  principal?: Principal;
  /** Called with every decision (no text), beside the trace event. */
  onDecision?: (decision: Decision) => void;
}

const MESSAGE_TRUST: Record<string, Trust> = {
  system: 'system',
  developer: 'system',
  human: 'user',
  ai: 'user',
  generic: 'user',
  tool: 'untrusted',
  function: 'untrusted',
};

/** One text of a message or document, and how to write a replacement back. */
interface Piece {
  segment: Segment;
  /** Index of the item in the list handed in. */
  item: number;
  /** Index of the content block, for a message whose content is an array. */
  block?: number;
}

type Items =
  | { kind: 'string'; value: string }
  | { kind: 'messages'; value: BaseMessage[] }
  | { kind: 'documents'; value: Document[] };

const isDocument = (x: unknown): x is Document =>
  x !== null && typeof x === 'object' && typeof (x as Document).pageContent === 'string' && !isBaseMessage(x);

function textBlocks(m: BaseMessage): Array<{ text: string; block?: number }> {
  if (typeof m.content === 'string') return [{ text: m.content }];
  const out: Array<{ text: string; block?: number }> = [];
  (m.content as unknown[]).forEach((b, block) => {
    const t = (b as { type?: unknown; text?: unknown }) ?? {};
    if (t.type === 'text' && typeof t.text === 'string') out.push({ text: t.text, block });
  });
  return out;
}

function pieces(items: Items, stage: RampartGuardOptions['stage']): Piece[] {
  const untrustedData = stage === 'retrieval' || stage === 'tool_result';
  const out: Piece[] = [];
  const add = (text: string, trust: Trust, role: string, source: string, item: number, block?: number) => {
    if (text.length > 0) out.push({ segment: { text, trust, role, source }, item, block });
  };
  if (items.kind === 'string')
    add(items.value, untrustedData ? 'untrusted' : 'user', 'user', stage ?? 'input', 0);
  else if (items.kind === 'documents')
    items.value.forEach((d, i) => {
      const src = typeof d.metadata?.source === 'string' ? d.metadata.source.slice(0, 200) : 'document';
      add(d.pageContent, 'untrusted', 'document', src, i);
    });
  else
    items.value.forEach((m, i) => {
      const type = m.getType();
      const trust = untrustedData ? 'untrusted' : (MESSAGE_TRUST[type] ?? 'user');
      for (const { text, block } of textBlocks(m)) add(text, trust, type, type, i, block);
    });
  return out;
}

/** A shallow copy of a message or document with one text replaced: everything else (metadata) is kept. */
function withText<T extends object>(x: T, text: string, block: number | undefined): T {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(x) as object) as T, x);
  if (isBaseMessage(x)) {
    const m = copy as unknown as BaseMessage;
    const content =
      block === undefined
        ? text
        : (x.content as unknown[]).map((b, k) => (k === block ? { ...(b as object), text } : b));
    m.content = content as BaseMessage['content'];
    const kw = (x as unknown as { lc_kwargs?: Record<string, unknown> }).lc_kwargs;
    if (kw) (m as unknown as { lc_kwargs: Record<string, unknown> }).lc_kwargs = { ...kw, content };
  } else (copy as unknown as Document).pageContent = text;
  return copy;
}

function writeBack(items: Items, ps: readonly Piece[], redacted: readonly Segment[]): Items {
  if (items.kind === 'string') return { kind: 'string', value: redacted[0]?.text ?? items.value };
  const value = [...items.value] as Array<BaseMessage | Document>;
  redacted.forEach((seg, k) => {
    const p = ps[k];
    if (p && seg.text !== p.segment.text) value[p.item] = withText(value[p.item]!, seg.text, p.block);
  });
  return { ...items, value } as Items;
}

/** The input in the shapes a chain hands a guard; `rebuild` puts checked items back in the same shape. */
function unpack(input: unknown): { items: Items; rebuild: (items: Items) => unknown } | undefined {
  if (typeof input === 'string') return { items: { kind: 'string', value: input }, rebuild: (i) => i.value };
  if (isBaseMessage(input))
    return { items: { kind: 'messages', value: [input] }, rebuild: (i) => (i.value as BaseMessage[])[0] };
  if (Array.isArray(input)) {
    if (input.every(isBaseMessage))
      return { items: { kind: 'messages', value: input }, rebuild: (i) => i.value };
    if (input.every(isDocument))
      return { items: { kind: 'documents', value: input }, rebuild: (i) => i.value };
    return undefined;
  }
  if (input && typeof input === 'object') {
    const pv = input as { toChatMessages?: () => BaseMessage[]; messages?: unknown };
    if (Array.isArray(pv.messages) && pv.messages.every(isBaseMessage)) {
      const messages = pv.messages;
      return {
        items: { kind: 'messages', value: messages },
        rebuild: (i) =>
          i.value === messages
            ? input
            : Object.assign(Object.create(Object.getPrototypeOf(input) as object) as object, input, {
                messages: i.value,
              }),
      };
    }
    if (typeof pv.toChatMessages === 'function') {
      const messages = pv.toChatMessages();
      return {
        items: { kind: 'messages', value: messages },
        rebuild: (i) => (i.value === messages ? input : i.value),
      };
    }
  }
  return undefined;
}

/** The state one guarded call keeps between its input and output checks. */
interface CallState {
  vault: Vault;
  segments: Segment[];
  systemPrompts: string[];
}

interface Checker {
  guard: Guard;
  options: RampartGuardOptions;
  report(d: Decision, config: RunnableConfig | undefined): Promise<void>;
}

function checker(options: RampartGuardOptions): Checker {
  const guard = options.guard ?? createGuard(options.policy);
  return {
    guard,
    options,
    async report(d, config) {
      try {
        options.onDecision?.(d);
      } catch {
        // an observer's failure does not change the decision
      }
      const event: DecisionEvent = {
        stage: d.stage,
        action: d.action,
        categories: isStopping(d.action)
          ? stoppingCategories(d)
          : [...new Set(d.findings.map((f) => f.category))],
        findings: d.findings.length,
      };
      // Outside a run (no parent run id) there is no trace to record on.
      await dispatchCustomEvent(DECISION_EVENT, event, config).catch(() => undefined);
    },
  };
}

/** Input-side check (input, retrieval, tool_result): returns the input, redacted where the policy says. */
async function checkIn(
  c: Checker,
  input: unknown,
  stage: 'input' | 'retrieval' | 'tool_result',
  config: RunnableConfig | undefined,
  state?: CallState,
): Promise<unknown> {
  const u = unpack(input);
  if (!u) {
    const d = failClosedDecision('input.unsupported', 'the guard cannot read this input');
    d.stage = stage;
    await c.report(d, config);
    throw new RampartBlockedError(d);
  }
  const ps = pieces(u.items, stage);
  const segments = ps.map((p) => p.segment);
  const vault = state?.vault ?? new Vault();
  let decision: Decision;
  try {
    decision = await c.guard.check(stage, segments, { vault });
  } catch (err) {
    if (isRampartError(err)) throw err;
    decision = failClosedDecision('scanner.error', 'the check failed', errorSignal(err));
    decision.stage = stage;
  }
  const redacted = redactedSegments(decision, segments);
  delete decision.text;
  delete decision.segments;
  await c.report(decision, config);
  if (isStopping(decision.action)) throw new RampartBlockedError(decision);
  if (state) {
    state.segments.push(...segments);
    state.systemPrompts.push(...segments.filter((s) => s.trust === 'system').map((s) => s.text));
  }
  return redacted ? u.rebuild(writeBack(u.items, ps, redacted)) : input;
}

interface LcToolCall {
  id?: string;
  name: string;
  args: Record<string, unknown>;
}

/** Output-side check of a model's answer (an AIMessage or a string): text masked and restored, tool calls
 *  checked by the guard and the firewall. Returns the answer, copied only where something changed. */
async function checkOut(
  c: Checker,
  output: unknown,
  config: RunnableConfig | undefined,
  state: CallState | undefined,
): Promise<unknown> {
  const ctx = { canaries: [], systemPrompts: state?.systemPrompts ?? [], vault: state?.vault };
  const answerText = async (text: string): Promise<string> => {
    const g = await guardAnswer(c.guard, text, ctx);
    await c.report(g.decision, config);
    if (g.blocked) throw new RampartBlockedError(g.decision);
    return g.text;
  };
  if (typeof output === 'string') return answerText(output);
  if (!isBaseMessage(output)) {
    const d = failClosedDecision('output.unsupported', 'the guard cannot read this output');
    await c.report(d, config);
    throw new RampartBlockedError(d);
  }
  let out: BaseMessage = output;
  for (const { text, block } of textBlocks(output)) {
    const checked = await answerText(text);
    if (checked !== text) out = withText(out, checked, block);
  }
  const calls = ((output as { tool_calls?: LcToolCall[] }).tool_calls ?? []) as LcToolCall[];
  if (calls.length === 0) return out;
  const gw: ToolCall[] = calls.map((t, i) => ({
    id: t.id ?? `call_${i}`,
    type: 'function',
    function: { name: t.name, arguments: JSON.stringify(t.args ?? {}) },
  }));
  const checked = await guardToolCalls(c.guard, gw, ctx);
  for (const d of checked.decisions) await c.report(d, config);
  if (checked.violation)
    throw new RampartBlockedError(checked.violation.decision, { tool: checked.violation.tool });
  const { firewall } = c.options;
  if (firewall) {
    const allow: Decision = { action: 'allow', stage: 'tool_call', findings: [], timingsMs: {} };
    const sessionId =
      c.options.sessionId ??
      (typeof config?.configurable?.thread_id === 'string' ? config.configurable.thread_id : undefined) ??
      config?.runId ??
      'langchain';
    const refused = await firewallToolCalls(
      firewall,
      {
        sessionId,
        requestId: sessionId,
        segments: state?.segments ?? [],
        principal: c.options.principal ?? { type: 'User', id: 'anonymous' },
      },
      checked.calls,
      allow,
    );
    if (refused) {
      await c.report(refused, config);
      const f = refused.findings.find((x) => x.scanner === 'tool-firewall');
      throw new RampartBlockedError(refused, {
        tool: /^tool call "([^"]*)"/u.exec(f?.message ?? '')?.[1] ?? '',
      });
    }
  }
  const restored = checked.calls.map((call, i) => ({
    ...calls[i]!,
    args: JSON.parse(call.function.arguments) as Record<string, unknown>,
  }));
  const copy = Object.assign(Object.create(Object.getPrototypeOf(out) as object) as BaseMessage, out);
  (copy as unknown as { tool_calls: LcToolCall[] }).tool_calls = restored;
  return copy;
}

/** A guard step for a chain: checks what flows through it and hands it on (see the file's head). */
export function rampartGuard(options: RampartGuardOptions = {}): RunnableLambda<unknown, unknown> {
  const c = checker(options);
  const stage = options.stage ?? 'input';
  return RunnableLambda.from(async (input: unknown, config?: RunnableConfig) =>
    stage === 'output' ? checkOut(c, input, config, undefined) : checkIn(c, input, stage, config),
  ).withConfig({ runName: `RampartGuard(${stage})` }) as RunnableLambda<unknown, unknown>;
}

/**
 * A model (any Runnable from messages/prompt to an AIMessage) with Rampart on both sides: the input checked
 * and redacted, the answer checked, its placeholders restored from the same call's vault, tool calls through
 * the guard and the firewall.
 */
export function withRampart<RunInput, RunOutput>(
  model: Runnable<RunInput, RunOutput>,
  options: Omit<RampartGuardOptions, 'stage'> = {},
): RunnableLambda<RunInput, RunOutput> {
  const c = checker(options);
  return RunnableLambda.from(async (input: RunInput, config?: RunnableConfig) => {
    const state: CallState = { vault: new Vault(), segments: [], systemPrompts: [] };
    const checked = (await checkIn(c, input, 'input', config, state)) as RunInput;
    const answer = await model.invoke(checked, config);
    return (await checkOut(c, answer, config, state)) as RunOutput;
  }).withConfig({ runName: 'Rampart' }) as RunnableLambda<RunInput, RunOutput>;
}
