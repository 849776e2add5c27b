// What a client sees when the input guard blocks: an OpenAI-shaped 400 error (default), or — when the
// config says `on_block: refusal` — the refusal message as an ordinary completion (streamed if asked).
import type { Decision } from '../../core/types.js';
import type { GatewayContext } from '../context.js';
import { errorResponse } from '../http-errors.js';
import type { ChatChunk, ChatCompletion } from '../openai-types.js';
import { categoriesOf, leadingCategory, type RequestInfo } from './record.js';
import { sseResponse, sseData } from './sse-response.js';

export function rampartField(info: RequestInfo, d: Decision) {
  return { decision: info.id, stage: d.stage, action: d.action, categories: categoriesOf(d) };
}

export function blockedResponse(
  gw: GatewayContext,
  info: RequestInfo,
  d: Decision,
  stream: boolean,
  headers: Record<string, string>,
  /** Routes with no completion to stand in for (embeddings) always answer the error. */
  mode: 'error' | 'refusal' = gw.config.on_block,
): Response {
  const category = leadingCategory(d);
  if (mode === 'error')
    return errorResponse(
      {
        status: 400,
        type: 'rampart_policy_violation',
        code: category,
        message: `Rampart blocked this request (${categoriesOf(d).join(', ')}); decision ${info.id}`,
        extra: { rampart: rampartField(info, d) },
      },
      headers,
    );
  const created = Math.floor(Date.now() / 1000);
  const id = `chatcmpl-${info.id}`;
  const content = gw.config.refusal_message;
  if (!stream) {
    const body: ChatCompletion = {
      id,
      object: 'chat.completion',
      created,
      model: info.model,
      choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
      rampart: rampartField(info, d),
    };
    return new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'content-type': 'application/json', ...headers },
    });
  }
  const chunk = (delta: ChatChunk['choices'][0]['delta'], finish: ChatChunk['choices'][0]['finish_reason']) =>
    sseData({
      id,
      object: 'chat.completion.chunk',
      created,
      model: info.model,
      choices: [{ index: 0, delta, finish_reason: finish }],
    });
  async function* events() {
    yield chunk({ role: 'assistant', content }, null);
    yield chunk({}, 'stop');
    yield 'data: [DONE]\n\n';
  }
  return sseResponse(events(), headers);
}
