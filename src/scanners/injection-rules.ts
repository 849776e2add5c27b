// Rule-based detector for prompt injection and jailbreak phrasing (OWASP LLM01).
//
// Cheap by design: it runs on every prompt, retrieved chunk and tool result. A literal trigger scan
// (one alternation of lowercase keywords, compiled once) finds which rules could match at all; only
// those rules' regexes run. Every rule regex is linear-time (audited by test/security/redos.test.ts),
// starts with a literal keyword and is run at most once per text, so the cost is linear in text size.
import type { ScannerFinding, Scanner, Trust } from '../core/types.js';
import { OVERRIDE_RULES } from './rules/override.js';
import { EXTRACTION_RULES } from './rules/extraction.js';
import { PERSONA_RULES } from './rules/persona.js';
import { DELIMITER_RULES } from './rules/delimiters.js';
import { TOOL_HIJACK_RULES } from './rules/tool-hijack.js';
import { INDIRECT_RULES } from './rules/indirect.js';
import { OVERRIDE_I18N_RULES } from './rules/override-i18n.js';
import { EXTRACTION_I18N_RULES } from './rules/extraction-i18n.js';
import { PERSONA_I18N_RULES } from './rules/persona-i18n.js';
import { CJK_RULES } from './rules/cjk.js';

export type InjectionCategory =
  | 'prompt_injection.override'
  | 'prompt_injection.extraction'
  | 'jailbreak.persona'
  | 'prompt_injection.delimiter'
  | 'prompt_injection.tool_hijack'
  | 'prompt_injection.indirect';

export interface InjectionRule {
  /** Stable id reported in `signals`, e.g. 'override.en.ignore_previous'. */
  readonly id: string;
  readonly category: InjectionCategory;
  /** 0..1: how sure one match alone makes us. Combined per category with noisy-or. */
  readonly weight: number;
  /** Linear-time regex literal, run once (first match) over the whole text. */
  readonly pattern: RegExp;
  /**
   * Lowercase literals; every match of `pattern` starts with one of them (contains one, when
   * `anchored` is false), compared after toLowerCase. The rule is skipped unless one occurs. A wrong
   * trigger silently loses recall, so the tests check the prefilter against an unfiltered run.
   */
  readonly triggers: readonly string[];
  /**
   * false: matches may start anywhere, so the rule scans the whole text once any trigger is seen
   * (used where no keyword starts every match, e.g. CJK object-before-verb phrasing). Otherwise
   * (the default) every match STARTS with one of the triggers, and the rule is only tried, sticky,
   * at trigger positions: the cost is per keyword occurrence, not per character.
   */
  readonly anchored?: false;
  readonly langs?: readonly string[];
}

export const INJECTION_RULES: readonly InjectionRule[] = [
  ...OVERRIDE_RULES,
  ...EXTRACTION_RULES,
  ...PERSONA_RULES,
  ...DELIMITER_RULES,
  ...TOOL_HIJACK_RULES,
  ...INDIRECT_RULES,
  ...OVERRIDE_I18N_RULES,
  ...EXTRACTION_I18N_RULES,
  ...PERSONA_I18N_RULES,
  ...CJK_RULES,
];

const MESSAGES: Readonly<Record<InjectionCategory, string>> = {
  'prompt_injection.override': 'Text tries to override or replace earlier instructions.',
  'prompt_injection.extraction': 'Text tries to extract the system prompt, hidden instructions or secrets.',
  'jailbreak.persona': 'Text uses jailbreak phrasing to make the model drop its rules or persona.',
  'prompt_injection.delimiter': 'Text contains fake role markers or chat-template delimiters.',
  'prompt_injection.tool_hijack':
    'Text tries to make the model call tools or send data to an outside destination.',
  'prompt_injection.indirect': 'Untrusted content contains an instruction addressed to the model.',
};

const MAX_SCORE = 0.99;

interface CompiledRule {
  readonly rule: InjectionRule;
  /** Same source as rule.pattern plus the sticky flag: one attempt at lastIndex only. */
  readonly sticky: RegExp;
  /** The pattern starts with \b: it cannot match between two ASCII word characters. */
  readonly wordStart: boolean;
}

interface Prefilter {
  /** One alternation of every trigger, longest first; exported for the ReDoS audit. */
  readonly regex: RegExp;
  /** Matched trigger -> anchored rules whose trigger is a prefix of it (their match may start here). */
  readonly anchoredByTrigger: ReadonlyMap<string, readonly CompiledRule[]>;
  /** Matched trigger -> unanchored rules whose trigger occurs inside it. */
  readonly fullByTrigger: ReadonlyMap<string, readonly InjectionRule[]>;
}

let prefilter: Prefilter | undefined;

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function buildPrefilter(rules: readonly InjectionRule[]): Prefilter {
  const own = new Map<string, InjectionRule[]>();
  for (const rule of rules) {
    for (const t of rule.triggers) {
      const list = own.get(t) ?? [];
      list.push(rule);
      own.set(t, list);
    }
  }
  const compiled = new Map<InjectionRule, CompiledRule>(
    rules.map((rule) => [
      rule,
      {
        rule,
        sticky: new RegExp(rule.pattern.source, `${rule.pattern.flags}y`),
        wordStart: rule.pattern.source.startsWith('\\b'),
      },
    ]),
  );
  // The alternation takes the longest trigger at a position and resumes after it, so a matched
  // trigger stands for every trigger that is a prefix of it (anchored rules) or inside it (others).
  const triggers = [...own.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const anchoredByTrigger = new Map<string, readonly CompiledRule[]>();
  const fullByTrigger = new Map<string, readonly InjectionRule[]>();
  for (const t of triggers) {
    const anchored = new Set<CompiledRule>();
    const full = new Set<InjectionRule>();
    for (const u of triggers) {
      for (const r of own.get(u) ?? []) {
        if (r.anchored === false ? t.includes(u) : t.startsWith(u)) {
          if (r.anchored === false) full.add(r);
          else anchored.add(compiled.get(r)!);
        }
      }
    }
    anchoredByTrigger.set(t, [...anchored]);
    fullByTrigger.set(t, [...full]);
  }
  return { regex: new RegExp(triggers.map(escapeRegex).join('|'), 'g'), anchoredByTrigger, fullByTrigger };
}

const getPrefilter = (): Prefilter => (prefilter ??= buildPrefilter(INJECTION_RULES));

/** The compiled trigger regex (built on first use); exported so the ReDoS audit can check it. */
export function injectionPrefilterRegex(): RegExp {
  return getPrefilter().regex;
}

interface Hit {
  readonly rule: InjectionRule;
  readonly start: number;
  readonly end: number;
}

function appliesTo(rule: InjectionRule, trust: Trust): boolean {
  return rule.category !== 'prompt_injection.indirect' || trust === 'untrusted';
}

function fullScan(text: string, rules: Iterable<InjectionRule>, trust: Trust, hits: Hit[]): void {
  for (const rule of rules) {
    if (!appliesTo(rule, trust)) continue;
    const m = rule.pattern.exec(text);
    if (m !== null) hits.push({ rule, start: m.index, end: m.index + m[0].length });
  }
}

/** [A-Za-z0-9_]: a word character for \b under every flag set (the i+u extras are not ASCII). */
const isAsciiWord = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;

function runFiltered(text: string, trust: Trust): Hit[] {
  const pf = getPrefilter();
  const lower = text.toLowerCase();
  // Case mapping can change length (e.g. U+0130); positions would not line up, so use full scans.
  const aligned = lower.length === text.length;
  const re = pf.regex;
  re.lastIndex = 0; // synchronous loop below: no other scan can touch lastIndex meanwhile
  const done = new Set<InjectionRule>();
  const full = new Set<InjectionRule>();
  const hits: Hit[] = [];
  for (let m = re.exec(lower); m !== null; m = re.exec(lower)) {
    const t = m[0];
    for (const r of pf.fullByTrigger.get(t) ?? []) full.add(r);
    // Most trigger hits are inside words ("ur" in "our"): a rule starting with \b cannot match there, and
    // skipping its attempt up front saves most of the scan's time on ordinary prose.
    const midWord =
      aligned &&
      m.index > 0 &&
      isAsciiWord(text.charCodeAt(m.index - 1)) &&
      isAsciiWord(text.charCodeAt(m.index));
    for (const c of pf.anchoredByTrigger.get(t) ?? []) {
      if (done.has(c.rule) || !appliesTo(c.rule, trust)) continue;
      if (!aligned) {
        full.add(c.rule);
        continue;
      }
      if (midWord && c.wordStart) continue;
      c.sticky.lastIndex = m.index;
      const hit = c.sticky.exec(text);
      if (hit !== null) {
        done.add(c.rule);
        hits.push({ rule: c.rule, start: hit.index, end: hit.index + hit[0].length });
      }
    }
  }
  fullScan(
    text,
    [...full].filter((r) => !done.has(r)),
    trust,
    hits,
  );
  return hits;
}

function toFindings(hits: readonly Hit[]): ScannerFinding[] {
  const byCategory = new Map<InjectionCategory, Hit[]>();
  for (const h of hits) {
    const list = byCategory.get(h.rule.category) ?? [];
    list.push(h);
    byCategory.set(h.rule.category, list);
  }
  const findings: ScannerFinding[] = [];
  for (const [category, list] of byCategory) {
    list.sort((a, b) => b.rule.weight - a.rule.weight || a.start - b.start);
    const strongest = list[0];
    if (strongest === undefined) continue;
    const miss = list.reduce((p, h) => p * (1 - h.rule.weight), 1);
    const signals = [...new Set(list.map((h) => h.rule.id))].sort();
    findings.push({
      category,
      score: Math.min(MAX_SCORE, Math.round((1 - miss) * 1e4) / 1e4),
      span: [strongest.start, strongest.end],
      message: MESSAGES[category],
      signals,
    });
  }
  return findings.sort((a, b) => b.score - a.score || (a.category < b.category ? -1 : 1));
}

/**
 * Scans canonical text for injection and jailbreak phrasing. System text is not scanned (it is the
 * application's own instruction); `indirect` rules run only on untrusted text, where any instruction
 * addressed to the model is an injection.
 */
export function scanInjectionRules(text: string, trust: Trust): ScannerFinding[] {
  if (trust === 'system' || text.length === 0) return [];
  return toFindings(runFiltered(text, trust));
}

/** Same as scanInjectionRules but runs every rule, skipping the prefilter; tests use it as the oracle. */
export function scanInjectionRulesUnfiltered(text: string, trust: Trust): ScannerFinding[] {
  if (trust === 'system' || text.length === 0) return [];
  const hits: Hit[] = [];
  fullScan(text, INJECTION_RULES, trust, hits);
  return toFindings(hits);
}

export const injectionRules = {
  name: 'injection-rules',
  stages: ['input', 'retrieval', 'tool_call', 'tool_result'],
  cost: 'cheap',
  scan: (text, ctx) => scanInjectionRules(text, ctx.trust),
} satisfies Scanner;
