// The tool firewall in the gateway: every tool call a model answers with is checked — argument schema,
// Cedar authorization, session budgets, and taint (a recipient, URL or path copied from a tool result in
// this conversation) — before the client's agent ever sees it. A denied call (or one that needs a
// person's approval that nobody gave) withholds the answer with finish_reason "content_filter" and the
// firewall's reason. With an approval queue (firewall config `approvals`), a call needing approval holds the
// answer until a person decides in the dashboard; silence past the queue's timeout denies.
import type { ToolFirewall } from '../../agent/firewall/create-tool-firewall.js';
import type { Principal, ToolCall as FirewallToolCall } from '../../agent/firewall/types.js';
import type { Decision, Segment } from '../../core/types.js';
import type { Caller } from '../context.js';
import type { ToolCall } from '../openai-types.js';
import type { PreparedChat } from './prepare.js';

/** Session header: lets budgets and loop detection span the requests of one agent run. */
export const SESSION_HEADER = 'x-rampart-session';

/** The answer's decision with the firewall's refusal added: the refusal's action wins. */
function withRefusal(
  answer: Decision,
  action: 'block' | 'require_approval',
  tool: string,
  reason: string,
  kind: string,
): Decision {
  const finding = {
    scanner: 'tool-firewall',
    category: action === 'block' ? `tool.denied.${kind}` : 'tool.approval_required',
    score: 1,
    message: `tool call "${tool.slice(0, 64)}": ${reason}`,
    action,
  };
  return { ...answer, action, findings: [...answer.findings, finding] };
}

/** The text of the conversation's last user message (its consecutive user-typed segments), or ''. */
export function lastUserMessage(segments: readonly Segment[]): string {
  let end = segments.length - 1;
  const isUser = (k: number) => segments[k]!.role === 'user' && segments[k]!.trust === 'user';
  while (end >= 0 && !isUser(end)) end--;
  let start = end;
  while (start > 0 && isUser(start - 1)) start--;
  return end < 0
    ? ''
    : segments
        .slice(start, end + 1)
        .map((s) => s.text)
        .join('\n');
}

/** What the firewall needs to know about the conversation a tool call comes from. */
export interface ToolCallOrigin {
  /** Ties the calls of one agent run together (budgets, loop detection, the taint ledger). */
  sessionId: string;
  /** Names the request in the taint ledger (where an untrusted value came from). */
  requestId: string;
  /** The conversation's labelled text: what the user typed is theirs, tool results are data. */
  segments: readonly Segment[];
  principal: Principal;
}

/** Checks each tool call of an answer; the first refused one returns `answer`'s decision with the refusal. */
export async function checkToolCallsWithFirewall(
  firewall: ToolFirewall,
  p: PreparedChat,
  caller: Caller,
  calls: readonly ToolCall[],
  answer: Decision,
  turns = false,
  /** Wait for a person (the firewall has an approval queue) instead of withholding at once. */
  wait = false,
): Promise<Decision | undefined> {
  return firewallToolCalls(
    firewall,
    {
      sessionId: p.sessionId ?? p.info.id,
      requestId: p.info.id,
      segments: p.segments,
      principal: {
        type: 'User',
        id: caller.keyId ?? 'anonymous',
        parents: caller.tenant ? [{ type: 'Tenant', id: caller.tenant }] : [],
      },
    },
    calls,
    answer,
    turns,
    wait,
  );
}

/** The same check for any caller (the framework integrations): the conversation described by `origin`. */
export async function firewallToolCalls(
  firewall: ToolFirewall,
  origin: ToolCallOrigin,
  calls: readonly ToolCall[],
  answer: Decision,
  /** Begin the intent envelope's turn from the last user message first (the gateway, with `intent` set). */
  turns = false,
  /** Ask the firewall's approval queue and wait (checkAndWait) instead of refusing a require_approval call. */
  wait = false,
): Promise<Decision | undefined> {
  const { sessionId } = origin;
  const { ledger } = firewall.session(sessionId);
  // The conversation as the client sent it: what the user typed is theirs, tool results are data.
  for (const s of origin.segments) {
    if (s.trust === 'untrusted')
      ledger.addUntrusted(s.text, { kind: s.source ?? 'tool', id: origin.requestId });
    else if (s.trust === 'user') ledger.addTrusted(s.text);
  }
  const trust = origin.segments.some((s) => s.trust === 'untrusted') ? 'untrusted' : 'user';
  // The intent envelope: the user's latest message (the last run of user-typed segments) defines the turn; a
  // conversation with none begins an empty turn (read-only tools only once a tool result is in it).
  if (turns) firewall.beginTurn(sessionId, { user: lastUserMessage(origin.segments) });
  for (const call of calls) {
    let args: unknown;
    try {
      args = JSON.parse(call.function.arguments || '{}');
    } catch {
      return withRefusal(answer, 'block', call.function.name, 'arguments are not valid JSON', 'schema');
    }
    const request: FirewallToolCall = {
      sessionId,
      principal: origin.principal,
      tool: call.function.name,
      args,
      context: { trust },
    };
    const verdict = wait ? await firewall.checkAndWait(request) : await firewall.check(request);
    if (verdict.decision === 'deny')
      return withRefusal(
        answer,
        'block',
        call.function.name,
        verdict.reason,
        verdict.violations[0]?.kind ?? 'policy',
      );
    if (verdict.decision === 'require_approval')
      return withRefusal(answer, 'require_approval', call.function.name, verdict.reason, 'approval');
  }
  return undefined;
}
