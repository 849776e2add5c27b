// Trailing-character trimming without a regular expression: `/[.!?]+$/` is quadratic on a long run of those
// characters that does not end the text (each start position rescans the run), and hostile text has them.

/** `text` without the characters of `chars` at its end (code units; `chars` must hold no surrogates). */
export function trimEndChars(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1]!)) end--;
  return end === text.length ? text : text.slice(0, end);
}
