// Building what a target sees for a case: the system prompt, the user turns one by one, and — for indirect
// attacks — the poisoned document as the result of a tool call the assistant made, placed right after the
// user turn that asked for it (expand.ts's documentTurn) and BEFORE the model answers: exactly how an agent or RAG app
// hands untrusted data to its model.
import type { ChatMessage, ToolCall } from '../gateway/openai-types.js';
import type { TargetReply } from './types.js';
import type { RunnableCase, TranscriptMessage } from './runner-types.js';

/** Transcripts keep this much of each message (reports stay readable and bounded). */
export const MAX_TRANSCRIPT_CHARS = 8000;

export const DOCUMENT_CALL_ID = 'call_redteam_document';

export function initialMessages(c: RunnableCase): ChatMessage[] {
  return c.system ? [{ role: 'system', content: c.system }] : [];
}

/**
 * Which of the case's turns are sent when it has more than `maxTurns`: the first `maxTurns - 1` lead-in
 * turns and the LAST one, because the last turn carries the payload (strategies put the attack there).
 */
export function turnsToSend(c: RunnableCase, maxTurns: number): number[] {
  const n = c.turns.length;
  if (n <= maxTurns) return Array.from({ length: n }, (_, i) => i);
  return [...Array.from({ length: maxTurns - 1 }, (_, i) => i), n - 1];
}

/** The turn after which the document is delivered: the case's `documentTurn`, else its last turn sent. */
export function documentAfter(c: RunnableCase, sent: readonly number[]): number | undefined {
  if (!c.document || sent.length === 0) return undefined;
  const want = c.documentTurn ?? c.turns.length - 1;
  return sent.includes(want) ? want : sent[sent.length - 1];
}

/** The messages to append for the case's user turn `index`. */
export function userTurnMessages(
  c: RunnableCase,
  index: number,
  docAfter: number | undefined,
): ChatMessage[] {
  const msgs: ChatMessage[] = [{ role: 'user', content: c.turns[index] ?? '' }];
  if (c.document && index === docAfter) {
    const call: ToolCall = {
      id: DOCUMENT_CALL_ID,
      type: 'function',
      function: { name: c.document.tool, arguments: '{}' },
    };
    msgs.push(
      { role: 'assistant', content: null, tool_calls: [call] },
      { role: 'tool', tool_call_id: DOCUMENT_CALL_ID, content: c.document.text },
    );
  }
  return msgs;
}

/**
 * The assistant's reply as the next request's history. Tool calls get a neutral result each, since an
 * OpenAI-compatible API rejects an assistant tool call that is not followed by its tool message.
 */
export function replyMessages(reply: TargetReply): ChatMessage[] {
  const msgs: ChatMessage[] = [
    {
      role: 'assistant',
      content: reply.content || (reply.toolCalls.length > 0 ? null : ''),
      ...(reply.toolCalls.length > 0 ? { tool_calls: reply.toolCalls } : {}),
    },
  ];
  for (const tc of reply.toolCalls)
    msgs.push({ role: 'tool', tool_call_id: tc.id, content: '{"status":"ok"}' });
  return msgs;
}

export function toTranscript(m: ChatMessage): TranscriptMessage {
  const content = typeof m.content === 'string' ? m.content : m.content ? JSON.stringify(m.content) : '';
  return {
    role: m.role,
    content: cap(content),
    ...(m.tool_calls ? { tool_calls: m.tool_calls.map(capCall) } : {}),
    ...(m.tool_call_id ? { tool_call_id: m.tool_call_id } : {}),
  };
}

export function replyTranscript(r: TargetReply): TranscriptMessage {
  return {
    role: 'assistant',
    content: cap(r.error ? `[target error: ${r.error}]` : r.content),
    ...(r.toolCalls.length > 0 ? { tool_calls: r.toolCalls.map(capCall) } : {}),
    ...(r.blocked ? { blocked: true, ...(r.blockedBy ? { blockedBy: r.blockedBy } : {}) } : {}),
  };
}

const cap = (s: string) => (s.length > MAX_TRANSCRIPT_CHARS ? `${s.slice(0, MAX_TRANSCRIPT_CHARS)}…` : s);
const capCall = (t: ToolCall): ToolCall => ({
  ...t,
  function: { ...t.function, arguments: cap(t.function.arguments) },
});
