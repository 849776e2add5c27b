// Taint rules: which sensitive arguments may not carry values that came from untrusted text. The default, one
// rule `{ action: 'deny' }`, covers every sensitive argument of every tool: a recipient, URL, path or command the
// user never gave but a web page did is the signature of an indirect prompt injection (OWASP LLM01 → LLM06).
import type { TaintMatch } from '../taint/ledger.js';
import type { SensitiveValue } from './sensitive-args.js';
import type { TaintRule, Violation } from './types.js';

export const DEFAULT_TAINT_RULES: readonly TaintRule[] = [{ action: 'deny' }];

export interface TaintFinding {
  arg: string;
  kind: string;
  matches: TaintMatch[];
}

const HOW: Record<TaintMatch['how'], string> = {
  exact: 'a value',
  substring: 'text',
  url: 'a URL',
  email: 'an e-mail address',
  domain: 'a domain',
  path: 'a file path',
};

/**
 * One violation per match. `decidedBy` says which rule the violations belong to: a taint rule (its index, kind
 * 'taint'), or a Cedar policy that read the taint facts (kind 'policy', with its id).
 */
export function taintViolations(
  findings: readonly TaintFinding[],
  decidedBy?: { taintRule: number } | { policyId?: string },
): Violation[] {
  const out: Violation[] = [];
  for (const f of findings) {
    for (const m of f.matches) {
      const detail = `argument '${f.arg}' (${f.kind}) carries ${HOW[m.how]} taken from untrusted ${m.source.kind} '${m.source.id}'`;
      if (decidedBy && 'taintRule' in decidedBy) {
        out.push({
          kind: 'taint',
          rule: `taint-rule#${decidedBy.taintRule}`,
          arg: f.arg,
          source: m.source,
          detail,
        });
      } else if (decidedBy) {
        out.push({
          kind: 'policy',
          rule: 'policy',
          ...(decidedBy.policyId ? { policyId: decidedBy.policyId } : {}),
          arg: f.arg,
          source: m.source,
          detail,
        });
      } else out.push({ kind: 'taint', arg: f.arg, source: m.source, detail });
    }
  }
  return out;
}

/** The strictest action the rules require for these findings, or undefined when no rule covers them. */
export function taintAction(
  tool: string,
  findings: readonly TaintFinding[],
  rules: readonly TaintRule[],
): { action: 'deny' | 'require_approval'; covered: TaintFinding[]; rule: number } | undefined {
  let action: 'deny' | 'require_approval' | undefined;
  let rule = -1;
  const covered: TaintFinding[] = [];
  for (const f of findings) {
    for (const [i, r] of rules.entries()) {
      if (r.tools && !r.tools.includes(tool)) continue;
      if (r.kinds && !r.kinds.includes(f.kind)) continue;
      if (r.args && !r.args.includes(f.arg)) continue;
      if (!covered.includes(f)) covered.push(f);
      if (r.action === 'deny') {
        if (action !== 'deny') rule = i;
        action = 'deny';
      } else if (!action) {
        action = 'require_approval';
        rule = i;
      }
    }
  }
  return action ? { action, covered, rule } : undefined;
}

export function sensitiveTaint(
  values: readonly SensitiveValue[],
  find: (v: unknown) => TaintMatch[],
): TaintFinding[] {
  const out: TaintFinding[] = [];
  for (const v of values) {
    const matches = find(v.value);
    if (matches.length > 0) out.push({ arg: v.arg, kind: v.kind, matches });
  }
  return out;
}
