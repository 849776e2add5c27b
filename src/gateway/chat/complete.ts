// The answer half of a non-streaming chat completion: call the upstream, guard the answer (text and tool
// calls), restore redacted values, settle usage, record the output decision.
import type { Decision } from '../../core/types.js';
import type { Caller, GatewayContext } from '../context.js';
import type { ChatCompletion, ChatRequest, ToolCall, Usage } from '../openai-types.js';
import { errorResponse } from '../http-errors.js';
import { applyMasks, guardAnswer, redactCuts } from '../output/output-guard.js';
import { guardToolCalls } from '../output/tool-call-buffer.js';
import { estimateRequestTokens, estimateTokens } from '../tokens.js';
import { admitOrThrow, settleUsage } from '../limit-check.js';
import { rampartField } from './blocked.js';
import type { PreparedChat } from './prepare.js';
import { auditCommitStarted, recordDecision, categoriesOf, endRequestSpan } from './record.js';
import { callUpstream } from './upstream-call.js';
import { checkToolCallsWithFirewall } from './tool-firewall.js';
import {
  repairRequest,
  structuredIssues,
  UNCHECKED,
  violationDecision,
  violationError,
  type StructuredIssue,
} from './structured.js';

/** One upstream answer, guarded: its text and tool calls checked, masked and restored. */
interface GuardedChoice {
  answer: ChatCompletion;
  choice: ChatCompletion['choices'][0] | undefined;
  /** The answer's text as the upstream sent it (placeholders in, nothing masked). */
  raw: string;
  /** The text with the policy's masks but vault placeholders kept: what may go back upstream. */
  masked: string;
  /** The tool calls as the upstream sent them, with the tool_call stage's masks. */
  maskedCalls: ToolCall[];
  text: string;
  calls: ToolCall[];
  decision: Decision;
  blocked: boolean;
  usage: Usage;
}

async function answerOnce(
  gw: GatewayContext,
  p: PreparedChat,
  caller: Caller,
  signal: AbortSignal,
  request: ChatRequest,
  estimatedInputTokens: number,
): Promise<GuardedChoice> {
  const answer = await callUpstream(gw, p.upstream, signal, caller.limits.upstream_timeout_ms, (s) =>
    p.upstream.complete({ ...request, stream: false }, s),
  );
  const choice = answer.choices[0];
  const raw = choice?.message.content ?? '';
  const ctx = { canaries: p.canaries, systemPrompts: p.systemPrompts, vault: p.vault };
  const guarded = await guardAnswer(gw.guard, raw, ctx);
  let decision: Decision = guarded.decision;
  let blocked = guarded.blocked;
  const rawCalls = choice?.message.tool_calls ?? [];
  let calls = rawCalls;
  let maskedCalls = rawCalls;
  if (!blocked && calls.length > 0) {
    const t = await guardToolCalls(gw.guard, calls, ctx);
    if (t.violation) {
      blocked = true;
      decision = t.violation.decision;
    } else {
      calls = t.calls;
      maskedCalls = rawCalls.map((c, i) => ({
        ...c,
        function: {
          ...c.function,
          arguments: applyMasks(c.function.arguments, redactCuts(t.decisions[i]?.findings ?? [])),
        },
      }));
    }
  }
  if (!blocked && calls.length > 0 && gw.firewall) {
    const denied = await checkToolCallsWithFirewall(
      gw.firewall,
      p,
      caller,
      calls,
      decision,
      gw.firewallTurns,
      gw.approvals !== undefined,
    );
    if (denied) {
      blocked = true;
      decision = denied;
    }
  }
  const estimated = estimateTokens(raw);
  const usage = answer.usage ?? {
    prompt_tokens: estimatedInputTokens,
    completion_tokens: estimated,
    total_tokens: estimatedInputTokens + estimated,
  };
  await settleUsage(gw, caller, p.info.model, usage.prompt_tokens, usage.completion_tokens);
  const masked = blocked ? '' : applyMasks(raw, redactCuts(guarded.decision.findings));
  return { answer, choice, raw, masked, maskedCalls, text: guarded.text, calls, decision, blocked, usage };
}

/** The answer's problems with the request's schemas (none when it asked for none or the answer is withheld). */
async function schemaIssues(p: PreparedChat, g: GuardedChoice): Promise<StructuredIssue[]> {
  if (!p.structured || g.blocked || !g.choice) return [];
  const m = g.choice.message;
  return structuredIssues(p.structured, m.content == null ? null : g.text, g.calls, m.refusal != null);
}

export async function completeChat(
  gw: GatewayContext,
  p: PreparedChat,
  caller: Caller,
  signal: AbortSignal,
  headers: Record<string, string>,
): Promise<Response> {
  let g = await answerOnce(gw, p, caller, signal, p.request, p.estimatedInputTokens);
  let issues = await schemaIssues(p, g);
  let repaired = false;
  // One bounded repair: the same limits (tokens admitted again), upstream deadline and output guard. None
  // when the check itself could not finish: another answer would not make the schema any cheaper.
  const uncheckable = issues.some((i) => i.where === UNCHECKED);
  if (issues.length > 0 && !uncheckable && gw.config.structured_output.repair_attempts > 0) {
    const m = g.choice!.message;
    const sent = { content: m.content == null ? null : g.masked, tool_calls: g.maskedCalls };
    // The list the upstream reads is worked out on what it is sent (placeholders, masks), not on the
    // restored text: a key in the answer may hold a value the upstream never saw.
    const upstreamIssues = await structuredIssues(
      p.structured!,
      sent.content,
      sent.tool_calls,
      m.refusal != null,
    );
    const request = repairRequest(p.request, sent, upstreamIssues.length > 0 ? upstreamIssues : issues);
    const estimated = estimateRequestTokens(request);
    await admitOrThrow(gw, caller, estimated);
    repaired = true;
    const first = g;
    g = await answerOnce(gw, p, caller, signal, request, estimated);
    issues = await schemaIssues(p, g);
    const u = g.usage;
    g.usage = {
      prompt_tokens: first.usage.prompt_tokens + u.prompt_tokens,
      completion_tokens: first.usage.completion_tokens + u.completion_tokens,
      total_tokens: first.usage.total_tokens + u.total_tokens,
    };
  }
  const { answer, choice, raw, calls, usage } = g;
  if (issues.length > 0) {
    recordDecision(gw, p.info, caller, violationDecision(issues), raw, 422);
    await auditCommitStarted(gw);
    endRequestSpan(
      p.info,
      {
        model: answer.model,
        id: answer.id,
        inputTokens: usage.prompt_tokens,
        outputTokens: usage.completion_tokens,
      },
      'rampart_schema_violation',
    );
    return errorResponse(violationError(issues, repaired), headers);
  }
  const { decision, blocked } = g;
  recordDecision(gw, p.info, caller, decision, raw, 200);
  // Do not answer before our audit rows are on disk (the writer thread acknowledges the commit), unless
  // audit.wait_for_commit is off. The commit runs on the writer thread while this one builds the answer.
  const committed = auditCommitStarted(gw);
  const body: ChatCompletion = { ...answer, usage };
  if (blocked && choice) {
    body.choices = [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: null,
          refusal: `Rampart withheld this answer (${categoriesOf(decision).join(', ')}); decision ${p.info.id}`,
        },
        finish_reason: 'content_filter',
      },
    ];
  } else if (choice) {
    const message = { ...choice.message, content: choice.message.content == null ? null : g.text };
    if (calls.length > 0) message.tool_calls = calls;
    body.choices = [{ ...choice, message }];
  }
  body.rampart = { input: rampartField(p.info, p.inputDecision), output: rampartField(p.info, decision) };
  const json = JSON.stringify(body);
  await committed;
  endRequestSpan(p.info, {
    model: answer.model,
    id: answer.id,
    finishReasons: body.choices.map((c) => c.finish_reason ?? 'unknown'),
    inputTokens: usage.prompt_tokens,
    outputTokens: usage.completion_tokens,
  });
  return new Response(json, {
    status: 200,
    headers: { 'content-type': 'application/json', ...headers },
  });
}
