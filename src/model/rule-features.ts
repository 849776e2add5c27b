// The rule scanner's verdicts as model features: each rule id and category that fired becomes a binary
// feature in a small separate table, attached to the windows its span overlaps. The model learns how much
// to trust each rule, and the rules carry the phrasings the n-grams have seen too rarely.
import type { ScannerFinding, Span, Trust } from '../core/types.js';
import { scanInjectionRules } from '../scanners/injection-rules.js';
import { cueHits, type CueHit, type CueSet } from './cues.js';
import { fnv1a, bucketOf } from './hashing.js';

export const RULE_BITS = 10;

export interface RuleHit {
  span: Span;
  /** Rule-feature buckets of this finding (its category and each rule id). */
  buckets: number[];
  /** Rule ids and category, for the scanner's `signals`. */
  names: string[];
}

/**
 * Rule and cue hits of a text, as the model reads them. `findings`: the rule scanner's findings on this very
 * text at this trust (`scanInjectionRules(text, trust)`), when the caller already has them.
 */
export function ruleHits(
  text: string,
  trust: Trust,
  findings?: readonly ScannerFinding[],
  cues: CueSet = 1,
): RuleHit[] {
  const out = ruleFindingHits(text, trust, findings);
  // Addressee and lexicon cues (cues.ts) share the table; their names start with 'cue.' and are not rule signals.
  for (const c of cueHits(text, 256, cues)) out.push(cueRuleHit(c));
  return out;
}

/** The rule part of `ruleHits` (the cue hits follow it there). */
export function ruleFindingHits(
  text: string,
  trust: Trust,
  findings: readonly ScannerFinding[] = scanInjectionRules(text, trust),
): RuleHit[] {
  const mask = (1 << RULE_BITS) - 1;
  const out: RuleHit[] = [];
  for (const f of findings) {
    const names = [f.category, ...(f.signals ?? [])];
    const span: Span = f.span ?? [0, text.length];
    out.push({ span, names, buckets: names.map((n) => bucketOf(fnv1a(n), mask)) });
  }
  return out;
}

const cueBuckets = new Map<string, number>();
/** A cue match as a rule hit (one bucket, its family's name). */
export function cueRuleHit(c: CueHit): RuleHit {
  let b = cueBuckets.get(c.name);
  if (b === undefined) {
    b = bucketOf(fnv1a(c.name), (1 << RULE_BITS) - 1);
    cueBuckets.set(c.name, b);
  }
  return { span: c.span, names: [c.name], buckets: [b] };
}

export const isCue = (name: string): boolean => name.startsWith('cue.');

const lengthBuckets: number[] = [];
/** Window-size feature: one bucket per log2 class of the window's feature count (short fragments score noisily). */
export function lengthBucket(featureCount: number): number {
  const k = Math.min(15, Math.floor(Math.log2(featureCount + 1)));
  let b = lengthBuckets[k];
  if (b === undefined) {
    b = bucketOf(fnv1a(`window.len.${k}`), (1 << RULE_BITS) - 1);
    lengthBuckets[k] = b;
  }
  return b;
}

/** Rule buckets of the hits overlapping [start, end) (whole-text hits without span count everywhere). */
export function rulesIn(hits: readonly RuleHit[], start: number, end: number): number[] {
  const out: number[] = [];
  for (const h of hits) if (h.span[0] < end && h.span[1] > start) out.push(...h.buckets);
  return out;
}
