// Spotlighting applied to chat messages, for a caller that already has them (the gateway): the text of
// every message the predicate marks untrusted becomes a block, all under one boundary for the request,
// and one system message with the mode's sentence goes first. Other messages pass unchanged.
import { spotlight, type Spotlighted, type SpotlightOptions } from './spotlight.js';

interface TextPart {
  type: string;
  text?: unknown;
}

interface MessageLike {
  role: string;
  content?: unknown;
}

export function spotlightMessages<M extends MessageLike>(
  messages: readonly M[],
  isUntrusted: (m: M, index: number) => boolean,
  opts: SpotlightOptions = {},
): { messages: Array<M | { role: 'system'; content: string }>; spotlight?: Spotlighted } {
  // Where each untrusted text sits: message index, and content part index (undefined: string content).
  const at: Array<{ message: number; part?: number }> = [];
  const texts: string[] = [];
  const others: string[] = [];
  messages.forEach((m, i) => {
    const untrusted = isUntrusted(m, i);
    const take = (text: string, part?: number) => {
      if (!untrusted) return others.push(text);
      at.push({ message: i, ...(part !== undefined ? { part } : {}) });
      texts.push(text);
    };
    if (typeof m.content === 'string') take(m.content);
    else if (Array.isArray(m.content))
      (m.content as TextPart[]).forEach(
        (p, j) => typeof p?.text === 'string' && p.type === 'text' && take(p.text, j),
      );
  });
  if (texts.length === 0) return { messages: [...messages] };

  const s = spotlight(
    texts.map((text) => ({ text })),
    { ...opts, exclude: [...(opts.exclude ?? []), ...others] },
  );
  const out: M[] = [...messages];
  at.forEach(({ message, part }, k) => {
    const m = { ...out[message]! };
    if (part === undefined) m.content = s.blocks[k];
    else {
      const parts = [...(m.content as TextPart[])];
      parts[part] = { ...parts[part]!, text: s.blocks[k] };
      m.content = parts;
    }
    out[message] = m;
  });
  return { messages: [{ role: 'system', content: s.systemNote }, ...out], spotlight: s };
}
