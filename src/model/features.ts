// Hashed n-gram features of canonical text. Every feature occurrence carries an ANCHOR (the index of its first
// character), so a linear model can score any window [start, end) from prefix sums over anchors: one feature
// pass over a 100 KB document scores all of its windows, instead of one pass per window.
import type { CueSet } from './cues.js';
import { SPACE, WORD, tables } from './char-tables.js';
import { FNV_OFFSET, bucketOf, combine, fnvStep } from './hashing.js';

export interface FeatureSettings {
  /** log2 of the hashed table size. */
  bits: number;
  /** Character n-gram lengths, inside word-boundary-padded tokens. */
  charMin: number;
  charMax: number;
  /** Word n-grams 1..wordMax. */
  wordMax: number;
  /** Cue set of the rule-feature table (cues.ts); absent: 1, the set of model files written before it existed. */
  cues?: CueSet;
}

export const DEFAULT_FEATURES: FeatureSettings = { bits: 18, charMin: 1, charMax: 5, wordMax: 3, cues: 2 };

/** Sparse feature occurrences of a text; both arrays have `length` valid entries. */
export interface FeatureList {
  buckets: Int32Array;
  anchors: Int32Array;
  length: number;
}

const BOW = 0x02;
const EOW = 0x03;
const CHAR_SALT = 0x5bd1e995;
const WORD_SALTS = [0x27d4eb2f, 0x165667b1, 0x61c88647, 0x3c6ef372] as const;

/** Growable output buffers of `extractFeaturesInto`, reusable across calls. */
export interface FeatureSink {
  buckets: Int32Array;
  anchors: Int32Array;
  /** Scratch: the folded, boundary-padded code units of the current token. */
  padded: Int32Array;
}

export const newFeatureSink = (capacity = 1024): FeatureSink => ({
  buckets: new Int32Array(capacity),
  anchors: new Int32Array(capacity),
  padded: new Int32Array(64),
});

/**
 * A longer run of word characters is cut into tokens of this length. No training or dev text holds one (rows
 * are at most 4,000 characters), and a megabyte-long "word" (a base64 blob, collapsed spaced letters) would
 * otherwise be read to its end before the first window it starts in could be scored.
 */
export const MAX_TOKEN = 4096;

/** Sinks larger than this (features; 8 MB in both arrays) are not kept: one huge text does not pin memory. */
const KEEP_MAX = 1 << 20;

/**
 * Extracts hashed features: character n-grams (charMin..charMax) of each token padded with word-boundary
 * markers, and word n-grams (1..wordMax) over tokens, where a token is a run of letters/digits (cut after
 * MAX_TOKEN) or one punctuation character. Text is lowercased and digits folded per code unit, so anchors stay text indices.
 */
export function extractFeatures(text: string, settings: FeatureSettings = DEFAULT_FEATURES): FeatureList {
  return extractFeaturesInto(text, settings, newFeatureSink());
}

/**
 * `extractFeatures` writing into a reusable sink: the returned arrays are the sink's (or, past its capacity,
 * new ones kept in it while small enough), valid until the sink's next use.
 */
export function extractFeaturesInto(text: string, settings: FeatureSettings, sink: FeatureSink): FeatureList {
  const stream = featureStream(text, settings, sink);
  stream.advance(text.length);
  return stream.feats;
}

/**
 * Extraction in steps, for callers that may stop early: `advance(to)` reads the tokens that start before
 * `to`, then `wordMax - 1` more, so every feature anchored before `to` is in `feats` (a word n-gram is
 * emitted at its last token). The features, their order and anchors are those of `extractFeaturesInto`:
 * run to the end, the list is the same.
 */
export interface FeatureStream {
  /** The features so far (the arrays may be replaced as they grow: read them after each advance). */
  readonly feats: FeatureList;
  /** Text index the next token is read from (text.length when done). */
  readonly pos: number;
  advance(to: number): void;
}

export function featureStream(text: string, settings: FeatureSettings, sink: FeatureSink): FeatureStream {
  const { cls, fold } = tables();
  const mask = (1 << settings.bits) - 1;
  const { charMin, charMax, wordMax } = settings;
  const feats: { buckets: Int32Array; anchors: Int32Array; length: number } = {
    buckets: sink.buckets,
    anchors: sink.anchors,
    length: 0,
  };
  // Ring of the last wordMax-1 token hashes and starts, for word n-grams.
  const prevHash = new Array<number>(wordMax).fill(0);
  const prevStart = new Array<number>(wordMax).fill(0);
  let count = 0;
  const n = text.length;
  let pos = 0;
  const advance = (to: number): void => {
    let buckets = feats.buckets;
    let anchors = feats.anchors;
    let padded = sink.padded;
    let len = feats.length;
    // The read position and token count live in locals while the loop runs (closure slots are slower).
    let i = pos;
    let seen = count;
    // Tokens still to read after the one that crosses `to`: the word n-grams anchored before it.
    let after = -1;
    while (i < n) {
      const c0 = text.charCodeAt(i);
      const k = cls[c0]!;
      if (k === SPACE) {
        i++;
        continue;
      }
      if (after < 0) {
        if (i >= to) after = wordMax - 1;
      }
      if (after === 0) break;
      if (after > 0) after--;
      const start = i;
      let end = i + 1;
      if (k === WORD) {
        const most = Math.min(n, start + MAX_TOKEN);
        while (end < most && cls[text.charCodeAt(end)] === WORD) end++;
      }
      // Character n-grams over <token>.
      const np = end - start + 2;
      if (np > padded.length) {
        padded = new Int32Array(Math.max(np, padded.length * 2));
        if (padded.length <= KEEP_MAX) sink.padded = padded;
      }
      // At most charMax n-grams per padded position, plus the word n-grams.
      const need = len + np * Math.max(1, charMax) + wordMax;
      if (need > buckets.length) {
        let cap = Math.max(1024, buckets.length);
        while (cap < need) cap *= 2;
        const b = new Int32Array(cap);
        b.set(buckets.subarray(0, len));
        buckets = b;
        const a = new Int32Array(cap);
        a.set(anchors.subarray(0, len));
        anchors = a;
        if (cap <= KEEP_MAX) {
          sink.buckets = buckets;
          sink.anchors = anchors;
        }
      }
      padded[0] = BOW;
      let tokenHash = FNV_OFFSET;
      for (let j = start; j < end; j++) {
        const f = fold[text.charCodeAt(j)]!;
        padded[j - start + 1] = f;
        tokenHash = fnvStep(tokenHash, f);
      }
      padded[np - 1] = EOW;
      for (let p = 0; p < np; p++) {
        let h = FNV_OFFSET ^ CHAR_SALT;
        const anchor = Math.min(end - 1, Math.max(start, start + p - 1));
        for (let l = 1; l <= charMax && p + l <= np; l++) {
          h = fnvStep(h, padded[p + l - 1]!);
          // A lone boundary marker carries no information.
          if (l >= charMin && !(l === 1 && (p === 0 || p === np - 1))) {
            buckets[len] = bucketOf(h, mask);
            anchors[len++] = anchor;
          }
        }
      }
      // Word n-grams ending at this token.
      for (let j = wordMax - 1; j > 0; j--) {
        prevHash[j] = prevHash[j - 1]!;
        prevStart[j] = prevStart[j - 1]!;
      }
      prevHash[0] = tokenHash >>> 0;
      prevStart[0] = start;
      seen++;
      let h = combine(WORD_SALTS[0], prevHash[0]);
      buckets[len] = bucketOf(h, mask);
      anchors[len++] = start;
      for (let m = 1; m < wordMax && m < seen; m++) {
        h = combine(h ^ (WORD_SALTS[m % WORD_SALTS.length] ?? 0), prevHash[m]!);
        buckets[len] = bucketOf(h, mask);
        anchors[len++] = prevStart[m]!;
      }
      i = end;
    }
    feats.buckets = buckets;
    feats.anchors = anchors;
    feats.length = len;
    pos = i;
    count = seen;
  };
  return {
    feats,
    get pos() {
      return pos;
    },
    advance,
  };
}
