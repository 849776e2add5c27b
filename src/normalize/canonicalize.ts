// Canonicalization: attackers hide instructions in forms that models read but detectors do not (invisible and tag
// characters, look-alike letters, spelled-out words, nested encodings). Every scanner runs on the canonical text,
// and the offset map takes its findings back to the characters the user actually sent.
import { OffsetMap } from '../core/offset-map.js';
import type { ScannerFinding, Span } from '../core/types.js';
import { foldConfusables } from './confusables.js';
import { decodeBlobsFrom } from './decode-blobs.js';
import { decodeEscapes } from './decode-escapes.js';
import type { Decoded } from './decoded.js';
import { removeInvisible } from './invisible.js';
import { applyNfkc } from './nfkc.js';
import type { HiddenPayload, PassResult } from './pass.js';
import { decodeLeetspeak } from './leetspeak.js';
import { decodeReversed } from './reversed.js';
import { decodeRot13From } from './rot13.js';
import { prescan } from './prescan.js';
import { collapseSplitWords, collapseSplitWordsAscii } from './split-words.js';
import { decodeTagCharacters } from './tags.js';

export interface DerivedSegment {
  /** Canonical text of the decoded content. */
  text: string;
  /** Span of the encoded blob in the ORIGINAL top-level text. */
  span: Span;
  /** Encoding chain, e.g. 'base64' or 'base64>hex'. */
  via: string;
  /** 1..maxDepth. */
  depth: number;
}

export interface CanonicalText {
  text: string;
  /** Canonical → original. */
  map: OffsetMap;
  /** Evasion findings, spans in ORIGINAL coordinates. */
  signals: ScannerFinding[];
  /** Decoded blobs at all depths (flattened). */
  derived: DerivedSegment[];
}

export interface CanonicalizeOptions {
  /** Deepest nesting of encodings decoded (default 3). */
  maxDepth?: number;
  /** Total decoded characters stay within this multiple of the input length (default 4). */
  maxDecodedRatio?: number;
  /** Most derived segments kept, all depths together (default 256). */
  maxDerived?: number;
  /** Decode nested encodings into derived segments (default true). */
  decode?: boolean;
}

const DEFAULT_MAX_DEPTH = 3;
const DEFAULT_DECODED_RATIO = 4;
const DEFAULT_MAX_DERIVED = 256;

const PASSES: ReadonlyArray<(text: string) => PassResult | undefined> = [
  decodeTagCharacters,
  removeInvisible,
  applyNfkc,
  foldConfusables,
  collapseSplitWords,
];
const NON_ASCII_RE = /[^\x00-\x7F]/u;

interface Canonical {
  text: string;
  map: OffsetMap | undefined;
  signals: ScannerFinding[];
  hidden: HiddenPayload[];
}

/** Takes a span of the last map's text back through every map to the original. */
function spanToOriginal(maps: readonly OffsetMap[], span: Span): Span {
  let s = span;
  for (let j = maps.length - 1; j >= 0; j--) s = maps[j]!.toOriginal(s);
  return s;
}

/**
 * Composes the pass maps in one sweep (same result as chaining OffsetMap#compose), without materializing the
 * intermediate maps: on megabyte inputs those allocations dominated the cost of canonicalization.
 */
function composeAll(maps: readonly OffsetMap[]): OffsetMap {
  const last = maps[maps.length - 1]!;
  if (maps.length === 1) return last;
  const n = last.length;
  const starts = new Int32Array(n);
  const ends = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let a = last.starts[i]!;
    let b = last.ends[i]!;
    for (let j = maps.length - 2; j >= 0; j--) {
      const m = maps[j]!;
      const mid = m.length;
      const na = a < mid ? m.starts[a]! : m.originalLength;
      b = b > a && b - 1 < mid ? m.ends[b - 1]! : a < mid ? m.ends[a]! : m.originalLength;
      a = na;
    }
    starts[i] = a;
    ends[i] = b;
  }
  return new OffsetMap(starts, ends, maps[0]!.originalLength);
}

/** Runs the passes in order, taking every signal back to original coordinates. */
function runPasses(text: string): Canonical {
  let cur = text;
  const maps: OffsetMap[] = [];
  const signals: ScannerFinding[] = [];
  const hidden: HiddenPayload[] = [];
  // Plain ASCII cannot hold tag, invisible, compatibility or look-alike characters: only split words apply.
  const ascii = !NON_ASCII_RE.test(text);
  const first = ascii ? PASSES.length - 1 : 0;
  for (let p = first; p < PASSES.length; p++) {
    // For ASCII text the one pass left is collapseSplitWords, behind its cheap shape check.
    const r = ascii ? collapseSplitWordsAscii(cur) : PASSES[p]!(cur);
    if (!r) continue;
    for (const s of r.signals) signals.push(s.span ? { ...s, span: spanToOriginal(maps, s.span) } : s);
    if (r.hidden) for (const h of r.hidden) hidden.push({ ...h, span: spanToOriginal(maps, h.span) });
    maps.push(r.map);
    cur = r.text;
  }
  return { text: cur, map: maps.length > 0 ? composeAll(maps) : undefined, signals, hidden };
}

function findEncoded(text: string): Decoded[] {
  const pre = prescan(text);
  const found = [
    ...decodeBlobsFrom(text, pre.tokens),
    ...decodeEscapes(text),
    ...decodeRot13From(text, pre.rot13),
    ...decodeReversed(text),
    ...decodeLeetspeak(text),
  ];
  return found.sort((a, b) => a.span[0] - b.span[0] || b.span[1] - a.span[1]);
}

interface DecodeState {
  maxDepth: number;
  maxDerived: number;
  /** Characters of derived text still allowed. */
  budget: number;
  derived: DerivedSegment[];
  /** Signals found inside decoded content, one per category and encoding chain. */
  signals: Map<string, ScannerFinding>;
}

/**
 * Decodes what `canon` hides, canonicalizes each decoding and recurses into it. Spans of nested segments are the
 * span of their top-level blob: that is where the user can see (and a policy can redact) the encoded content.
 */
function decodeNested(
  canon: Canonical,
  depth: number,
  topSpan: Span | undefined,
  chain: string,
  st: DecodeState,
) {
  const found: Decoded[] = canon.hidden.map((h) => ({ ...h, span: topSpan ?? h.span }));
  for (const d of findEncoded(canon.text)) {
    found.push({ ...d, span: topSpan ?? (canon.map ? canon.map.toOriginal(d.span) : d.span) });
  }
  for (const d of found) {
    if (st.derived.length >= st.maxDerived) return;
    if (d.text.length > st.budget) continue;
    const child = runPasses(d.text);
    if (child.text.length > st.budget) continue;
    st.budget -= child.text.length;
    const via = chain ? `${chain}>${d.via}` : d.via;
    st.derived.push({ text: child.text, span: d.span, via, depth });
    for (const s of child.signals) {
      const key = `${s.category}|${via}`;
      if (!st.signals.has(key)) st.signals.set(key, { ...s, span: d.span, via });
    }
    if (depth < st.maxDepth) decodeNested(child, depth + 1, d.span, via, st);
  }
}

/**
 * Identity maps are views of one lazily grown template (0, 1, 2, …): no allocation per request. Safe because
 * nothing writes into an OffsetMap's arrays (compose and the builders make new ones), and a template that is
 * replaced by a larger one stays alive, unchanged, for the maps that still view it.
 */
let identityTemplate: Int32Array | undefined;
const TEMPLATE_MAX = 1 << 16;

function identityMap(length: number): OffsetMap {
  if (length > TEMPLATE_MAX) return OffsetMap.identity(length);
  if (!identityTemplate || identityTemplate.length < length + 1) {
    const size = Math.min(TEMPLATE_MAX + 1, Math.max(1024, 2 * length + 1));
    identityTemplate = new Int32Array(size);
    for (let i = 0; i < size; i++) identityTemplate[i] = i;
  }
  return new OffsetMap(
    identityTemplate.subarray(0, length),
    identityTemplate.subarray(1, length + 1),
    length,
  );
}

export function canonicalize(text: string, options: CanonicalizeOptions = {}): CanonicalText {
  const canon = runPasses(text);
  const signals = canon.signals;
  const derived: DerivedSegment[] = [];
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  if ((options.decode ?? true) && maxDepth >= 1) {
    const st: DecodeState = {
      maxDepth,
      maxDerived: options.maxDerived ?? DEFAULT_MAX_DERIVED,
      budget: (options.maxDecodedRatio ?? DEFAULT_DECODED_RATIO) * text.length,
      derived,
      signals: new Map(),
    };
    decodeNested(canon, 1, undefined, '', st);
    if (derived.length > 0) {
      const nested = derived.some((d) => d.depth >= 2);
      const chains = [...new Set(derived.map((d) => d.via))];
      signals.push({
        category: 'evasion.encoding',
        score: nested ? 0.7 : 0.3,
        span: derived.reduce((a, d) => (d.span[0] < a[0] ? d.span : a), derived[0]!.span),
        message: nested
          ? `Nested encodings (${chains.length} chain${chains.length === 1 ? '' : 's'}) were decoded for scanning`
          : `Encoded content (${chains.length} kind${chains.length === 1 ? '' : 's'}) was decoded for scanning`,
        signals: chains,
      });
      for (const s of st.signals.values()) signals.push(s);
    }
  }
  return { text: canon.text, map: canon.map ?? identityMap(text.length), signals, derived };
}
