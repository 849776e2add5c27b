// Token ESTIMATES for budgets, limits and usage of the built-in model. Not a real tokenizer: shipping
// one per provider would be heavy and still wrong for some models. The rule is cheap, deterministic and
// errs on the high side for budget purposes: max(ceil(chars / 4), number of words), where a "word" is a
// run of letters/digits or a single other non-space character (punctuation is usually its own token).
import type { ChatRequest, ContentPart } from './openai-types.js';

/** Estimated token count of `text` (see the file comment for the rule). */
export function estimateTokens(text: string): number {
  if (text.length === 0) return 0;
  const byChars = Math.ceil(text.length / 4);
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || (c >= 9 && c <= 13);
    const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 128;
    if (space) inWord = false;
    else if (alnum) {
      if (!inWord) words++;
      inWord = true;
    } else {
      words++;
      inWord = false;
    }
  }
  return Math.max(byChars, words);
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
