// POST /v1/responses: the Responses API over the chat pipeline. The request is validated and translated
// to a chat request (responses/translate.ts), checked and answered exactly as /v1/chat/completions is
// (runChat in routes/chat.ts: same trust rules, input check, output guard, tool firewall), and a
// successful answer translated back to a Responses object. Blocked and failed answers keep OpenAI's
// error shape. Stateless: no store, so previous_response_id is refused; stream: true is not supported yet.
import type { Handler } from 'hono';
import { completeChat } from '../chat/complete.js';
import type { GatewayEnv } from '../env.js';
import type { GatewayContext } from '../context.js';
import { badRequest } from '../http-errors.js';
import { readJson } from '../request-body.js';
import { incomingOf } from '../request-origin.js';
import { ChatRequestSchema } from '../request-schema.js';
import { fromChatAnswer, ResponsesRequestSchema, toChatRequest } from '../responses/translate.js';
import { runChat } from './chat.js';

export const responsesRoute =
  (gw: GatewayContext): Handler<GatewayEnv> =>
  async (c) => {
    const who = c.get('caller');
    const req = await readJson(c.req.raw, ResponsesRequestSchema, who.limits.max_body_bytes, incomingOf(c));
    const parsed = ChatRequestSchema.safeParse(toChatRequest(req));
    if (!parsed.success) throw badRequest('the input items do not make a valid conversation', 'input');
    const body = parsed.data;
    return runChat(gw, c, body, {
      answer: async (prepared, headers) => {
        const res = await completeChat(gw, prepared, who, c.req.raw.signal, headers);
        if (res.status !== 200) return res;
        const answer = (await res.json()) as Parameters<typeof fromChatAnswer>[0];
        const out = new Headers(res.headers);
        out.delete('content-length');
        return new Response(JSON.stringify(fromChatAnswer(answer, body.model)), {
          status: 200,
          headers: out,
        });
      },
    });
  };
