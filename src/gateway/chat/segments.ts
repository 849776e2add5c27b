// Chat messages → labelled Segments for the guard, and the guard's redactions back into the messages.
// Trust follows who wrote the text: system/developer → system (the application's own instruction, not
// scanned for injection) unless the key's trust_client_roles is `user`, when a client may be anyone holding
// the key and its system/developer messages are scanned as user text (still checked for leaks on output);
// user → user; tool/function results → untrusted (data must never instruct).
// Earlier assistant turns are scanned as user text: the client writes them and can forge them
// (many-shot jailbreaks put fake assistant answers in the history).
// A message may carry `rampart: { trust: 'untrusted', source }` to mark retrieved documents a RAG app
// puts into a user message; the field is removed before the request goes upstream.
import type { Segment, Trust } from '../../core/types.js';
import { RampartError } from '../../core/errors.js';
import type { ChatMessage, ChatRequest, ContentPart } from '../openai-types.js';

/** Where a segment's text came from, so a redacted segment can be written back. */
export interface SegmentOrigin {
  message: number;
  /** Index of the content part; undefined when content is a plain string. */
  part?: number;
}

export interface ChatSegments {
  segments: Segment[];
  origins: SegmentOrigin[];
  /** Text of the system/developer messages: output is checked for leaks of it. */
  systemPrompts: string[];
}

const ROLE_TRUST: Record<string, Trust> = {
  system: 'system',
  developer: 'system',
  user: 'user',
  assistant: 'user',
  tool: 'untrusted',
  function: 'untrusted',
};

function trustOf(m: ChatMessage, index: number): Trust {
  const marker = m.rampart as { trust?: unknown } | undefined;
  if (marker !== undefined) {
    if (marker === null || typeof marker !== 'object' || marker.trust !== 'untrusted')
      throw new RampartError(
        'INPUT_INVALID',
        `messages[${index}].rampart: only { "trust": "untrusted" } is accepted (a client cannot raise trust)`,
      );
    return 'untrusted';
  }
  const t = ROLE_TRUST[m.role];
  if (!t) throw new RampartError('INPUT_INVALID', `messages[${index}].role: unknown role`);
  return t;
}

const isTextPart = (p: ContentPart): p is { type: 'text'; text: string } =>
  p.type === 'text' && typeof (p as { text?: unknown }).text === 'string';

export interface ChatSegmentsOptions {
  /** `user`: the client's system/developer messages are scanned as user text. Default `system`. */
  trustClientRoles?: 'system' | 'user';
}

export function chatSegments(req: ChatRequest, opts: ChatSegmentsOptions = {}): ChatSegments {
  const segments: Segment[] = [];
  const origins: SegmentOrigin[] = [];
  const systemPrompts: string[] = [];
  req.messages.forEach((m, i) => {
    const declared = trustOf(m, i);
    const fromSystem = declared === 'system';
    const trust: Trust = fromSystem && opts.trustClientRoles === 'user' ? 'user' : declared;
    const marker = m.rampart as { source?: unknown } | undefined;
    const source = typeof marker?.source === 'string' ? marker.source.slice(0, 200) : m.role;
    const add = (text: string, part?: number) => {
      if (text.length === 0) return;
      if (fromSystem) systemPrompts.push(text);
      segments.push({ text, trust, role: m.role, source });
      origins.push({ message: i, part });
    };
    if (typeof m.content === 'string') add(m.content);
    else if (Array.isArray(m.content)) m.content.forEach((p, j) => isTextPart(p) && add(p.text, j));
  });
  return { segments, origins, systemPrompts };
}

/** The request as it goes upstream: redacted texts written back, Rampart's own fields removed. */
export function upstreamMessages(
  req: ChatRequest,
  origins: readonly SegmentOrigin[],
  redacted: readonly Segment[] | undefined,
): ChatMessage[] {
  const messages = req.messages.map((m) => {
    if (m.rampart === undefined) return m;
    const copy = { ...m };
    delete copy.rampart;
    return copy;
  });
  if (!redacted) return messages;
  redacted.forEach((seg, k) => {
    const o = origins[k]!;
    const m = { ...messages[o.message]! };
    if (o.part === undefined) m.content = seg.text;
    else {
      const parts = [...(m.content as ContentPart[])];
      parts[o.part] = { ...parts[o.part]!, text: seg.text } as ContentPart;
      m.content = parts;
    }
    messages[o.message] = m;
  });
  return messages;
}
