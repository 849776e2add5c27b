// POST /v1/chat/completions: read the request, check its input (chat/prepare.ts), then answer as JSON
// (chat/complete.ts) or as a stream (chat/stream.ts), or with the blocked answer. After
// middleware/caller.ts (the caller) and middleware/request-metrics.ts (a stream's count is deferred).
import type { Handler } from 'hono';
import { startGenAiSpan } from '../../telemetry/span-attributes.js';
import { blockedResponse } from '../chat/blocked.js';
import { completeChat } from '../chat/complete.js';
import { prepareChat } from '../chat/prepare.js';
import { endRequestSpan } from '../chat/record.js';
import { streamChat } from '../chat/stream.js';
import { SESSION_HEADER } from '../chat/tool-firewall.js';
import type { GatewayContext } from '../context.js';
import type { GatewayEnv } from '../env.js';
import { errorInitFor } from '../http-errors.js';
import { readJson } from '../request-body.js';
import { incomingOf, requestHeader } from '../request-origin.js';
import { ChatRequestSchema } from '../request-schema.js';

export const chatRoute =
  (gw: GatewayContext): Handler<GatewayEnv> =>
  async (c) => {
    const incoming = incomingOf(c);
    const who = c.get('caller');
    const body = await readJson(c.req.raw, ChatRequestSchema, who.limits.max_body_bytes, incoming);
    const span = startGenAiSpan(gw.tracing.tracer, {
      operation: 'chat',
      model: body.model,
      stream: body.stream === true,
      maxTokens: body.max_completion_tokens ?? body.max_tokens ?? undefined,
    });
    try {
      const session = requestHeader(c, SESSION_HEADER)?.slice(0, 128);
      const prepared = await prepareChat(gw, body, who, span, session);
      const resHeaders = { 'x-rampart-decision': prepared.info.id };
      // For the app's error handler: a failure after this point still names the decision.
      c.set('decision', { id: prepared.info.id, upstream: prepared.info.upstream });
      if ('blocked' in prepared) {
        endRequestSpan(prepared.info, {}, 'rampart_policy_violation');
        return blockedResponse(gw, prepared.info, prepared.blocked, body.stream === true, resHeaders);
      }
      if (body.stream) {
        // For a client that stopped reading: destroying its socket cancels the stream as a client that
        // left would (served by node, there is always a socket).
        const drop = incoming ? () => incoming.socket.destroy() : () => undefined;
        return streamChat(gw, prepared, who, resHeaders, c.req.raw.signal, drop, c.get('deferCount')());
      }
      return await completeChat(gw, prepared, who, c.req.raw.signal, resHeaders);
    } catch (err) {
      // Ends the span if no handler did (a no-op when it was already ended).
      endRequestSpan(
        { id: '', route: 'chat', model: body.model, startedAt: 0, span },
        {},
        String(errorInitFor(err).status),
      );
      throw err;
    }
  };
