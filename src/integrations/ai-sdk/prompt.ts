// An AI SDK prompt (LanguageModelV4Prompt) → labelled Segments for the guard, and the guard's redactions
// written back. The gateway's trust rules: system messages are the application's own (trusted, kept for
// output leak checks), user text is the user's, earlier assistant turns are scanned as user text (they can
// be forged in a history), and tool results — the tool role's, or a provider-executed tool's in an
// assistant message — are untrusted data. Inline text files a user attaches are untrusted documents.
import type { LanguageModelMiddleware } from 'ai';
import type { Segment, Trust } from '../../core/types.js';

export type CallOptions = Parameters<NonNullable<LanguageModelMiddleware['transformParams']>>[0]['params'];
export type Prompt = CallOptions['prompt'];
type Message = Prompt[number];
type Part = Exclude<Message, { role: 'system' }>['content'][number];
type ToolResultOutput = Extract<Part, { type: 'tool-result' }>['output'];

/** Where a segment's text came from: the message, the content part, and which text of the part. */
export interface PromptOrigin {
  message: number;
  /** Undefined for a system message (its content is a string). */
  part?: number;
  /** For a tool result of type `content`: the index of its text item. */
  item?: number;
}

export interface PromptSegments {
  segments: Segment[];
  origins: PromptOrigin[];
  /** The system messages' text: answers are checked for leaks of it. */
  systemPrompts: string[];
}

const ROLE_TRUST: Record<Message['role'], Trust> = {
  system: 'system',
  user: 'user',
  assistant: 'user',
  tool: 'untrusted',
};

/** The text a tool result carries: strings as they are, JSON values serialized. */
function toolOutputText(output: ToolResultOutput): Array<{ text: string; item?: number }> {
  switch (output.type) {
    case 'text':
    case 'error-text':
      return [{ text: output.value }];
    case 'json':
    case 'error-json':
      return [{ text: JSON.stringify(output.value) ?? '' }];
    case 'execution-denied':
      return output.reason ? [{ text: output.reason }] : [];
    case 'content':
      return output.value.flatMap((v, item) => (v.type === 'text' ? [{ text: v.text, item }] : []));
    default:
      return [];
  }
}

export function promptSegments(prompt: Prompt): PromptSegments {
  const segments: Segment[] = [];
  const origins: PromptOrigin[] = [];
  const systemPrompts: string[] = [];
  const add = (text: string, trust: Trust, role: string, source: string, origin: PromptOrigin) => {
    if (text.length === 0) return;
    if (trust === 'system') systemPrompts.push(text);
    segments.push({ text, trust, role, source });
    origins.push(origin);
  };
  prompt.forEach((m, message) => {
    const trust = ROLE_TRUST[m.role];
    if (m.role === 'system') {
      add(m.content, trust, m.role, m.role, { message });
      return;
    }
    m.content.forEach((p, part) => {
      if (p.type === 'text' || p.type === 'reasoning') add(p.text, trust, m.role, m.role, { message, part });
      else if (p.type === 'file' && p.data.type === 'text')
        add(p.data.text, 'untrusted', m.role, p.filename?.slice(0, 200) ?? 'file', { message, part });
      else if (p.type === 'tool-result')
        for (const { text, item } of toolOutputText(p.output))
          add(text, 'untrusted', m.role, `tool:${p.toolName.slice(0, 64)}`, { message, part, item });
    });
  });
  return { segments, origins, systemPrompts };
}

/** A tool result with its text replaced by the redacted text (a JSON value that no longer parses becomes text). */
function redactOutput(output: ToolResultOutput, text: string, item: number | undefined): ToolResultOutput {
  switch (output.type) {
    case 'text':
    case 'error-text':
      return { ...output, value: text };
    case 'json':
    case 'error-json':
      try {
        return { ...output, value: JSON.parse(text) as typeof output.value };
      } catch {
        return { type: output.type === 'json' ? 'text' : 'error-text', value: text };
      }
    case 'execution-denied':
      return { ...output, reason: text };
    case 'content':
      return {
        ...output,
        value: output.value.map((v, k) => (k === item && v.type === 'text' ? { ...v, text } : v)),
      };
    default:
      return output;
  }
}

/** The prompt with each redacted segment's text written back where it came from (copies; the input is untouched). */
export function redactPrompt(
  prompt: Prompt,
  origins: readonly PromptOrigin[],
  redacted: readonly Segment[],
): Prompt {
  const out = prompt.map((m) =>
    m.role === 'system' ? { ...m } : { ...m, content: [...m.content] },
  ) as Prompt;
  redacted.forEach((seg, k) => {
    const o = origins[k];
    if (!o) return;
    const m = out[o.message]!;
    if (m.role === 'system' || o.part === undefined) {
      if (m.role === 'system') m.content = seg.text;
      return;
    }
    const content = m.content as Part[];
    const p = content[o.part]!;
    if (p.type === 'text' || p.type === 'reasoning') content[o.part] = { ...p, text: seg.text };
    else if (p.type === 'file' && p.data.type === 'text')
      content[o.part] = { ...p, data: { ...p.data, text: seg.text } };
    else if (p.type === 'tool-result')
      content[o.part] = { ...p, output: redactOutput(p.output, seg.text, o.item) };
  });
  return out;
}
