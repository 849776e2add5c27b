// Averaged-perceptron training for the PII token tagger, and span-level scoring. Deterministic: examples
// are visited in an order shuffled by a seeded PRNG, and averaging is exact (lazy, per update count).
import { mulberry32 } from '../../../src/model/prng.js';
import {
  FEATURES_PER_TOKEN,
  NT,
  type Lexicon,
  type LoadedTagger,
  type TaggerModel,
  allowed,
  bestAllowed,
  detectTagged,
  prepare,
  quiet,
  tokenize,
  trainingFeatures,
} from '../../../src/scanners/pii/tagger.js';
import type { Example, Kind } from './generate.js';

const UNKNOWN = 0x2545f491;
/** Gold tag of a token inside an example's unlabeled stretch: no update there. */
export const UNLABELED = 255;

const TAG_OF: Record<Kind, [number, number]> = { PER: [1, 2], ADR: [3, 4] };

/** Gold tags per token: a token starting inside a gold span takes its B/I tag. */
export function goldTags(ex: Example, tokens: { text: string[]; start: number[] }): Uint8Array {
  const tags = new Uint8Array(tokens.text.length);
  for (const s of ex.unlabeled ?? [])
    for (let i = 0; i < tokens.text.length; i++) {
      const st = tokens.start[i]!;
      if (st >= s.start && st < s.end) tags[i] = UNLABELED;
    }
  for (const s of ex.spans) {
    let first = true;
    for (let i = 0; i < tokens.text.length; i++) {
      const st = tokens.start[i]!;
      if (st >= s.start && st < s.end) {
        tags[i] = first ? TAG_OF[s.kind][0] : TAG_OF[s.kind][1];
        first = false;
      }
    }
  }
  return tags;
}

export interface TrainOptions {
  bits: number;
  epochs: number;
  seed: number;
  /** Chance that a capitalised token's word, affixes and lexicon classes are hidden for one visit, so
   * that context (cue words, shapes, neighbours) is learned too and unseen names are still found. */
  dropout: number;
  /**
   * Chance that another token's word is replaced, for one visit, by a random hash (as a word never seen in
   * training scores: no learned weight), so that a name is also found after context words it never saw.
   */
  contextDropout?: number;
}

export function trainTagger(examples: readonly Example[], lexicon: Lexicon, o: TrainOptions): TaggerModel {
  const size = (1 << o.bits) * NT;
  const w = new Float32Array(size);
  const acc = new Float64Array(size);
  let c = 1;
  const prepared = examples.map((ex) => {
    const tokens = tokenize(ex.text);
    return { info: prepare(tokens.text, lexicon), gold: goldTags(ex, tokens), n: tokens.text.length };
  });
  const order = prepared.map((_, i) => i);
  const r = mulberry32(o.seed);
  const buf = new Int32Array(FEATURES_PER_TOKEN);
  const scores = new Float64Array(NT);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    r.shuffle(order);
    for (const idx of order) {
      const p = prepared[idx]!;
      const hidden: Array<[number, number, number, number, number, number, number]> = [];
      for (let i = 0; i < p.n; i++) {
        if (!p.info.cap[i] && o.contextDropout && r.next() < o.contextDropout) {
          const x = p.info;
          hidden.push([i, x.word[i]!, x.lex[i]!, x.prefix[i]!, x.suffix[i]!, x.suffix2[i]!, x.suffix4[i]!]);
          p.info.word[i] = (r.next() * 0x100000000) >>> 0;
        } else if (p.info.cap[i] && r.next() < o.dropout) {
          const x = p.info;
          hidden.push([i, x.word[i]!, x.lex[i]!, x.prefix[i]!, x.suffix[i]!, x.suffix2[i]!, x.suffix4[i]!]);
          p.info.word[i] = UNKNOWN;
          p.info.lex[i] = 0;
          if (r.next() < 0.5) {
            p.info.prefix[i] = UNKNOWN;
            p.info.suffix[i] = UNKNOWN;
            p.info.suffix2[i] = UNKNOWN;
            p.info.suffix4[i] = UNKNOWN;
          }
        }
      }
      let prev = 0;
      let prev2 = 0;
      for (let i = 0; i < p.n; i++) {
        const gold = p.gold[i]!;
        if (quiet(p.info, i, prev) && (gold === 0 || gold === UNLABELED)) {
          prev2 = prev;
          continue;
        }
        const k = trainingFeatures(p.info, i, prev, prev2, o.bits, buf);
        scores.fill(0);
        for (let j = 0; j < k; j++) {
          const row = buf[j]! * NT;
          for (let t = 0; t < NT; t++) scores[t]! += w[row + t]!;
        }
        const guess = bestAllowed(scores, prev);
        // After a wrong guess an I- tag may be unreachable (I-X only follows X): learn B-X there instead.
        const truth = gold === UNLABELED ? guess : allowed(prev, gold) ? gold : gold - 1;
        if (guess !== truth) {
          for (let j = 0; j < k; j++) {
            const row = buf[j]! * NT;
            w[row + truth]! += 1;
            acc[row + truth]! += c;
            w[row + guess]! -= 1;
            acc[row + guess]! -= c;
          }
        }
        c++;
        prev2 = prev;
        prev = guess;
      }
      for (const [i, word, lex, prefix, suffix, suffix2, suffix4] of hidden) {
        p.info.word[i] = word;
        p.info.lex[i] = lex;
        p.info.prefix[i] = prefix;
        p.info.suffix[i] = suffix;
        p.info.suffix2[i] = suffix2;
        p.info.suffix4[i] = suffix4;
      }
    }
  }
  const avg = new Float32Array(size);
  for (let i = 0; i < size; i++) avg[i] = w[i]! - acc[i]! / c;
  return { bits: o.bits, weights: avg, lexicon };
}

export interface KindScore {
  gold: number;
  predicted: number;
  truePositives: number;
  matchedGold: number;
  precision: number;
  recall: number;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean =>
  a.start < b.end && b.start < a.end;

/** Span scoring as in tools/eval/pii.ts: a prediction is right if it overlaps a gold span of its kind. */
export function scoreSpans(
  examples: readonly Example[],
  predict: (text: string) => Array<{ kind: Kind; start: number; end: number }>,
): Record<Kind, KindScore> {
  const c = {
    PER: { gold: 0, predicted: 0, tp: 0, matched: 0 },
    ADR: { gold: 0, predicted: 0, tp: 0, matched: 0 },
  };
  for (const ex of examples) {
    const pred = predict(ex.text);
    for (const kind of ['PER', 'ADR'] as const) {
      const g = ex.spans.filter((s) => s.kind === kind);
      const p = pred.filter((s) => s.kind === kind);
      c[kind].gold += g.length;
      c[kind].predicted += p.length;
      c[kind].tp += p.filter((x) => g.some((y) => overlaps(x, y))).length;
      c[kind].matched += g.filter((y) => p.some((x) => overlaps(x, y))).length;
    }
  }
  const out = (k: Kind): KindScore => ({
    gold: c[k].gold,
    predicted: c[k].predicted,
    truePositives: c[k].tp,
    matchedGold: c[k].matched,
    precision: c[k].predicted === 0 ? 1 : c[k].tp / c[k].predicted,
    recall: c[k].gold === 0 ? 1 : c[k].matched / c[k].gold,
  });
  return { PER: out('PER'), ADR: out('ADR') };
}

/** A predictor from a model and score mapping, the way the scanner uses it. */
export function predictor(
  model: TaggerModel,
  scoring: LoadedTagger['scoring'],
): (text: string) => Array<{ kind: Kind; start: number; end: number }> {
  const loaded = { model, scoring };
  return (text) =>
    detectTagged(text, loaded).map((d) => ({
      kind: d.category === 'pii.person' ? ('PER' as const) : ('ADR' as const),
      start: d.start,
      end: d.end,
    }));
}
