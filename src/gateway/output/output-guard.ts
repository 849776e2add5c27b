// Guarding a model's whole (non-streamed) answer: scan the RAW answer, mask what the policy redacts, and
// only then put the conversation vault's placeholders back, so the user gets their own values back without
// those values being re-flagged as if the model had leaked them.
//
// Output masks are NOT vault placeholders: a value masked on the way out must never be "restored" by
// vault.restore, which would hand a leaked secret or a stranger's e-mail straight back to the client.
// `[REDACTED:EMAIL]` has a colon, which the vault's placeholder pattern cannot match.
import { isStopping } from '../../core/actions.js';
import type { Decision, Finding, Span } from '../../core/types.js';
import type { Guard } from '../../policy/create-guard.js';
import { outranks, rewriteFor } from '../../policy/redact.js';
import { placeholderLabel, type Vault } from '../../policy/vault.js';

export interface OutputContext {
  /** Canary tokens embedded in this conversation's system prompt. */
  canaries: readonly string[];
  /** The application's system prompt(s), for leak similarity. */
  systemPrompts: readonly string[];
  /** The conversation's vault (from input redaction); its placeholders are restored in the answer. */
  vault?: Vault;
}

export interface GuardedAnswer {
  /** The text to send: masked and restored, or '' when blocked. */
  text: string;
  /** For the audit log; never carries the answer's text. */
  decision: Decision;
  blocked: boolean;
}

/** The visible mask for a redacted value; outside the vault's `[LABEL_N]` grammar on purpose. */
export function maskFor(category: string): string {
  return `[REDACTED:${placeholderLabel(category)}]`;
}

export interface MaskCut {
  start: number;
  end: number;
  category: string;
  /** Only the tail of the value is in this text (a stream sent the rest): masked, never rewritten. */
  partial?: boolean;
  /** Merged from findings of more than one category: masked, never rewritten. */
  mixed?: boolean;
}

/**
 * Merges overlapping cuts and replaces each by its mask, or by its rewrite (sanitized HTML) when it is one
 * whole value of a rewritten category. A secret names the mask over anything else (see `outranks`);
 * otherwise the wider, earlier cut does.
 */
export function applyMasks(text: string, cuts: readonly MaskCut[]): string {
  if (cuts.length === 0) return text;
  const sorted = cuts.filter((c) => c.end > c.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: MaskCut[] = [];
  for (const c of sorted) {
    const last = merged[merged.length - 1];
    if (last && c.start < last.end) {
      last.end = Math.max(last.end, c.end);
      if (c.category !== last.category) last.mixed = true;
      if (c.partial) last.partial = true;
      if (outranks({ category: c.category }, { category: last.category })) last.category = c.category;
    } else merged.push({ ...c });
  }
  const parts: string[] = [];
  let at = 0;
  for (const c of merged) {
    const value = text.slice(c.start, c.end);
    const rewritten = c.partial ? undefined : rewriteFor(c.category, value, c.mixed);
    parts.push(text.slice(at, c.start), rewritten ?? maskFor(c.category));
    at = c.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** Cuts for the findings the policy redacts (findings without a span already escalated the decision). */
export function redactCuts(findings: readonly Finding[]): MaskCut[] {
  return findings
    .filter((f): f is Finding & { span: Span } => f.action === 'redact' && f.span !== undefined)
    .map((f) => ({ start: f.span[0], end: f.span[1], category: f.category }));
}

/**
 * A decision standing for a check that could not run (the guard threw, a bound was exceeded): block.
 * The message is fixed text; the error's own message may quote the answer and is not copied.
 */
export function failClosedDecision(category: string, message: string, signal?: string): Decision {
  const finding: Finding = { scanner: 'output-guard', category, score: 1, message, action: 'block' };
  if (signal) finding.signals = [signal];
  return { action: 'block', stage: 'output', findings: [finding], timingsMs: {} };
}

/** The error's class and code, never its message (which may quote scanned text). */
export function errorSignal(cause: unknown): string {
  if (cause && typeof cause === 'object') {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const name = (cause as { name?: unknown }).name;
    if (typeof name === 'string') return name;
  }
  return 'unknown';
}

export async function checkOutput(guard: Guard, text: string, ctx: OutputContext): Promise<Decision> {
  try {
    const d = await guard.check('output', text, {
      canaries: ctx.canaries,
      systemPrompts: ctx.systemPrompts,
    });
    // decision.text carries the answer (redacted with a throwaway vault): keep it out of audit records.
    delete d.text;
    delete d.segments;
    return d;
  } catch (cause) {
    return failClosedDecision('scanner.error', 'the output check failed', errorSignal(cause));
  }
}

/** Scans, masks and restores a whole answer. A check that throws blocks (fail closed). */
export async function guardAnswer(guard: Guard, text: string, ctx: OutputContext): Promise<GuardedAnswer> {
  const decision = await checkOutput(guard, text, ctx);
  if (isStopping(decision.action)) return { text: '', decision, blocked: true };
  const masked = applyMasks(text, redactCuts(decision.findings));
  return { text: ctx.vault ? guard.restore(masked, ctx.vault) : masked, decision, blocked: false };
}
