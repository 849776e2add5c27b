// Splits a document into chunks of at most `maxChars`: whole paragraphs packed together where they fit,
// a longer paragraph cut after a sentence end or, failing that, at a space or hard at the limit.
// Chunks are the original text, trimmed; nothing is rewritten, so each chunk's hash is of what was scanned.

export const DEFAULT_CHUNK_CHARS = 1200;

export function chunkText(text: string, maxChars = DEFAULT_CHUNK_CHARS): string[] {
  const out: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim()) out.push(current.trim());
    current = '';
  };
  for (const para of text.split(/\n[ \t]*\n/u)) {
    if (!para.trim()) continue;
    if (current && current.length + 2 + para.length <= maxChars) {
      current += `\n\n${para}`;
      continue;
    }
    flush();
    let rest = para;
    while (rest.length > maxChars) {
      const cut = cutPoint(rest, maxChars);
      current = rest.slice(0, cut);
      flush();
      rest = rest.slice(cut);
    }
    current = rest;
  }
  flush();
  return out;
}

function cutPoint(s: string, max: number): number {
  const window = s.slice(0, max);
  const sentence = Math.max(window.lastIndexOf('. '), window.lastIndexOf('! '), window.lastIndexOf('? '));
  if (sentence > max / 2) return sentence + 1;
  const space = window.lastIndexOf(' ');
  if (space > max / 2) return space;
  // Do not cut a surrogate pair in two.
  const code = s.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}
