// Token ESTIMATES for budgets, limits and usage of the built-in model. Not a real tokenizer: shipping
// one per provider would be heavy and still wrong for some models. The rule is cheap, deterministic and
// errs on the high side for budget purposes: max(ceil(chars / 4), number of words), where a "word" is a
// run of letters/digits or a single other non-space character (punctuation is usually its own token).
import type { ChatRequest, ContentPart } from './openai-types.js';

// Character classes for the ASCII range (0 space, 1 letter/digit, 2 other); everything from 128 up counts
// as a letter. A table lookup instead of a chain of comparisons: this runs over every prompt.
const SPACE = 0;
const ALNUM = 1;
const OTHER = 2;
const ASCII_CLASS = new Uint8Array(128).map((_, c) =>
  c === 32 || (c >= 9 && c <= 13)
    ? SPACE
    : (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
      ? ALNUM
      : OTHER,
);

/** Estimated token count of `text` (see the file comment for the rule). */
export function estimateTokens(text: string): number {
  const n = text.length;
  if (n === 0) return 0;
  let words = 0;
  let prev = SPACE;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const k = c < 128 ? ASCII_CLASS[c]! : ALNUM;
    // A word starts at a letter/digit after a non-letter; every other non-space character is its own word.
    if (k === OTHER || (k === ALNUM && prev !== ALNUM)) words++;
    prev = k;
  }
  return Math.max(Math.ceil(n / 4), words);
}

/** The text of a message's content: a string, or the `text` of its text parts. */
export function contentText(content: string | ContentPart[] | null | undefined): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  const texts: string[] = [];
  for (const p of content) {
    if (p && typeof p === 'object' && p.type === 'text' && typeof p.text === 'string') texts.push(p.text);
  }
  return texts.join('\n');
}

/** Per-message framing overhead (role markers), as OpenAI's own counting guide adds. */
const PER_MESSAGE = 4;

/** Estimated prompt tokens: every message's text and tool calls, plus the tool definitions. Total on any
 *  input shape (the gateway may count before validating), so it never throws. */
export function estimateRequestTokens(req: ChatRequest): number {
  let total = 0;
  for (const m of arr(req?.messages)) {
    if (!m || typeof m !== 'object') continue;
    total += PER_MESSAGE + estimateTokens(contentText(m.content));
    for (const tc of arr(m.tool_calls)) {
      total += estimateTokens(str(tc?.function?.name)) + estimateTokens(str(tc?.function?.arguments));
    }
  }
  for (const t of arr(req?.tools)) {
    let schema = '';
    try {
      schema = JSON.stringify(t?.function?.parameters ?? {}) ?? '';
    } catch {
      schema = '';
    }
    total += estimateTokens(`${str(t?.function?.name)} ${str(t?.function?.description)} ${schema}`);
  }
  return total;
}

const arr = <T>(v: T[] | null | undefined): T[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
