// The request half of a chat completion: validate, apply the key's limits, scan the messages and build
// the request that goes upstream. Returns either a ready request or the response that ends it early.
import { randomUUID } from 'node:crypto';
import type { Span } from '@opentelemetry/api';
import type { Decision, Segment } from '../../core/types.js';
import { spotlightMessages } from '../../rag/spotlight/messages.js';
import type { Vault } from '../../policy/vault.js';
import type { Caller, GatewayContext } from '../context.js';
import { badRequest } from '../http-errors.js';
import type { ChatMessage, ChatRequest } from '../openai-types.js';
import { estimateRequestTokens } from '../tokens.js';
import type { ChatUpstream } from '../upstream/types.js';
import { admitOrThrow } from '../limit-check.js';
import { routeModel } from './upstream-call.js';
import { guardInput } from '../guard-input.js';
import type { RequestInfo } from './record.js';
import { chatSegments, upstreamMessages } from './segments.js';
import { structuredSpec, type StructuredSpec } from './structured.js';

export interface PreparedChat {
  info: RequestInfo;
  upstream: ChatUpstream;
  request: ChatRequest;
  inputDecision: Decision;
  vault: Vault;
  systemPrompts: string[];
  canaries: string[];
  wantsUsage: boolean;
  estimatedInputTokens: number;
  /** The request's labelled text (the tool firewall's taint ledger reads it). */
  segments: Segment[];
  /** From the x-rampart-session header: ties the requests of one agent run together. */
  sessionId?: string;
  /** The schemas the answer must match (response_format json_schema, tool parameters); none: unchecked. */
  structured?: StructuredSpec;
}

/**
 * Applies the key's max_output_tokens. A client's own larger cap is lowered to it (in each field it sent).
 * A request without a cap is left without one — the upstream's default applies — unless the key has a token
 * or cost budget: then one uncapped answer could overrun it, and the cap is added.
 */
function clampOutputTokens(req: ChatRequest, limits: Caller['limits']): void {
  const max = limits.max_output_tokens;
  const asked = req.max_completion_tokens ?? req.max_tokens ?? undefined;
  if (asked == null) {
    const budgeted =
      limits.tokens_per_minute !== undefined ||
      limits.daily_tokens !== undefined ||
      limits.daily_cost_usd !== undefined;
    if (budgeted) req.max_completion_tokens = max;
    return;
  }
  if (req.max_completion_tokens != null && req.max_completion_tokens > max) req.max_completion_tokens = max;
  if (req.max_tokens != null && req.max_tokens > max) req.max_tokens = max;
}

/** The redacted texts of a `redact` decision, one per input segment (undefined when nothing was redacted). */
export function redactedSegments(d: Decision, original: readonly Segment[]): Segment[] | undefined {
  if (d.action !== 'redact') return undefined;
  if (d.segments) return d.segments;
  if (d.text !== undefined && original.length === 1) return [{ ...original[0]!, text: d.text }];
  return undefined;
}

export async function prepareChat(
  gw: GatewayContext,
  body: ChatRequest,
  caller: Caller,
  span?: Span,
  sessionId?: string,
): Promise<PreparedChat | { blocked: Decision; info: RequestInfo }> {
  const info: RequestInfo = {
    id: randomUUID(),
    route: 'chat',
    model: body.model,
    startedAt: Date.now(),
    span,
  };
  if (body.messages.length > caller.limits.max_messages)
    throw badRequest(
      `messages: ${body.messages.length} messages is over this key's limit of ${caller.limits.max_messages}`,
      'messages',
      'too_many_messages',
    );
  const upstream = routeModel(gw, body.model);
  info.upstream = upstream.name;
  clampOutputTokens(body, caller.limits);
  const estimatedInputTokens = estimateRequestTokens(body);
  await admitOrThrow(gw, caller, estimatedInputTokens);
  // The caller's schemas are compiled (or refused with a 400) before anything else is spent on them.
  const structured = await structuredSpec(gw, body);

  const { segments, origins, systemPrompts } = chatSegments(body, {
    trustClientRoles: caller.trustClientRoles ?? gw.config.trust_client_roles,
  });
  const input = await guardInput(gw, info, caller, segments);
  if (input.outcome === 'stop') return { blocked: input.decision, info };
  const { decision: inputDecision, vault } = input;

  let messages: ChatMessage[] = upstreamMessages(body, origins, redactedSegments(inputDecision, segments));
  const spotlightMode = caller.spotlight ?? gw.config.spotlight;
  if (spotlightMode !== 'off')
    messages = spotlightMessages(messages, (_, i) => body.messages[i]?.rampart !== undefined, {
      mode: spotlightMode,
    }).messages as ChatMessage[];
  const canaries: string[] = [];
  if (gw.config.inject_canary) {
    const c = gw.guard.canary();
    canaries.push(c.token);
    messages = [{ role: 'system', content: c.instruction }, ...messages];
  }
  const wantsUsage = body.stream_options?.include_usage === true;
  const request: ChatRequest = { ...body, messages };
  // Always ask the upstream for usage: token limits and budgets settle on the real numbers.
  if (body.stream) request.stream_options = { ...(body.stream_options ?? {}), include_usage: true };
  return {
    info,
    upstream,
    request,
    inputDecision,
    vault,
    systemPrompts,
    canaries,
    wantsUsage,
    estimatedInputTokens,
    segments,
    sessionId,
    structured,
  };
}
