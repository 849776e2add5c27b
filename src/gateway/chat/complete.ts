// The answer half of a non-streaming chat completion: call the upstream, guard the answer (text and tool
// calls), restore redacted values, settle usage, record the output decision.
import type { Decision } from '../../core/types.js';
import type { Caller, GatewayContext } from '../context.js';
import type { ChatCompletion } from '../openai-types.js';
import { guardAnswer } from '../output/output-guard.js';
import { guardToolCalls } from '../output/tool-call-buffer.js';
import { estimateTokens } from '../tokens.js';
import { settleUsage } from '../limit-check.js';
import { rampartField } from './blocked.js';
import type { PreparedChat } from './prepare.js';
import { auditCommitStarted, recordDecision, categoriesOf, endRequestSpan } from './record.js';
import { callUpstream } from './upstream-call.js';
import { checkToolCallsWithFirewall } from './tool-firewall.js';

export async function completeChat(
  gw: GatewayContext,
  p: PreparedChat,
  caller: Caller,
  signal: AbortSignal,
  headers: Record<string, string>,
): Promise<Response> {
  const answer = await callUpstream(gw, p.upstream, signal, caller.limits.upstream_timeout_ms, (s) =>
    p.upstream.complete({ ...p.request, stream: false }, s),
  );
  const choice = answer.choices[0];
  const raw = choice?.message.content ?? '';
  const ctx = { canaries: p.canaries, systemPrompts: p.systemPrompts, vault: p.vault };
  const guarded = await guardAnswer(gw.guard, raw, ctx);
  let decision: Decision = guarded.decision;
  let blocked = guarded.blocked;
  let calls = choice?.message.tool_calls ?? [];
  if (!blocked && calls.length > 0) {
    const t = await guardToolCalls(gw.guard, calls, ctx);
    if (t.violation) {
      blocked = true;
      decision = t.violation.decision;
    } else calls = t.calls;
  }
  if (!blocked && calls.length > 0 && gw.firewall) {
    const denied = await checkToolCallsWithFirewall(
      gw.firewall,
      p,
      caller,
      calls,
      decision,
      gw.firewallTurns,
    );
    if (denied) {
      blocked = true;
      decision = denied;
    }
  }
  const usage = answer.usage ?? {
    prompt_tokens: p.estimatedInputTokens,
    completion_tokens: estimateTokens(raw),
    total_tokens: p.estimatedInputTokens + estimateTokens(raw),
  };
  await settleUsage(gw, caller, p.info.model, usage.prompt_tokens, usage.completion_tokens);
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
    const message = { ...choice.message, content: choice.message.content == null ? null : guarded.text };
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
