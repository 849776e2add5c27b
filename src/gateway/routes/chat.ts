// POST /v1/chat/completions: read the request, check its input (chat/prepare.ts), then answer as JSON
// (chat/complete.ts) or as a stream (chat/stream.ts), or with the blocked answer. After
// middleware/caller.ts (the caller) and middleware/request-metrics.ts (a stream's count is deferred).
// runChat is the step every chat-shaped route shares (routes/responses.ts too): span, input check,
// decision header, blocked answer, and the span ended on a failure.
import type { Context, Handler } from 'hono';
import type { Decision } from '../../core/types.js';
import { startGenAiSpan } from '../../telemetry/span-attributes.js';
import { blockedResponse } from '../chat/blocked.js';
import { completeChat } from '../chat/complete.js';
import { prepareChat, type PreparedChat } from '../chat/prepare.js';
import { endRequestSpan, type RequestInfo } from '../chat/record.js';
import { streamChat } from '../chat/stream.js';
import { SESSION_HEADER } from '../chat/tool-firewall.js';
import type { GatewayContext } from '../context.js';
import type { GatewayEnv } from '../env.js';
import { errorInitFor } from '../http-errors.js';
import { readJson } from '../request-body.js';
import { incomingOf, requestHeader } from '../request-origin.js';
import { ChatRequestSchema, type ChatRequest } from '../request-schema.js';

export interface ChatAnswerers {
  /** The answer to a request whose input passed (or was redacted). */
  answer: (prepared: PreparedChat, headers: Record<string, string>) => Promise<Response> | Response;
  /** The answer to a blocked request; by default chat/blocked.ts (streamed when the request streams). */
  blocked?: (
    info: RequestInfo,
    decision: Decision,
    headers: Record<string, string>,
  ) => Response | Promise<Response>;
}

/** One chat-shaped request from its validated body to its response (see the file comment). */
export async function runChat(
  gw: GatewayContext,
  c: Context<GatewayEnv>,
  body: ChatRequest,
  how: ChatAnswerers,
): Promise<Response> {
  const span = startGenAiSpan(gw.tracing.tracer, {
    operation: 'chat',
    model: body.model,
    stream: body.stream === true,
    maxTokens: body.max_completion_tokens ?? body.max_tokens ?? undefined,
  });
  try {
    const session = requestHeader(c, SESSION_HEADER)?.slice(0, 128);
    const prepared = await prepareChat(gw, body, c.get('caller'), span, session);
    const resHeaders = { 'x-rampart-decision': prepared.info.id };
    // For the app's error handler: a failure after this point still names the decision.
    c.set('decision', { id: prepared.info.id, upstream: prepared.info.upstream });
    if ('blocked' in prepared) {
      endRequestSpan(prepared.info, {}, 'rampart_policy_violation');
      return how.blocked
        ? await how.blocked(prepared.info, prepared.blocked, resHeaders)
        : blockedResponse(gw, prepared.info, prepared.blocked, body.stream === true, resHeaders);
    }
    return await how.answer(prepared, resHeaders);
  } catch (err) {
    // Ends the span if no handler did (a no-op when it was already ended).
    endRequestSpan(
      { id: '', route: 'chat', model: body.model, startedAt: 0, span },
      {},
      String(errorInitFor(err).status),
    );
    throw err;
  }
}

export const chatRoute =
  (gw: GatewayContext): Handler<GatewayEnv> =>
  async (c) => {
    const incoming = incomingOf(c);
    const who = c.get('caller');
    const body = await readJson(c.req.raw, ChatRequestSchema, who.limits.max_body_bytes, incoming);
    return runChat(gw, c, body, {
      answer: (prepared, headers) => {
        if (!body.stream) return completeChat(gw, prepared, who, c.req.raw.signal, headers);
        // For a client that stopped reading: destroying its socket cancels the stream as a client that
        // left would (served by node, there is always a socket).
        const drop = incoming ? () => incoming.socket.destroy() : () => undefined;
        return streamChat(gw, prepared, who, headers, c.req.raw.signal, drop, c.get('deferCount')());
      },
    });
  };
