// A target from a plain function, for library users who red-team their own pipeline in-process. A
// thrown error becomes an `error` reply (recorded, never a success), so one bad case cannot stop a run.
import type { ChatMessage, ToolDefinition } from '../../gateway/openai-types.js';
import type { RedteamTarget, TargetReply } from '../types.js';
import { errorReply } from './http-target.js';

export type TargetFunction = (
  messages: ChatMessage[],
  tools?: ToolDefinition[],
) => Promise<string | Partial<TargetReply>> | string | Partial<TargetReply>;

export function functionTarget(fn: TargetFunction, name = 'function'): RedteamTarget {
  return {
    name,
    async send(messages, tools): Promise<TargetReply> {
      try {
        const r = await fn(messages, tools);
        if (typeof r === 'string') return { content: r, toolCalls: [], blocked: false };
        return {
          content: typeof r.content === 'string' ? r.content : '',
          toolCalls: Array.isArray(r.toolCalls) ? r.toolCalls : [],
          blocked: r.blocked === true,
          ...(r.blockedBy !== undefined ? { blockedBy: r.blockedBy } : {}),
          ...(r.error !== undefined ? { error: r.error } : {}),
        };
      } catch (e) {
        return errorReply(`target function threw (${(e as Error)?.name ?? 'error'})`);
      }
    },
  };
}
