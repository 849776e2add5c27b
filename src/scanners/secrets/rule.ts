// The shape every secret rule has, and the helper that turns a token regex into a rule.
import { shannonEntropy } from './entropy.js';
import { isPlaceholder } from './placeholder.js';

export interface SecretsOptions {
  /** Minimum Shannon entropy (bits/char) for values found by keyword only (generic assignments). */
  entropyMin: number;
  /** Publishable keys (Stripe pk_live_) are meant to ship in web pages; true: do not report them. */
  allowPublishable: boolean;
  /** Report keyword-gated generic assignments (password=…, api_key: …). */
  generic: boolean;
}

export interface SecretHit {
  /** Span of the secret value itself, [start, end). */
  start: number;
  end: number;
  score: number;
  /** Fixed wording appended to the label, e.g. 'checksum valid'; never text from the input. */
  note?: string;
  /** Extra fixed signal names besides the rule id. */
  signals?: readonly string[];
  /**
   * Not a finding but a verdict on the span: the value is a recognised format that failed verification
   * (a GitHub token with a wrong checksum), so no other rule may report it either.
   */
  veto?: boolean;
  /** Overrides the rule's kind (one rule may report two categories, e.g. URL vs database credentials). */
  kind?: string;
  label?: string;
}

export interface SecretRule {
  /** Stable rule id, reported in `signals`. */
  id: string;
  /** Category suffix: the finding's category is `secret.<kind>`. */
  kind: string;
  /** Human name of the credential; the message is built from it and never from the input. */
  label: string;
  /**
   * Prefilter keys (lower case) that make this rule worth running; see prefilter.ts. A rule whose anchors
   * do not occur in the text is skipped, which keeps clean text to a single pass.
   */
  anchors: readonly string[];
  /** Keyword-gated guesswork: loses to any structured rule reporting an overlapping span. */
  fallback?: boolean;
  find(text: string, options: SecretsOptions): SecretHit[];
}

/**
 * What a check says about one candidate: false rejects it, 'veto' rejects it and suppresses every other
 * rule's finding on the same span, an object accepts it (optionally re-scored).
 */
export type Verdict = false | 'veto' | { score?: number; note?: string; signals?: readonly string[] };

export interface TokenRuleSpec {
  id: string;
  kind: string;
  label: string;
  anchors: readonly string[];
  /** Global regex matching exactly the secret (context goes in look-arounds). */
  pattern: RegExp;
  score: number;
  check?: (value: string, options: SecretsOptions) => Verdict;
}

export function tokenRule(spec: TokenRuleSpec): SecretRule {
  const { id, kind, label, anchors, pattern, score, check } = spec;
  return {
    id,
    kind,
    label,
    anchors,
    find(text, options) {
      const hits: SecretHit[] = [];
      pattern.lastIndex = 0;
      for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
        const start = m.index;
        const value = m[0];
        if (value.length === 0 || isPlaceholder(value)) continue;
        const verdict: Verdict = check ? check(value, options) : {};
        if (verdict === false) continue;
        if (verdict === 'veto') {
          hits.push({ start, end: start + value.length, score: 0, veto: true });
          continue;
        }
        hits.push({
          start,
          end: start + value.length,
          score: verdict.score ?? score,
          ...(verdict.note !== undefined && { note: verdict.note }),
          signals: verdict.signals ?? [],
        });
      }
      return hits;
    },
  };
}

/** Accept values that look generated: not one character class repeated, enough distinct symbols. */
export function randomish(minEntropy: number): (value: string) => Verdict {
  return (value) => (shannonEntropy(value) >= minEntropy ? {} : false);
}
