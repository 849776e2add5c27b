// Recovers WHERE the instruction sits in each embedded-injection document by diffing it against its clean
// twin (same carrier, same wrapper, same split): the untrusted head then learns from the injected sentence
// itself, and the carrier's other sentences are negatives, instead of calling a whole document "positive".
import type { Span } from '../../src/core/types.js';

const KEY = 48;

/** Span of `injected` that was inserted into `clean`, or undefined if it is not a pure insertion. */
export function insertedSpan(injected: string, clean: string): Span | undefined {
  const max = Math.min(injected.length, clean.length);
  let p = 0;
  while (p < max && injected.charCodeAt(p) === clean.charCodeAt(p)) p++;
  let s = 0;
  while (
    s < max - p &&
    injected.charCodeAt(injected.length - 1 - s) === clean.charCodeAt(clean.length - 1 - s)
  )
    s++;
  // Allow a few characters of the clean text to be replaced (a separator around the insertion).
  if (clean.length - p - s > 4) return undefined;
  const span: Span = [p, injected.length - s];
  return span[1] - span[0] >= 8 ? span : undefined;
}

export class TwinIndex {
  private readonly byHead = new Map<string, string[]>();
  private readonly byTail = new Map<string, string[]>();

  constructor(cleanTexts: Iterable<string>) {
    for (const t of cleanTexts) {
      if (t.length < KEY * 2) continue;
      this.add(this.byHead, t.slice(0, KEY), t);
      this.add(this.byTail, t.slice(-KEY), t);
    }
  }

  private add(m: Map<string, string[]>, k: string, t: string): void {
    const list = m.get(k);
    if (list === undefined) m.set(k, [t]);
    else if (list.length < 64) list.push(t);
  }

  /** The inserted span of the best-matching clean twin (longest shared text), if any. */
  find(injected: string): Span | undefined {
    const cands = [
      ...(this.byHead.get(injected.slice(0, KEY)) ?? []),
      ...(this.byTail.get(injected.slice(-KEY)) ?? []),
    ];
    let best: Span | undefined;
    for (const c of cands) {
      const span = insertedSpan(injected, c);
      if (span !== undefined && (best === undefined || span[1] - span[0] < best[1] - best[0])) best = span;
    }
    return best;
  }
}
