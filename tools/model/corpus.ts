// Turns rows into training examples for both heads. Every text is canonicalized first (the guard scores
// canonical text), its features are extracted once and sorted by anchor, and examples are feature ranges.
import type { Span } from '../../src/core/types.js';
import { canonicalize } from '../../src/normalize/canonicalize.js';
import { extractFeatures, type FeatureSettings } from '../../src/model/features.js';
import type { Doc, Example } from '../../src/model/logistic.js';
import { lengthBucket, ruleHits, rulesIn as hitsIn, type RuleHit } from '../../src/model/rule-features.js';
import { lowerBound, sortByAnchor } from '../../src/model/window-scorer.js';
import { sentenceWindows, type WindowSettings } from '../../src/model/windows.js';

/** Rule and cue buckets of [start, end) plus the window-size bucket of its feature range (as window-scorer.ts). */
const rulesIn = (hits: readonly RuleHit[], start: number, end: number, lo: number, hi: number): number[] => [
  ...hitsIn(hits, start, end),
  lengthBucket(hi - lo),
];

export const canonical = (text: string): string => canonicalize(text).text;

export class Corpus {
  readonly docs: Doc[] = [];
  readonly user: Example[] = [];
  readonly untrusted: Example[] = [];

  /** Extra rule-table buckets of a whole user text (the character LM's statistics), set by the trainer. */
  userExtra: (text: string) => readonly number[] = () => [];

  constructor(
    private readonly features: FeatureSettings,
    private readonly windows: WindowSettings,
  ) {}

  private add(text: string): { id: number; doc: Doc } {
    const doc = sortByAnchor(extractFeatures(text, this.features), text.length);
    this.docs.push(doc);
    return { id: this.docs.length - 1, doc };
  }

  /** Whole canonical text as one user-head example. */
  addUser(text: string, y: 0 | 1, weight = 1): void {
    const { id, doc } = this.add(text);
    const hits = ruleHits(text, 'user', undefined, this.features.cues);
    this.user.push({
      doc: id,
      lo: 0,
      hi: doc.buckets.length,
      rules: [...rulesIn(hits, 0, text.length, 0, doc.buckets.length), ...this.userExtra(text)],
      y,
      weight,
    });
  }

  /** Whole canonical text as one untrusted-head example (a direct attack or a plain instruction). */
  addUntrustedWhole(text: string, y: 0 | 1, weight = 1): void {
    const { id, doc } = this.add(text);
    const hits = ruleHits(text, 'untrusted', undefined, this.features.cues);
    this.untrusted.push({
      doc: id,
      lo: 0,
      hi: doc.buckets.length,
      rules: rulesIn(hits, 0, text.length, 0, doc.buckets.length),
      y,
      weight,
    });
  }

  /**
   * A document as untrusted-head sentence windows. With `payload`, windows holding most of it are positives,
   * windows that miss it entirely are negatives, partial overlaps are left out; without it, all are negatives.
   */
  addDocument(
    text: string,
    payload: Span | undefined,
    posWeight: number,
    negWeight: number,
  ): { pos: number; neg: number } {
    const { id, doc } = this.add(text);
    const hits: RuleHit[] = ruleHits(text, 'untrusted', undefined, this.features.cues);
    let pos = 0;
    let neg = 0;
    for (const [s, e] of sentenceWindows(text, this.windows)) {
      let y: 0 | 1 | undefined = 0;
      if (payload !== undefined) {
        const overlap = Math.max(0, Math.min(e, payload[1]) - Math.max(s, payload[0]));
        if (overlap === 0) y = 0;
        else if (overlap >= 0.5 * (payload[1] - payload[0]) || (overlap >= 0.6 * (e - s) && overlap >= 15))
          y = 1;
        else y = undefined;
      }
      if (y === undefined) continue;
      const lo = lowerBound(doc.anchors, s);
      const hi = lowerBound(doc.anchors, e);
      if (y === 1) pos++;
      else neg++;
      this.untrusted.push({
        doc: id,
        lo,
        hi,
        rules: rulesIn(hits, s, e, lo, hi),
        y,
        weight: y === 1 ? posWeight : negWeight,
      });
    }
    return { pos, neg };
  }
}
