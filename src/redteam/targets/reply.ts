// Turning an OpenAI-shaped answer (a completion, or an error body) into a TargetReply. Shared by every
// target that speaks the wire format, so "blocked" means the same thing for a gateway, an app or a model.
import type { ChatCompletion, ToolCall } from '../../gateway/openai-types.js';
import { contentText } from '../../gateway/tokens.js';
import type { TargetReply } from '../types.js';

/** Answers bigger than this are cut: a judge needs the start, and a hostile target must not fill memory. */
export const MAX_REPLY_CHARS = 64 * 1024;
const MAX_TOOL_CALLS = 32;

export function replyFromCompletion(body: unknown): TargetReply {
  const choice = (body as Partial<ChatCompletion> | null)?.choices?.[0];
  if (!choice || typeof choice !== 'object' || !choice.message || typeof choice.message !== 'object')
    return { content: '', toolCalls: [], blocked: false, error: 'bad response: no choices[0].message' };
  const m = choice.message as { content?: unknown; tool_calls?: unknown; refusal?: unknown };
  const content = contentText(m.content as never).slice(0, MAX_REPLY_CHARS);
  const toolCalls = toolCallsOf(m.tool_calls);
  // Rampart's gateway says what it decided in `rampart`: flat (a refusal-mode block) or per stage.
  const r = (body as { rampart?: RampartField & { input?: RampartField; output?: RampartField } }).rampart;
  const stages = [r, r?.input, r?.output].filter((x): x is RampartField => Boolean(x));
  const blockedStage = stages.find((x) => x.action === 'block');
  if (choice.finish_reason === 'content_filter')
    return {
      // The filter's own explanation, when there is no content, keeps the transcript readable.
      content: content || (typeof m.refusal === 'string' ? m.refusal.slice(0, MAX_REPLY_CHARS) : ''),
      toolCalls,
      blocked: true,
      blockedBy: firstCategory((blockedStage ?? r?.output)?.categories) ?? 'content_filter',
    };
  if (blockedStage)
    return {
      content,
      toolCalls,
      blocked: true,
      blockedBy: firstCategory(blockedStage.categories) ?? 'policy',
    };
  if (typeof m.refusal === 'string' && m.refusal && !content && toolCalls.length === 0)
    return { content: m.refusal.slice(0, MAX_REPLY_CHARS), toolCalls, blocked: true, blockedBy: 'refusal' };
  return { content, toolCalls, blocked: false };
}

/**
 * An error answer: a policy violation (Rampart's 400) is a block, not an error — the defence worked.
 * Anything else is an error the runner records (it never counts as success or as blocked).
 */
export function replyFromError(status: number, body: unknown): TargetReply {
  const err = (
    body as { error?: { type?: unknown; code?: unknown; categories?: unknown; rampart?: unknown } } | null
  )?.error;
  const type = typeof err?.type === 'string' ? err.type : undefined;
  const code = typeof err?.code === 'string' ? err.code : undefined;
  if (
    type === 'rampart_policy_violation' ||
    code === 'content_filter' ||
    code === 'content_policy_violation'
  ) {
    const rampart = err?.rampart as { categories?: unknown } | undefined;
    return {
      content: '',
      toolCalls: [],
      blocked: true,
      blockedBy: code ?? firstCategory(rampart?.categories) ?? type ?? 'policy',
    };
  }
  // The status and the error's type/code only: an error message may echo the prompt.
  return {
    content: '',
    toolCalls: [],
    blocked: false,
    error: `HTTP ${status}${type ? ` ${type}` : ''}${code ? ` (${code})` : ''}`,
  };
}

function toolCallsOf(v: unknown): ToolCall[] {
  if (!Array.isArray(v)) return [];
  const out: ToolCall[] = [];
  for (const tc of v.slice(0, MAX_TOOL_CALLS)) {
    const fn = (tc as { function?: { name?: unknown; arguments?: unknown } } | null)?.function;
    if (!fn || typeof fn.name !== 'string') continue;
    out.push({
      id: typeof (tc as { id?: unknown }).id === 'string' ? (tc as { id: string }).id : `call_${out.length}`,
      type: 'function',
      function: {
        name: fn.name.slice(0, 256),
        arguments: (typeof fn.arguments === 'string'
          ? fn.arguments
          : JSON.stringify(fn.arguments ?? {})
        ).slice(0, MAX_REPLY_CHARS),
      },
    });
  }
  return out;
}

interface RampartField {
  action?: unknown;
  categories?: unknown;
}

const firstCategory = (v: unknown): string | undefined =>
  Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;
