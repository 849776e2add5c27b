// Person names and street addresses by a small token tagger: an averaged perceptron over hashed
// features (word, word shape, prefix/suffix, lexicon classes, neighbours, previous tags) that tags
// every token O / B-PER / I-PER / B-ADR / I-ADR, decoded greedily left to right. The lexicon (first
// names, last names, street words, city words) is compiled from @faker-js/faker's locales at training
// time and shipped beside the weights (models/pii-tagger-v1.*); faker itself is a dev dependency only.
// The training sentences, the trainer and the out-of-family evaluation are in tools/model/pii/.
//
// Cost: one linear tokenizer pass, then a fixed number of hashed features per token (no string is
// built per feature: each token's strings are hashed once and features combine those integers).
// Nothing is loaded on import; the weights and lexicon load (and are checked by sha256) on first use.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { RampartError } from '../../core/errors.js';
import { decodeWeights } from '../../model/weights-format.js';
import { type Detection, RANK } from './detection.js';
import { notAName } from './names.js';

export const TAGS = ['O', 'B-PER', 'I-PER', 'B-ADR', 'I-ADR'] as const;
export type Tag = (typeof TAGS)[number];
export const NT = TAGS.length;
const O = 0;
const B_PER = 1;
const I_PER = 2;
const B_ADR = 3;
const I_ADR = 4;

/**
 * Lexicon classes, one bit each. `common`: words written in lower case in ordinary text (compiled from the
 * benign training rows), so a capitalised "Female", "Earth" or "Règles" reads as a word, not a name.
 */
export const LEX = {
  first: 1,
  last: 2,
  street: 4,
  city: 8,
  title: 16,
  region: 32,
  org: 64,
  common: 128,
} as const;
export type LexClass = keyof typeof LEX;

/** Words, numbers, and single punctuation marks (a line break is a token: forms are line-based). */
const TOKEN = /[\p{L}\p{M}][\p{L}\p{M}'’-]*|\p{N}+\p{L}?|\n|[^\s\p{L}\p{M}\p{N}]/gu;

export interface Tokens {
  /** Token strings and their start offsets in the text. */
  text: string[];
  start: number[];
}

export function tokenize(text: string): Tokens {
  const out: Tokens = { text: [], start: [] };
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    out.text.push(m[0]);
    out.start.push(m.index);
  }
  return out;
}

/** FNV-1a over UTF-16 code units. */
export function fnv(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;

/** Word shape: X for upper, x for lower, d for digit, the mark itself otherwise; runs cut to two. */
export function shape(w: string): string {
  if (w.length > 0 && w.charCodeAt(0) >= 48 && w.charCodeAt(0) <= 57 && /^\d+$/.test(w))
    return `d${Math.min(w.length, 8)}`;
  let out = '';
  let last = '';
  let run = 0;
  for (const ch of w) {
    const code = ch.charCodeAt(0);
    const c =
      code >= 65 && code <= 90
        ? 'X'
        : code >= 97 && code <= 122
          ? 'x'
          : code >= 48 && code <= 57
            ? 'd'
            : code < 128
              ? ch
              : UPPER.test(ch)
                ? 'X'
                : LOWER.test(ch)
                  ? 'x'
                  : ch;
    if (c === last) {
      if (++run > 2) continue;
    } else {
      last = c;
      run = 1;
    }
    out += c;
    if (out.length >= 8) break;
  }
  return out;
}

export interface Lexicon {
  get(word: string): number | undefined;
}

/** Per-token hashed strings; features combine these integers. */
interface TokenInfo {
  word: Uint32Array;
  shape: Uint32Array;
  suffix: Uint32Array;
  suffix2: Uint32Array;
  suffix4: Uint32Array;
  prefix: Uint32Array;
  lex: Uint32Array;
  cap: Uint8Array;
  live: Uint8Array;
}

/** Per-word values (hashes, lexicon classes), cached: words repeat across texts and scans. */
interface WordInfo {
  word: number;
  shape: number;
  suffix: number;
  suffix2: number;
  suffix4: number;
  prefix: number;
  lex: number;
  cap: number;
  /** A digit or letter that matters: capitalised, in the lexicon, or a number. */
  live: number;
}
const CACHE_LIMIT = 50_000;
const LOWER_LIVE = 4 | 16; // LEX.street | LEX.title

/**
 * Capitalised at the start of a sentence and never a name or a street: they do not wake the tagger
 * (scored tokens are those near a capitalised, listed or numeric one).
 */
const FUNCTION_WORDS = new Set(
  (
    'the this that these those there then thanks thank please our we you your it its in on at for if ' +
    'when where what which who why how and but or so as to a an he she they my his her their is are was ' +
    'were be been do does did can could will would should may might must not no yes all any each also ' +
    'after before with from by about into over under here hello hi dear der die das ein eine und oder ' +
    'wir sie ich es le la les un une et ou nous vous je il elle el los las y o nosotros yo ella lo gli ' +
    'il una e ma de het een en of wij'
  ).split(' '),
);
const caches = new WeakMap<Lexicon, Map<string, WordInfo>>();

function wordInfo(t: string, lexicon: Lexicon, cache: Map<string, WordInfo>): WordInfo {
  let w = cache.get(t);
  if (w) return w;
  const lower = t.length <= 40 ? t.toLowerCase() : t.slice(0, 40).toLowerCase();
  const c0 = t.charCodeAt(0);
  const cap = (c0 >= 65 && c0 <= 90) || (c0 > 127 && UPPER.test(t[0]!)) ? 1 : 0;
  const lex = lexicon.get(lower) ?? 0;
  w = {
    word: fnv(lower),
    shape: fnv(shape(t)),
    suffix: fnv(lower.slice(-3), 0x1234567),
    suffix2: fnv(lower.slice(-2), 0x2345678),
    suffix4: fnv(lower.slice(-4), 0x3456789),
    prefix: fnv(lower.slice(0, 3), 0x7654321),
    lex,
    cap,
    // Lower-case words wake it only as street words ("rue", "via", "ul"): many are also surnames.
    live: (cap && !FUNCTION_WORDS.has(lower)) || lex & LOWER_LIVE || (c0 >= 48 && c0 <= 57) ? 1 : 0,
  };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(t, w);
  return w;
}

function tokenInfo(tokens: readonly string[], lexicon: Lexicon): TokenInfo {
  const n = tokens.length;
  const info: TokenInfo = {
    word: new Uint32Array(n),
    shape: new Uint32Array(n),
    suffix: new Uint32Array(n),
    suffix2: new Uint32Array(n),
    suffix4: new Uint32Array(n),
    prefix: new Uint32Array(n),
    lex: new Uint32Array(n),
    cap: new Uint8Array(n),
    live: new Uint8Array(n),
  };
  let cache = caches.get(lexicon);
  if (!cache) {
    cache = new Map();
    caches.set(lexicon, cache);
  }
  for (let i = 0; i < n; i++) {
    const w = wordInfo(tokens[i]!, lexicon, cache);
    info.word[i] = w.word;
    info.shape[i] = w.shape;
    info.suffix[i] = w.suffix;
    info.suffix2[i] = w.suffix2;
    info.suffix4[i] = w.suffix4;
    info.prefix[i] = w.prefix;
    info.lex[i] = w.lex;
    info.cap[i] = w.cap;
    info.live[i] = w.live;
  }
  return info;
}

/**
 * Tokens the model need not score: after an O, a token with nothing capitalised, listed or numeric in
 * itself, the one before it or the two after it is O (most words of prose). Training skips them too.
 */
export function quiet(info: TokenInfo, i: number, prev: number): boolean {
  if (prev !== O) return false;
  const live = info.live;
  return !live[i] && !(i > 0 && live[i - 1]) && !live[i + 1] && !live[i + 2];
}

const BOUNDARY = 0x5bd1e995;
const QUIET_MARGIN = 100;
const at = (a: Uint32Array, i: number): number => (i >= 0 && i < a.length ? a[i]! : BOUNDARY);

/** Number of feature slots per token (the last ones depend on the previous tags). */
export const FEATURES_PER_TOKEN = 28;

/**
 * Writes the hashed features of token i into out (bucket indices, already masked) and returns their count.
 * prev and prev2 are the tags of tokens i-1 and i-2 (O before the text).
 */
function features(
  info: TokenInfo,
  i: number,
  prev: number,
  prev2: number,
  mask: number,
  out: Int32Array,
): number {
  const w0 = at(info.word, i);
  const s0 = at(info.shape, i);
  const sm1 = at(info.shape, i - 1);
  const sp1 = at(info.shape, i + 1);
  const wm1 = at(info.word, i - 1);
  const wp1 = at(info.word, i + 1);
  const l0 = info.lex[i]!;
  const lm1 = i > 0 ? info.lex[i - 1]! : 0;
  const lp1 = i + 1 < info.lex.length ? info.lex[i + 1]! : 0;
  const lp2 = i + 2 < info.lex.length ? info.lex[i + 2]! : 0;
  out[0] = h(1, 0, 0) & mask;
  out[1] = h(2, w0, 0) & mask;
  out[2] = h(3, wm1, 0) & mask;
  out[3] = h(4, wp1, 0) & mask;
  out[4] = h(5, at(info.word, i - 2), 0) & mask;
  out[5] = h(6, at(info.word, i + 2), 0) & mask;
  out[6] = h(7, s0, 0) & mask;
  out[7] = h(8, sm1, 0) & mask;
  out[8] = h(9, sp1, 0) & mask;
  out[9] = h(10, sm1, s0) & mask;
  out[10] = h(11, s0, sp1) & mask;
  out[11] = h(12, at(info.suffix, i), 0) & mask;
  out[12] = h(13, at(info.prefix, i), 0) & mask;
  out[13] = h(14, l0, 0) & mask;
  out[14] = h(15, lm1, 0) & mask;
  out[15] = h(16, lp1, 0) & mask;
  out[16] = h(17, l0, s0) & mask;
  out[17] = h(18, lm1, lp1) & mask;
  out[18] = h(19, lp1, lp2) & mask;
  out[19] = h(20, wm1, s0) & mask;
  out[20] = h(21, s0, wp1) & mask;
  out[21] = h(22, prev, 0) & mask;
  out[22] = h(23, prev, prev2) & mask;
  out[23] = h(24, prev, w0) & mask;
  out[24] = h(25, prev, s0) & mask;
  out[25] = h(26, prev, l0) & mask;
  out[26] = h(27, at(info.suffix2, i), 0) & mask;
  out[27] = h(28, at(info.suffix4, i), 0) & mask;
  return FEATURES_PER_TOKEN;
}

/** One hashed feature: template id and up to two values. */
function h(template: number, a: number, b: number): number {
  let x = Math.imul(template, 0x9e3779b1) ^ a;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) ^ b;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** The weights: one row of NT scores per hashed bucket. */
export interface TaggerModel {
  bits: number;
  weights: Float32Array;
  lexicon: Lexicon;
}

/** Tags each token; returns the tags and, per token, the chosen tag's score minus the best other tag's. */
/**
 * Per word, the summed weight rows of the features that depend on that word alone, for each place it can
 * take: itself, one or two tokens before, one or two after (5 × NT numbers). Cached per model, so a word
 * seen before costs one lookup instead of fourteen hashed features.
 */
const ROLE = 5 * NT + NT * NT;
/** Offset of the block holding, per previous tag p, the rows of (p, word), (p, shape), (p, lexicon). */
const PREV_AT = 5 * NT;
const roleCaches = new WeakMap<Float32Array, WeakMap<Lexicon, Map<string, Float32Array>>>();

function addRow(w: Float32Array, bucket: number, out: Float32Array, at0: number): void {
  const row = bucket * NT;
  for (let t = 0; t < NT; t++) out[at0 + t]! += w[row + t]!;
}

function roles(
  model: TaggerModel,
  info: TokenInfo,
  i: number,
  token: string,
  cache: Map<string, Float32Array>,
) {
  let v = cache.get(token);
  if (v) return v;
  const mask = (1 << model.bits) - 1;
  const w = model.weights;
  const wd = info.word[i]!;
  const sh = info.shape[i]!;
  const lx = info.lex[i]!;
  v = new Float32Array(ROLE);
  // itself
  addRow(w, h(2, wd, 0) & mask, v, 0);
  addRow(w, h(7, sh, 0) & mask, v, 0);
  addRow(w, h(12, info.suffix[i]!, 0) & mask, v, 0);
  addRow(w, h(13, info.prefix[i]!, 0) & mask, v, 0);
  addRow(w, h(14, lx, 0) & mask, v, 0);
  addRow(w, h(17, lx, sh) & mask, v, 0);
  addRow(w, h(27, info.suffix2[i]!, 0) & mask, v, 0);
  addRow(w, h(28, info.suffix4[i]!, 0) & mask, v, 0);
  // one before the token being tagged
  addRow(w, h(3, wd, 0) & mask, v, NT);
  addRow(w, h(8, sh, 0) & mask, v, NT);
  addRow(w, h(15, lx, 0) & mask, v, NT);
  // one after
  addRow(w, h(4, wd, 0) & mask, v, 2 * NT);
  addRow(w, h(9, sh, 0) & mask, v, 2 * NT);
  addRow(w, h(16, lx, 0) & mask, v, 2 * NT);
  // two before, two after
  addRow(w, h(5, wd, 0) & mask, v, 3 * NT);
  addRow(w, h(6, wd, 0) & mask, v, 4 * NT);
  for (let p = 0; p < NT; p++) {
    addRow(w, h(24, p, wd) & mask, v, PREV_AT + p * NT);
    addRow(w, h(25, p, sh) & mask, v, PREV_AT + p * NT);
    addRow(w, h(26, p, lx) & mask, v, PREV_AT + p * NT);
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(token, v);
  return v;
}

/** The same vectors for a position outside the text. */
function boundaryRoles(model: TaggerModel): Float32Array {
  const mask = (1 << model.bits) - 1;
  const w = model.weights;
  const v = new Float32Array(ROLE);
  addRow(w, h(3, BOUNDARY, 0) & mask, v, NT);
  addRow(w, h(8, BOUNDARY, 0) & mask, v, NT);
  addRow(w, h(15, 0, 0) & mask, v, NT);
  addRow(w, h(4, BOUNDARY, 0) & mask, v, 2 * NT);
  addRow(w, h(9, BOUNDARY, 0) & mask, v, 2 * NT);
  addRow(w, h(16, 0, 0) & mask, v, 2 * NT);
  addRow(w, h(5, BOUNDARY, 0) & mask, v, 3 * NT);
  addRow(w, h(6, BOUNDARY, 0) & mask, v, 4 * NT);
  return v;
}
const boundaryCache = new WeakMap<Float32Array, Float32Array>();

/** Per model: the rows of the bias, (prev) and (prev, prev2) features, by previous two tags (NT × NT × NT). */
function tagHistory(model: TaggerModel): Float32Array {
  const mask = (1 << model.bits) - 1;
  const v = new Float32Array(NT * NT * NT);
  for (let p = 0; p < NT; p++)
    for (let q = 0; q < NT; q++) {
      const at0 = (p * NT + q) * NT;
      addRow(model.weights, h(1, 0, 0) & mask, v, at0);
      addRow(model.weights, h(22, p, 0) & mask, v, at0);
      addRow(model.weights, h(23, p, q) & mask, v, at0);
    }
  return v;
}
const historyCache = new WeakMap<Float32Array, Float32Array>();

/** Tags each token; returns the tags and, per token, the chosen tag's score minus the best other tag's. */
export function tag(
  model: TaggerModel,
  tokens: readonly string[],
): { tags: Uint8Array; margin: Float32Array } {
  const n = tokens.length;
  const tags = new Uint8Array(n);
  const margin = new Float32Array(n);
  if (n === 0) return { tags, margin };
  const info = tokenInfo(tokens, model.lexicon);
  const mask = (1 << model.bits) - 1;
  const w = model.weights;
  let byLexicon = roleCaches.get(w);
  if (!byLexicon) {
    byLexicon = new WeakMap();
    roleCaches.set(w, byLexicon);
  }
  let cache = byLexicon.get(model.lexicon);
  if (!cache) {
    cache = new Map();
    byLexicon.set(model.lexicon, cache);
  }
  let edge = boundaryCache.get(w);
  if (!edge) {
    edge = boundaryRoles(model);
    boundaryCache.set(w, edge);
  }
  let history = historyCache.get(w);
  if (!history) {
    history = tagHistory(model);
    historyCache.set(w, history);
  }
  const vec: Array<Float32Array | undefined> = new Array<Float32Array | undefined>(n);
  const role = (j: number): Float32Array => {
    if (j < 0 || j >= n) return edge;
    return (vec[j] ??= roles(model, info, j, tokens[j]!, cache));
  };
  const scores = new Float64Array(NT);
  const pair = new Int32Array(6);
  let prev = O;
  let prev2 = O;
  for (let i = 0; i < n; i++) {
    if (quiet(info, i, prev)) {
      margin[i] = QUIET_MARGIN;
      prev2 = prev;
      continue;
    }
    const self = role(i);
    const l1 = role(i - 1);
    const r1 = role(i + 1);
    const l2 = role(i - 2);
    const r2 = role(i + 2);
    const s0 = info.shape[i]!;
    const sm1 = at(info.shape, i - 1);
    const sp1 = at(info.shape, i + 1);
    const lm1 = i > 0 ? info.lex[i - 1]! : 0;
    const lp1 = i + 1 < n ? info.lex[i + 1]! : 0;
    const lp2 = i + 2 < n ? info.lex[i + 2]! : 0;
    pair[0] = h(10, sm1, s0) & mask;
    pair[1] = h(11, s0, sp1) & mask;
    pair[2] = h(18, lm1, lp1) & mask;
    pair[3] = h(19, lp1, lp2) & mask;
    pair[4] = h(20, at(info.word, i - 1), s0) & mask;
    pair[5] = h(21, s0, at(info.word, i + 1)) & mask;
    const hist = (prev * NT + prev2) * NT;
    const pv = PREV_AT + prev * NT;
    for (let t = 0; t < NT; t++) {
      let a =
        self[t]! +
        l1[NT + t]! +
        r1[2 * NT + t]! +
        l2[3 * NT + t]! +
        r2[4 * NT + t]! +
        self[pv + t]! +
        history[hist + t]!;
      for (let j = 0; j < 6; j++) a += w[pair[j]! * NT + t]!;
      scores[t] = a;
    }
    const best = decide(scores, prev, tags, margin, i);
    prev2 = prev;
    prev = best;
  }
  return { tags, margin };
}

/** The plain form of tag(): every feature hashed per token (training's view; a test checks they agree). */
export function tagReference(
  model: TaggerModel,
  tokens: readonly string[],
): { tags: Uint8Array; margin: Float32Array } {
  const n = tokens.length;
  const tags = new Uint8Array(n);
  const margin = new Float32Array(n);
  const info = tokenInfo(tokens, model.lexicon);
  const mask = (1 << model.bits) - 1;
  const buf = new Int32Array(FEATURES_PER_TOKEN);
  const scores = new Float64Array(NT);
  let prev = O;
  let prev2 = O;
  for (let i = 0; i < n; i++) {
    if (quiet(info, i, prev)) {
      margin[i] = QUIET_MARGIN;
      prev2 = prev;
      continue;
    }
    features(info, i, prev, prev2, mask, buf);
    scores.fill(0);
    for (let j = 0; j < FEATURES_PER_TOKEN; j++)
      for (let t = 0; t < NT; t++) scores[t]! += model.weights[buf[j]! * NT + t]!;
    const best = decide(scores, prev, tags, margin, i);
    prev2 = prev;
    prev = best;
  }
  return { tags, margin };
}

/**
 * The greedy step tag() and tagReference() share: record the best tag that may follow `prev` and its margin over
 * the runner-up (the confidence the scanner thresholds on).
 */
function decide(
  scores: Float64Array,
  prev: number,
  tags: Uint8Array,
  margin: Float32Array,
  i: number,
): number {
  const best = bestAllowed(scores, prev);
  let second = -Infinity;
  for (let t = 0; t < NT; t++) if (t !== best && allowed(prev, t) && scores[t]! > second) second = scores[t]!;
  tags[i] = best;
  margin[i] = scores[best]! - second;
  return best;
}

/** I-X only continues B-X or I-X. */
export const allowed = (prev: number, t: number): boolean =>
  t === I_PER ? prev === B_PER || prev === I_PER : t === I_ADR ? prev === B_ADR || prev === I_ADR : true;

export function bestAllowed(scores: ArrayLike<number>, prev: number): number {
  let best = O;
  for (let t = 1; t < NT; t++) if (allowed(prev, t) && scores[t]! > scores[best]!) best = t;
  return best;
}

/** Training support: the feature buckets of token i given the gold (or predicted) previous tags. */
export function trainingFeatures(
  info: ReturnType<typeof prepare>,
  i: number,
  prev: number,
  prev2: number,
  bits: number,
  out: Int32Array,
): number {
  return features(info, i, prev, prev2, (1 << bits) - 1, out);
}
export const prepare = (tokens: readonly string[], lexicon: Lexicon): TokenInfo => tokenInfo(tokens, lexicon);

export interface TaggedSpan {
  kind: 'person' | 'address';
  start: number;
  end: number;
  /** Smallest per-token margin inside the span. */
  margin: number;
  tokens: number;
  /** Index of the span's first token. */
  first: number;
}

const CLOSE_PUNCT = /^[.,;:!?)\]}"'’\n]$/;

/**
 * Spans from tags; an address may not end on punctuation, a person span must hold a capitalised word. A
 * person span right before an address span (no token between) is the start of that address: a street
 * named after someone ("Alparslan Türkeş Bulvarı 44", "Jln. Jessica no 12").
 */
export function spans(text: string, tokens: Tokens, tags: Uint8Array, margin: Float32Array): TaggedSpan[] {
  const out: TaggedSpan[] = [];
  const n = tags.length;
  for (let i = 0; i < n;) {
    const t = tags[i]!;
    if (t !== B_PER && t !== B_ADR) {
      i++;
      continue;
    }
    const inside = t === B_PER ? I_PER : I_ADR;
    let j = i + 1;
    while (j < n && tags[j] === inside) j++;
    let kind: TaggedSpan['kind'] = t === B_PER ? 'person' : 'address';
    if (kind === 'person' && j < n && tags[j] === B_ADR) {
      kind = 'address';
      j++;
      while (j < n && tags[j] === I_ADR) j++;
    }
    let last = j - 1;
    while (last > i && CLOSE_PUNCT.test(tokens.text[last]!)) last--;
    let m = Infinity;
    let capital = false;
    for (let k = i; k <= last; k++) {
      m = Math.min(m, margin[k]!);
      if (UPPER.test(tokens.text[k]![0] ?? '')) capital = true;
    }
    const start = tokens.start[i]!;
    const end = tokens.start[last]! + tokens.text[last]!.length;
    if (kind === 'address' || capital)
      out.push({ kind, start, end, margin: m, tokens: last - i + 1, first: i });
    i = j;
  }
  void text;
  return out;
}

// ---- the shipped model ----

export const MODEL_NAME = 'pii-tagger-v1';

export const TaggerManifest = z
  .object({
    name: z.literal(MODEL_NAME),
    bits: z.number().int().min(10).max(22),
    tags: z.array(z.string()).length(NT),
    weights: z.object({
      file: z.string().regex(/^[\w.-]{1,100}$/),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
    /** Lexicon words by class (lowercase). */
    lexicon: z.record(z.enum(Object.keys(LEX) as [LexClass, ...LexClass[]]), z.array(z.string())),
    /**
     * Score mapping: a span's score is min(0.95, base + slope * (min-margin - floor)); a person span below
     * `floor` is dropped, an address span below `addressFloor` (default `floor`).
     */
    scoring: z.object({
      floor: z.number(),
      addressFloor: z.number().optional(),
      base: z.number(),
      slope: z.number(),
    }),
    training: z.record(z.string(), z.unknown()),
  })
  .strict();
export type TaggerManifest = z.infer<typeof TaggerManifest>;

export function lexiconFrom(words: Partial<Record<LexClass, readonly string[]>>): Lexicon {
  const map = new Map<string, number>();
  for (const [cls, list] of Object.entries(words) as Array<[LexClass, readonly string[]]>)
    for (const w of list) map.set(w, (map.get(w) ?? 0) | LEX[cls]);
  return map;
}

export interface LoadedTagger {
  model: TaggerModel;
  scoring: TaggerManifest['scoring'];
}

const MODELS_DIR = new URL('../../../models/', import.meta.url);

/** Reads and checks a tagger from a models folder; any mismatch is MODEL_WEIGHTS_INVALID. */
export function loadTagger(dir: URL = MODELS_DIR): LoadedTagger {
  let manifest: TaggerManifest;
  try {
    manifest = TaggerManifest.parse(JSON.parse(readFileSync(new URL(`${MODEL_NAME}.json`, dir), 'utf8')));
  } catch (cause) {
    throw new RampartError('MODEL_WEIGHTS_INVALID', 'pii tagger: unreadable or invalid manifest', { cause });
  }
  let weights: Float32Array | undefined;
  try {
    const bytes = readFileSync(new URL(manifest.weights.file, dir));
    weights = decodeWeights(bytes, manifest.weights.sha256).get('w');
  } catch (cause) {
    throw new RampartError('MODEL_WEIGHTS_INVALID', 'pii tagger: weight file missing or not the one pinned', {
      cause,
    });
  }
  if (!weights || weights.length !== (1 << manifest.bits) * NT)
    throw new RampartError('MODEL_WEIGHTS_INVALID', 'pii tagger: weight tensor has the wrong size');
  return {
    model: { bits: manifest.bits, weights, lexicon: lexiconFrom(manifest.lexicon) },
    scoring: manifest.scoring,
  };
}

let loaded: LoadedTagger | undefined;

/** Whether the shipped tagger has been loaded (by a scan or a guard's warm-up). */
export const taggerLoaded = (): boolean => loaded !== undefined;

/** The shipped tagger, loaded and checked on first use (never on import). */
export function shippedTagger(): LoadedTagger {
  loaded ??= loadTagger();
  return loaded;
}

const PLACE = LEX.city | LEX.region | LEX.org;
const BLOB = /[@=_\\{}<>]|[^\s,;]{33}/u;
const WORDS = /[\p{L}\p{M}][\p{L}\p{M}'’-]*/gu;

const YEAR = /^(?:1\d|20)\d\d$/;
const NUMBER = /\p{N}+/gu;
/** Lexicon classes that do not name a street: common words, month and weekday names, cities, countries, brands. */
const NOT_A_STREET = LEX.common | LEX.city | LEX.region | LEX.org;

/**
 * An address holds two or more tokens, and a capitalised street word ("Rue", "Straße", "Avenue"), or a number that
 * is not a year with a street word or a capitalised word that no list holds as a common word, a place or a brand
 * ("14 rue des Lilas", "Mäkinenpenger 94"; not "uuid 123e4567-e89b", "1966 Bangkok", "August 12", "and the 1960").
 */
function addressLike(value: string, lexicon: Lexicon): boolean {
  if (!/\s/.test(value)) return false;
  let capital = false;
  let street = false;
  for (const m of value.matchAll(WORDS)) {
    const cls = lexicon.get(m[0].toLowerCase()) ?? 0;
    const upper = UPPER.test(m[0][0]!);
    // Street words of two letters ("en", "le" in some locales' lists) are too common to prove an address, and a
    // lower-case one ("and", "sur", "via") proves it only beside a house number.
    if (cls & LEX.street && m[0].length >= 3) {
      if (upper) return true;
      street = true;
    }
    if (m[0].length >= 2 && upper && !(cls & NOT_A_STREET)) capital = true;
  }
  if (!capital && !street) return false;
  for (const m of value.matchAll(NUMBER)) if (!YEAR.test(m[0])) return true;
  return false;
}

/** A person span made only of initials or words such as "Sir", "Madam", "Team" is not a name. */
function nameLike(value: string): boolean {
  for (const m of value.matchAll(WORDS)) if (m[0].length >= 2 && !notAName(m[0])) return true;
  return false;
}

/** Runs this long without a blank, comma or semicolon are blobs (base64, keys, minified code). */
const LONG_RUN = 64;

/**
 * The blob runs of a text, as [start, end) pairs in order. No name or address lies inside one (BLOB drops any
 * span that touches 33 such characters), and a megabyte of base64 would otherwise be a quarter of a million
 * mixed-case tokens for the tagger to score.
 */
export function blobRuns(text: string): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let runStart = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    const sep = c === 32 || c === 44 || c === 59 || (c <= 13 && c >= 9) || (c > 127 && /\s/u.test(text[i]!));
    if (!sep) continue;
    if (i - runStart >= LONG_RUN) runs.push([runStart, i]);
    runStart = i + 1;
  }
  return runs;
}

/** The text with every blob run blanked (same length, so offsets hold). */
export function blankBlobs(text: string, runs: ReadonlyArray<[number, number]> = blobRuns(text)): string {
  if (runs.length === 0) return text;
  const out: string[] = [];
  let from = 0;
  for (const [a, b] of runs) {
    out.push(text.slice(from, a), ' '.repeat(b - a));
    from = b;
  }
  out.push(text.slice(from));
  return out.join('');
}

/** Whether only blanks separate a span from a blob run: "Bearer eyJ…" — the word labels the blob. */
function besideBlob(
  text: string,
  start: number,
  end: number,
  runs: ReadonlyArray<[number, number]>,
): boolean {
  // Binary search: the first run that starts at or after the span's end; the one before it is the last run
  // that could end at or before the span's start (runs never overlap a span: they are blanked).
  let lo = 0;
  let hi = runs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (runs[mid]![0] < end) lo = mid + 1;
    else hi = mid;
  }
  const after = runs[lo];
  const before = runs[lo - 1];
  return (
    (after !== undefined && BLANKS.test(text.slice(end, after[0]))) ||
    (before !== undefined && before[1] <= start && BLANKS.test(text.slice(before[1], start)))
  );
}
const BLANKS = /^[ \t]{0,16}$/u;

const SMALL_WORD = /^\p{Ll}{1,3}$/u;

/**
 * Where an address really starts: greedy decoding can leave its house number and street word as O before a
 * name-like street name ("14 rue des | Lilas, 69003 Lyon"). Up to four O tokens right before the span are taken
 * in when they are numbers, street words or short lower-case words, and they hold a number and a street word.
 */
function streetStart(
  tokens: Tokens,
  tags: Uint8Array,
  first: number,
  lexicon: Lexicon,
  start: number,
): number {
  let k = first - 1;
  let anchor = -1;
  let street = false;
  let number = false;
  for (let taken = 0; k >= 0 && taken < 4 && tags[k] === O; k--, taken++) {
    const t = tokens.text[k]!;
    const isStreet = t.length >= 3 && ((lexicon.get(t.toLowerCase()) ?? 0) & LEX.street) !== 0;
    const isNumber = t.charCodeAt(0) >= 48 && t.charCodeAt(0) <= 57;
    if (!isStreet && !isNumber && !SMALL_WORD.test(t)) break;
    if (isStreet || isNumber) anchor = k;
    street ||= isStreet;
    number ||= isNumber;
  }
  return street && number ? tokens.start[anchor]! : start;
}

const GLUE = /[.@]/;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Whether a dot or @ joins the span to a letter or digit on either side, with no blank between. */
function glued(text: string, start: number, end: number): boolean {
  return (
    (GLUE.test(text[end] ?? '') && WORD_CHAR.test(text[end + 1] ?? '')) ||
    (GLUE.test(text[start - 1] ?? '') && WORD_CHAR.test(text[start - 2] ?? ''))
  );
}

/** Spans above the model's floor, as detections (pii.person, pii.address). */
export function detectTagged(text: string, tagger: LoadedTagger = shippedTagger()): Detection[] {
  const runs = blobRuns(text);
  const tokens = tokenize(blankBlobs(text, runs));
  if (tokens.text.length === 0) return [];
  const { tags, margin } = tag(tagger.model, tokens.text);
  const out: Detection[] = [];
  const { floor, base, slope } = tagger.scoring;
  const addressFloor = tagger.scoring.addressFloor ?? floor;
  for (const s of spans(text, tokens, tags, margin)) {
    if (s.margin < (s.kind === 'address' ? addressFloor : floor)) continue;
    if (s.kind === 'address') s.start = streetStart(tokens, tags, s.first, tagger.model.lexicon, s.start);
    const value = text.slice(s.start, s.end);
    // Inside a token, key or blob ("Bearer eyJhbGci…", "a_b=c"): no name or address has these.
    if (BLOB.test(value) || (runs.length > 0 && besideBlob(text, s.start, s.end, runs))) continue;
    // Glued by a dot or @ to more text: part of an e-mail address, handle or host ("Sara.Vincze95@…").
    if (glued(text, s.start, s.end)) continue;
    if (s.kind === 'address' ? !addressLike(value, tagger.model.lexicon) : !nameLike(value)) continue;
    // One word that names a place or a brand ("France", "Paris", "Microsoft") is not taken for a person
    // without a cue word; the cue detector (names.ts) still finds "Dear Paris".
    if (s.kind === 'person' && s.tokens === 1 && (tagger.model.lexicon.get(value.toLowerCase()) ?? 0) & PLACE)
      continue;
    const above = s.margin - (s.kind === 'address' ? addressFloor : floor);
    const score = Math.min(0.95, Math.round((base + slope * above) * 1000) / 1000);
    out.push(
      s.kind === 'person'
        ? {
            category: 'pii.person',
            start: s.start,
            end: s.end,
            score,
            message: 'person name (token tagger)',
            signals: ['pii.person.tagger'],
            rank: RANK.person,
          }
        : {
            category: 'pii.address',
            start: s.start,
            end: s.end,
            score,
            message: 'street address (token tagger)',
            signals: ['pii.address.tagger'],
            rank: RANK.address,
          },
    );
  }
  return out;
}
