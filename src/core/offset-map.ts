import type { Span } from './types.js';

/**
 * Maps positions in a transformed (canonical) text back to the original text.
 * For every code unit i of the transformed text, starts[i]..ends[i] is the range of original code units
 * it came from. Both arrays are non-decreasing, so any span maps to a span, and findings always point
 * at the characters the user actually sent.
 */
export class OffsetMap {
  constructor(
    readonly starts: Int32Array,
    readonly ends: Int32Array,
    readonly originalLength: number,
  ) {}

  static identity(length: number): OffsetMap {
    const starts = new Int32Array(length);
    const ends = new Int32Array(length);
    for (let i = 0; i < length; i++) {
      starts[i] = i;
      ends[i] = i + 1;
    }
    return new OffsetMap(starts, ends, length);
  }

  get length(): number {
    return this.starts.length;
  }

  /** Maps a half-open span of the transformed text to the smallest original span that produced it. */
  toOriginal(span: Span): Span {
    const len = this.length;
    const s = Math.max(0, Math.min(span[0], len));
    const e = Math.max(s, Math.min(span[1], len));
    if (len === 0) return [0, this.originalLength];
    if (s === e) {
      const p = s >= len ? this.originalLength : this.starts[s]!;
      return [p, p];
    }
    return [this.starts[s]!, this.ends[e - 1]!];
  }

  /** `next` maps a later text onto the text this map's positions come from; the result maps it onto the original. */
  compose(next: OffsetMap): OffsetMap {
    const n = next.length;
    const starts = new Int32Array(n);
    const ends = new Int32Array(n);
    const mid = this.length;
    for (let i = 0; i < n; i++) {
      const a = next.starts[i]!;
      const b = next.ends[i]!;
      starts[i] = a < mid ? this.starts[a]! : this.originalLength;
      ends[i] = b > a && b - 1 < mid ? this.ends[b - 1]! : a < mid ? this.ends[a]! : this.originalLength;
    }
    return new OffsetMap(starts, ends, this.originalLength);
  }
}

/** Builds a transformed string and its OffsetMap in one pass, without per-character allocations. */
export class OffsetMapBuilder {
  private parts: string[] = [];
  private starts: Int32Array;
  private ends: Int32Array;
  private n = 0;

  constructor(
    private readonly originalLength: number,
    capacityHint = originalLength,
  ) {
    this.starts = new Int32Array(Math.max(16, capacityHint));
    this.ends = new Int32Array(Math.max(16, capacityHint));
  }

  private grow(extra: number): void {
    const need = this.n + extra;
    if (need <= this.starts.length) return;
    let cap = this.starts.length * 2;
    while (cap < need) cap *= 2;
    const s = new Int32Array(cap);
    s.set(this.starts.subarray(0, this.n));
    const e = new Int32Array(cap);
    e.set(this.ends.subarray(0, this.n));
    this.starts = s;
    this.ends = e;
  }

  /** Copies original[from, to) unchanged: each code unit maps to itself. */
  copy(original: string, from: number, to: number): void {
    if (to <= from) return;
    const k = to - from;
    this.grow(k);
    for (let j = 0; j < k; j++) {
      this.starts[this.n + j] = from + j;
      this.ends[this.n + j] = from + j + 1;
    }
    this.n += k;
    this.parts.push(original.slice(from, to));
  }

  /** Emits replacement text that stands for original[from, to) as a whole. */
  emit(text: string, from: number, to: number): void {
    const k = text.length;
    if (k === 0) return;
    this.grow(k);
    this.starts.fill(from, this.n, this.n + k);
    this.ends.fill(to, this.n, this.n + k);
    this.n += k;
    this.parts.push(text);
  }

  get size(): number {
    return this.n;
  }

  build(): { text: string; map: OffsetMap } {
    return {
      text: this.parts.join(''),
      map: new OffsetMap(this.starts.slice(0, this.n), this.ends.slice(0, this.n), this.originalLength),
    };
  }
}
