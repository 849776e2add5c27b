// The `redact` action: every finding the policy redacts is replaced, in the original text, by the vault's
// typed placeholder. Overlapping spans merge; a redact finding without a span cannot be located, so the
// decision escalates to block (fail closed) instead of passing the value through.
//
// A few categories are rewritten instead of masked: active HTML (unsafe_output.html) becomes its sanitized
// form, so the answer keeps its harmless markup and text. Only a cut made of that category alone is rewritten;
// one merged with another finding (an exfiltration URL inside the element, a secret) is masked whole.
import type { Decision, Finding, Segment } from '../core/types.js';
import { HTML_CATEGORY, sanitizeSpan } from '../scanners/unsafe-output/html.js';
import type { Vault } from './vault.js';

interface Cut {
  start: number;
  end: number;
  category: string;
  score: number;
  /** Merged from findings of more than one category. */
  mixed?: boolean;
}

const REWRITES: ReadonlyMap<string, (value: string) => string> = new Map([[HTML_CATEGORY, sanitizeSpan]]);

/**
 * The harmless form of a redacted value of `category`, for categories redaction rewrites rather than masks;
 * undefined for the others (and for cuts merged from several categories, which are masked).
 */
export function rewriteFor(category: string, value: string, mixed = false): string | undefined {
  const rewrite = mixed ? undefined : REWRITES.get(category);
  return rewrite?.(value);
}

/**
 * Which finding names a merged cut. A secret outranks everything else: where an e-mail detector reads
 * "p@ss@db.example" inside a connection string, the mask must say secret (the audit, the vault's
 * restore_secrets rule and the user all go by it), whatever the two scores. Then the higher score.
 */
export function outranks(
  a: { category: string; score?: number },
  b: { category: string; score?: number },
): boolean {
  const sa = isSecretCategory(a.category);
  if (sa !== isSecretCategory(b.category)) return sa;
  return (a.score ?? 0) > (b.score ?? 0);
}

const isSecretCategory = (c: string): boolean => c === 'secret' || c.startsWith('secret.');

function cutsFor(findings: readonly Finding[], segment: number): Cut[] {
  const spans = findings
    .filter((f) => f.action === 'redact' && (f.segment ?? 0) === segment && f.span)
    .map((f) => ({ start: f.span![0], end: f.span![1], category: f.category, score: f.score }))
    .filter((c) => c.end > c.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Cut[] = [];
  for (const c of spans) {
    const last = merged[merged.length - 1];
    if (last && c.start < last.end) {
      last.end = Math.max(last.end, c.end);
      if (c.category !== last.category) last.mixed = true;
      if (outranks(c, last)) {
        last.category = c.category;
        last.score = c.score;
      }
    } else merged.push({ ...c });
  }
  return merged;
}

export function redactText(
  text: string,
  findings: readonly Finding[],
  segment: number,
  vault: Vault,
): string {
  const cuts = cutsFor(findings, segment);
  if (cuts.length === 0) return text;
  const parts: string[] = [];
  let at = 0;
  for (const c of cuts) {
    const value = text.slice(c.start, c.end);
    parts.push(
      text.slice(at, c.start),
      rewriteFor(c.category, value, c.mixed) ?? vault.placeholderFor(value, c.category),
    );
    at = c.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** Applies the redact action to a decision in place: `text` (one segment) or `segments` (several). */
export function applyRedaction(decision: Decision, segments: readonly Segment[], vault: Vault): void {
  const redacting = decision.findings.filter((f) => f.action === 'redact');
  if (redacting.length === 0) return;
  if (redacting.some((f) => !f.span)) {
    decision.action = 'block';
    return;
  }
  if (decision.action !== 'redact') return; // something worse (block, approval) already decided
  const redacted = segments.map((s, i) => ({ ...s, text: redactText(s.text, redacting, i, vault) }));
  if (redacted.length === 1) decision.text = redacted[0]!.text;
  else decision.segments = redacted;
}
