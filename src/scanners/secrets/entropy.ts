// Randomness measures used to tell a generated credential from a word, an identifier or a placeholder.

// Scratch counters for the ASCII fast path, reset after each call (scans are synchronous).
const ascii = new Uint32Array(128);

/** Shannon entropy in bits per character (over UTF-16 code units). */
export function shannonEntropy(s: string): number {
  const n = s.length;
  if (n === 0) return 0;
  let wide: Map<number, number> | undefined;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) ascii[c]!++;
    else (wide ??= new Map()).set(c, (wide.get(c) ?? 0) + 1);
  }
  let h = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const k = c < 128 ? ascii[c]! : 0;
    if (k > 0) {
      h -= (k / n) * Math.log2(k / n);
      ascii[c] = 0;
    }
  }
  if (wide) for (const k of wide.values()) h -= (k / n) * Math.log2(k / n);
  return h;
}

/** Number of distinct code units, counting no further than `cap` + 1. */
export function distinctAtMost(s: string, cap: number): number {
  const seen: number[] = [];
  for (let i = 0; i < s.length && seen.length <= cap; i++) {
    const c = s.charCodeAt(i);
    if (!seen.includes(c)) seen.push(c);
  }
  return seen.length;
}

/** How many of lower case, upper case, digits and other characters occur in `s` (0..4). */
export function charClassCount(s: string): number {
  let lower = 0;
  let upper = 0;
  let digit = 0;
  let other = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) lower = 1;
    else if (c >= 65 && c <= 90) upper = 1;
    else if (c >= 48 && c <= 57) digit = 1;
    else other = 1;
  }
  return lower + upper + digit + other;
}

/**
 * Entropy a random value of this length is expected to clear. Shannon entropy per character cannot exceed
 * log2(length), so a fixed bar would reject every short password: below ~23 characters the bar scales
 * down with log2(length). At the default entropyMin of 3.5 that is 0.82·log2(length), which random
 * passwords clear and words, repeats and identifiers mostly do not.
 */
export function entropyBar(length: number, entropyMin: number): number {
  return entropyMin * Math.min(1, (0.82 / 3.5) * Math.log2(Math.max(length, 2)));
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * Whether `s` holds a run that marks a filler rather than random data: one character repeated (xxxxx,
 * *****), or consecutive code points (abcdef, 654321). Digit runs must be longer (8): numeric segments of
 * real tokens (Slack ids, snowflakes) are short-alphabet, so shorter digit runs occur by chance.
 */
export function hasFillerRun(s: string): boolean {
  let same = 1;
  let up = 1;
  let down = 1;
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const d = c - s.charCodeAt(i - 1);
    same = d === 0 ? same + 1 : 1;
    up = d === 1 ? up + 1 : 1;
    down = d === -1 ? down + 1 : 1;
    const digit = isDigit(c);
    if (same >= (digit ? 8 : 5) || Math.max(up, down) >= (digit ? 8 : 6)) return true;
  }
  return false;
}
