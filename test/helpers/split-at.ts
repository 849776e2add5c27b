// Stream chunkings for property tests: a text cut at arbitrary points, as an upstream might send it.

/** Splits `text` at the given cut points (any numbers; reduced into range); no empty chunks. */
export function splitAt(text: string, cuts: readonly number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let at = 0;
  for (const p of points) {
    if (p > at) out.push(text.slice(at, p));
    at = Math.max(at, p);
  }
  out.push(text.slice(at));
  return out.filter((c) => c.length > 0);
}
