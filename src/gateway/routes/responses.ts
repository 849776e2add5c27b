// POST /v1/responses: the Responses API over the chat pipeline. The request is validated and translated
// to a chat request (responses/translate.ts), checked and answered exactly as /v1/chat/completions is
// (runChat in routes/chat.ts: same trust rules, input check, output guard, tool firewall), and the answer
// translated back: a Responses object, or with stream: true the Responses events, translated from the
// guarded chat stream (responses/stream.ts: same hold-back and fail-closed rules). Blocked and failed
// answers keep OpenAI's error shape; with on_block: refusal the refusal is a Responses answer.
// Stateless: no store, so previous_response_id is refused.
import type { Handler } from 'hono';
import { blockedResponse } from '../chat/blocked.js';
import { completeChat } from '../chat/complete.js';
import { sseData, sseResponse } from '../chat/sse-response.js';
import { streamChat } from '../chat/stream.js';
import type { GatewayEnv } from '../env.js';
import type { GatewayContext } from '../context.js';
import { badRequest } from '../http-errors.js';
import { readJson } from '../request-body.js';
import { incomingOf } from '../request-origin.js';
import { ChatRequestSchema } from '../request-schema.js';
import { responsesEvents } from '../responses/stream.js';
import { fromChatAnswer, ResponsesRequestSchema, toChatRequest } from '../responses/translate.js';
import { runChat } from './chat.js';

type ChatAnswer = Parameters<typeof fromChatAnswer>[0];

/** A chat completion JSON response → the Responses object (a non-200 passes as it is). */
async function asResponsesJson(res: Response, model: string): Promise<Response> {
  if (res.status !== 200) return res;
  const answer = (await res.json()) as ChatAnswer;
  const headers = new Headers(res.headers);
  headers.delete('content-length');
  return new Response(JSON.stringify(fromChatAnswer(answer, model)), { status: 200, headers });
}

/** The frames of a whole (refusal) answer, as the chat stream would send them. */
async function* answerFrames(answer: ChatAnswer): AsyncGenerator<string, void, void> {
  const m = answer.choices?.[0]?.message;
  yield sseData({ choices: [{ delta: { role: 'assistant', content: '' }, finish_reason: null }] });
  if (m?.content) yield sseData({ choices: [{ delta: { content: m.content }, finish_reason: null }] });
  yield sseData({ choices: [{ delta: {}, finish_reason: answer.choices?.[0]?.finish_reason ?? 'stop' }] });
  yield 'data: [DONE]\n\n';
}

export const responsesRoute =
  (gw: GatewayContext): Handler<GatewayEnv> =>
  async (c) => {
    const incoming = incomingOf(c);
    const who = c.get('caller');
    const req = await readJson(c.req.raw, ResponsesRequestSchema, who.limits.max_body_bytes, incoming);
    const parsed = ChatRequestSchema.safeParse(toChatRequest(req));
    if (!parsed.success) throw badRequest('the input items do not make a valid conversation', 'input');
    const body = parsed.data;
    const stream = body.stream === true;
    const meta = (id: string) => ({
      id: `resp_${id}`,
      model: body.model,
      createdAt: Math.floor(Date.now() / 1000),
    });
    return runChat(gw, c, body, {
      answer: (prepared, headers) => {
        if (!stream)
          return completeChat(gw, prepared, who, c.req.raw.signal, headers).then((r) =>
            asResponsesJson(r, body.model),
          );
        const drop = incoming ? () => incoming.socket.destroy() : () => undefined;
        return streamChat(
          gw,
          prepared,
          who,
          headers,
          c.req.raw.signal,
          drop,
          c.get('deferCount')(),
          (frames) => responsesEvents(frames, meta(prepared.info.id)),
        );
      },
      blocked: async (info, decision, headers) => {
        // The 400 policy error as on chat; a refusal (on_block: refusal) becomes a Responses answer.
        const res = blockedResponse(gw, info, decision, false, headers);
        if (res.status !== 200) return res;
        if (!stream) return asResponsesJson(res, body.model);
        const refusal = (await res.json()) as ChatAnswer;
        return sseResponse(responsesEvents(answerFrames(refusal), meta(info.id)), headers);
      },
    });
  };
