// rampart/langchain/langgraph: a LangGraph node that puts the model's tool calls through the tool firewall
// before a ToolNode runs them. A denied call is removed from the AIMessage and answered with an error
// ToolMessage (the model sees why); a call that needs a person's approval (`require_approval`: a Cedar
// @approval policy, a taint or intent rule with that effect) interrupts the graph with
// `interrupt({ type: 'rampart_approval', tool, args, reason })` — resume it with
// `new Command({ resume: { approved: true | false } })` (a bare boolean works too); anything but an explicit
// approval refuses the call. LangGraph reruns an interrupted node from its start on resume, so the calls are
// checked again then (a session budget counts them twice). Needs a checkpointer, as every interrupt does.
import { AIMessage, ToolMessage, isAIMessage, type BaseMessage } from '@langchain/core/messages';
import type { RunnableConfig } from '@langchain/core/runnables';
import { interrupt } from '@langchain/langgraph';
import type { ToolFirewall } from '../../agent/firewall/create-tool-firewall.js';
import type { Principal } from '../../agent/firewall/types.js';
import type { Decision, Segment, Trust } from '../../core/types.js';
import { firewallToolCalls } from '../../gateway/chat/tool-firewall.js';

export interface RampartApprovalNodeOptions {
  firewall: ToolFirewall;
  principal?: Principal;
  /** The firewall session; default the thread's `configurable.thread_id`. */
  sessionId?: string;
}

/** What the interrupt hands the person (or the app) deciding: the tool, its arguments and why it waits. */
export interface ApprovalRequest {
  type: 'rampart_approval';
  tool: string;
  args: Record<string, unknown>;
  reason: string;
}

const TRUST: Record<string, Trust> = { system: 'system', human: 'user', ai: 'user', tool: 'untrusted' };

function segmentsOf(messages: readonly BaseMessage[]): Segment[] {
  const out: Segment[] = [];
  for (const m of messages) {
    const type = m.getType();
    const text =
      typeof m.content === 'string'
        ? m.content
        : (m.content as unknown[])
            .map((b) =>
              (b as { type?: unknown }).type === 'text' ? String((b as { text?: unknown }).text) : '',
            )
            .join('\n');
    if (text) out.push({ text, trust: TRUST[type] ?? 'user', role: type, source: type });
  }
  return out;
}

const approved = (v: unknown): boolean =>
  v === true || (v !== null && typeof v === 'object' && (v as { approved?: unknown }).approved === true);

/** The node: `(state: { messages }) => { messages }` for a graph on MessagesAnnotation (or any state with messages). */
export function rampartApprovalNode(options: RampartApprovalNodeOptions) {
  return async (
    state: { messages: BaseMessage[] },
    config?: RunnableConfig,
  ): Promise<{ messages: BaseMessage[] }> => {
    const last = state.messages.at(-1);
    if (!last || !isAIMessage(last) || !last.tool_calls || last.tool_calls.length === 0)
      return { messages: [] };
    const thread = config?.configurable?.thread_id;
    const sessionId = options.sessionId ?? (typeof thread === 'string' ? thread : 'langgraph');
    const principal = options.principal ?? { type: 'User', id: 'anonymous' };
    const allow: Decision = { action: 'allow', stage: 'tool_call', findings: [], timingsMs: {} };
    let segments: Segment[] = segmentsOf(state.messages.slice(0, -1));
    const kept: typeof last.tool_calls = [];
    const refusals: ToolMessage[] = [];
    for (const [i, call] of last.tool_calls.entries()) {
      const id = call.id ?? `call_${i}`;
      const refused = await firewallToolCalls(
        options.firewall,
        { sessionId, requestId: sessionId, segments, principal },
        [{ id, type: 'function', function: { name: call.name, arguments: JSON.stringify(call.args ?? {}) } }],
        allow,
      );
      segments = []; // the conversation is in the ledger after the first call
      const finding = refused?.findings.find((f) => f.scanner === 'tool-firewall');
      const reason = finding?.message ?? 'refused by the tool firewall';
      let ok = !refused;
      if (refused?.action === 'require_approval') {
        const request: ApprovalRequest = {
          type: 'rampart_approval',
          tool: call.name,
          args: call.args ?? {},
          reason,
        };
        ok = approved(interrupt(request));
      }
      if (ok) kept.push(call);
      else
        refusals.push(
          new ToolMessage({
            tool_call_id: id,
            name: call.name,
            status: 'error',
            content: `Rampart refused this tool call: ${refused?.action === 'require_approval' ? 'not approved' : reason}`,
          }),
        );
    }
    if (refusals.length === 0) return { messages: [] };
    // Same id: the messages reducer replaces the AIMessage, now without the refused calls.
    const replaced = new AIMessage({
      id: last.id,
      content: last.content,
      name: last.name,
      additional_kwargs: last.additional_kwargs,
      response_metadata: last.response_metadata,
      tool_calls: kept,
    });
    return { messages: [replaced, ...refusals] };
  };
}
