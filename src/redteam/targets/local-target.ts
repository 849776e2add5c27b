// The built-in `rampart-local` model, called directly (no HTTP, no guard): a naive, obedient model that
// follows injected instructions. It is the "no defence" baseline the gateway target is compared with.
import type { ChatMessage, ToolDefinition } from '../../gateway/openai-types.js';
import { createLocalModel, LOCAL_MODEL_ID } from '../../local-model/model.js';
import type { RedteamTarget, TargetReply } from '../types.js';
import { errorReply } from './http-target.js';
import { replyFromCompletion } from './reply.js';

export function localTarget(): RedteamTarget {
  const model = createLocalModel();
  return {
    name: LOCAL_MODEL_ID,
    async send(messages: ChatMessage[], tools?: ToolDefinition[]): Promise<TargetReply> {
      try {
        const completion = await model.complete({
          model: LOCAL_MODEL_ID,
          messages,
          ...(tools && tools.length > 0 ? { tools } : {}),
        });
        return replyFromCompletion(completion);
      } catch (e) {
        return errorReply(`local model failed (${(e as Error)?.name ?? 'error'})`);
      }
    },
  };
}
