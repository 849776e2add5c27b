// POST /v1/responses: the Responses API over the chat pipeline. The request is validated and translated
// to a chat request (responses/translate.ts), checked and answered exactly as /v1/chat/completions is
// (chat/prepare.ts, chat/complete.ts: same trust rules, input check, output guard, tool firewall), and a
// successful answer translated back to a Responses object. Blocked and failed answers keep OpenAI's
// error shape. Stateless: no store, so previous_response_id is refused; stream: true is not supported yet.
import type { Handler } from 'hono';
import { startGenAiSpan } from '../../telemetry/span-attributes.js';
import { blockedResponse } from '../chat/blocked.js';
import { completeChat } from '../chat/complete.js';
import { prepareChat } from '../chat/prepare.js';
import { endRequestSpan } from '../chat/record.js';
import { SESSION_HEADER } from '../chat/tool-firewall.js';
import type { GatewayContext } from '../context.js';
import type { GatewayEnv } from '../env.js';
import { badRequest, errorInitFor } from '../http-errors.js';
import { readJson } from '../request-body.js';
import { incomingOf, requestHeader } from '../request-origin.js';
import { ChatRequestSchema } from '../request-schema.js';
import { fromChatAnswer, ResponsesRequestSchema, toChatRequest } from '../responses/translate.js';

export const responsesRoute =
  (gw: GatewayContext): Handler<GatewayEnv> =>
  async (c) => {
    const incoming = incomingOf(c);
    const who = c.get('caller');
    const req = await readJson(c.req.raw, ResponsesRequestSchema, who.limits.max_body_bytes, incoming);
    const parsed = ChatRequestSchema.safeParse(toChatRequest(req));
    if (!parsed.success) throw badRequest('the input items do not make a valid conversation', 'input');
    const body = parsed.data;
    const span = startGenAiSpan(gw.tracing.tracer, {
      operation: 'chat',
      model: body.model,
      stream: false,
      maxTokens: body.max_completion_tokens ?? undefined,
    });
    try {
      const session = requestHeader(c, SESSION_HEADER)?.slice(0, 128);
      const prepared = await prepareChat(gw, body, who, span, session);
      const resHeaders = { 'x-rampart-decision': prepared.info.id };
      c.set('decision', { id: prepared.info.id, upstream: prepared.info.upstream });
      if ('blocked' in prepared) {
        endRequestSpan(prepared.info, {}, 'rampart_policy_violation');
        return blockedResponse(gw, prepared.info, prepared.blocked, false, resHeaders);
      }
      const res = await completeChat(gw, prepared, who, c.req.raw.signal, resHeaders);
      if (res.status !== 200) return res;
      const answer = (await res.json()) as Parameters<typeof fromChatAnswer>[0];
      const headers = new Headers(res.headers);
      headers.delete('content-length');
      return new Response(JSON.stringify(fromChatAnswer(answer, body.model)), { status: 200, headers });
    } catch (err) {
      endRequestSpan(
        { id: '', route: 'chat', model: body.model, startedAt: 0, span },
        {},
        String(errorInitFor(err).status),
      );
      throw err;
    }
  };
