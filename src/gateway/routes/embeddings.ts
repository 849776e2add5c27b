// POST /v1/embeddings: the input is scanned like user text before it is embedded (a poisoned document
// can be blocked or redacted before it enters a vector store). Token-id inputs cannot be scanned, so
// they are refused rather than passed through unseen.
import { randomUUID } from 'node:crypto';
import type { Handler } from 'hono';
import type { GatewayContext } from '../context.js';
import type { GatewayEnv } from '../env.js';
import { badRequest } from '../http-errors.js';
import { readJson } from '../request-body.js';
import { EmbeddingsRequestSchema } from '../request-schema.js';
import { admitOrThrow, settleUsage } from '../limit-check.js';
import { auditCommitted, type RequestInfo } from '../chat/record.js';
import { blockedResponse } from '../chat/blocked.js';
import { callUpstream, routeModel } from '../chat/upstream-call.js';
import { guardInput } from '../guard-input.js';
import { estimateTokens } from '../tokens.js';

/** After middleware/caller.ts. */
export const embeddingsRoute =
  (gw: GatewayContext): Handler<GatewayEnv> =>
  async (c) => {
    const caller = c.get('caller');
    const req = c.req.raw;
    const body = await readJson(req, EmbeddingsRequestSchema, caller.limits.max_body_bytes);
    const texts = typeof body.input === 'string' ? [body.input] : body.input;
    if (!texts.every((t): t is string => typeof t === 'string'))
      throw badRequest('input: token-id arrays cannot be scanned; send text', 'input', 'unscannable_input');
    const info: RequestInfo = {
      id: randomUUID(),
      route: 'embeddings',
      model: body.model,
      startedAt: Date.now(),
    };
    const upstream = routeModel(gw, body.model);
    info.upstream = upstream.name;
    const tokens = texts.reduce((n, t) => n + estimateTokens(t), 0);
    await admitOrThrow(gw, caller, tokens);
    const checked = await guardInput(
      gw,
      info,
      caller,
      texts.map((text) => ({ text, trust: 'user' as const })),
    );
    const headers = { 'x-rampart-decision': info.id };
    if (checked.outcome === 'stop')
      return blockedResponse(gw, info, checked.decision, false, headers, 'error');
    await auditCommitted(gw); // answered ⇒ audited (unless audit.wait_for_commit is off)
    const decision = checked.decision;
    // Redacted inputs are embedded with their placeholders: a vector store must not hold the secret.
    const input =
      decision.action === 'redact'
        ? (decision.segments?.map((s) => s.text) ?? [decision.text ?? texts[0]!])
        : texts;
    const answer = await callUpstream(gw, upstream, req.signal, caller.limits.upstream_timeout_ms, (signal) =>
      upstream.embed({ ...body, input: typeof body.input === 'string' ? input[0]! : input }, signal),
    );
    await settleUsage(gw, caller, body.model, answer.usage?.prompt_tokens ?? tokens, 0);
    return new Response(JSON.stringify(answer), {
      status: 200,
      headers: { 'content-type': 'application/json', ...headers },
    });
  };
