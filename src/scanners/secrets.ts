// Secret detection: provider credentials with a known structure (prefix, alphabet, checksum), private key
// blocks, JWTs, credentials in URLs and headers, and keyword-gated generic assignments. Findings span the
// secret value itself, and messages are built from fixed labels only: a finding never repeats the secret.
//
// Cost: one prefilter pass picks the rules whose anchors occur; only those run, each a linear regex scan.
import { z } from 'zod';
import type { Scanner, ScannerFinding } from '../core/types.js';
import { resolveOverlaps } from './overlaps.js';
import { PREFILTER } from './secrets/prefilter.js';
import type { SecretHit, SecretRule, SecretsOptions } from './secrets/rule.js';
import { rulesByAnchor, SECRET_RULES } from './secrets/rules.js';

export type { SecretsOptions } from './secrets/rule.js';

export const DEFAULT_SECRETS_OPTIONS: Readonly<SecretsOptions> = {
  entropyMin: 3.5,
  allowPublishable: true,
  generic: true,
};

/** The scanner's policy options (`scanners.secrets.options`); an absent key takes DEFAULT_SECRETS_OPTIONS. */
export const SecretsSettings = z
  .object({
    /** Minimum Shannon entropy (bits/char) of a value in a generic `password=` style assignment. */
    entropyMin: z.number().min(0).max(8).optional(),
    /** Stripe publishable keys are public by design; false reports them at a low score. */
    allowPublishable: z.boolean().optional(),
    /** The keyword-gated generic assignment rule. */
    generic: z.boolean().optional(),
  })
  .strict();
export type SecretsSettings = z.infer<typeof SecretsSettings>;

/** The parsed settings with the defaults filled in. */
export function secretsOptions(settings: SecretsSettings = {}): SecretsOptions {
  const d = DEFAULT_SECRETS_OPTIONS;
  return {
    entropyMin: settings.entropyMin ?? d.entropyMin,
    allowPublishable: settings.allowPublishable ?? d.allowPublishable,
    generic: settings.generic ?? d.generic,
  };
}

/**
 * PREFILTER without the i flag, run on the lowercased text: its literals are lowercase ASCII, and where
 * lowercasing keeps every position and turns no other character into ASCII (only U+212A KELVIN SIGN does,
 * and U+0130 changes the length), a literal occurs case-sensitively in the lowercase text exactly where
 * PREFILTER finds it case-insensitively in the text. Case-sensitive matching is the cheaper scan.
 */
const PREFILTER_LOWER = new RegExp(PREFILTER.source, 'g');
const KELVIN = '\u212a';

/** Rules whose anchors occur in the text. */
export function activeRules(text: string): Set<SecretRule> {
  const lower = text.toLowerCase();
  const exact = lower.length === text.length && text.indexOf(KELVIN) < 0;
  return collectActive(exact ? lower : text, exact ? PREFILTER_LOWER : PREFILTER);
}

/** activeRules with PREFILTER on the text as is: the reference the lowercase scan must equal (tests). */
export function activeRulesCaseInsensitive(text: string): Set<SecretRule> {
  return collectActive(text, PREFILTER);
}

function collectActive(text: string, re: RegExp): Set<SecretRule> {
  const index = rulesByAnchor();
  const active = new Set<SecretRule>();
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const rules = index.get(m[0].toLowerCase());
    if (rules) for (const r of rules) active.add(r);
    if (active.size === SECRET_RULES.length) break;
    // Step one character, not past the match: anchors may overlap ("sk-ant" inside "task-ant…").
    re.lastIndex = m.index + 1;
  }
  return active;
}

interface Candidate extends SecretHit {
  rule: SecretRule;
}

/**
 * Overlapping hits describe one secret: a veto removes the whole group; otherwise structured rules beat
 * keyword fallbacks, then the most confident, then the longest hit wins.
 */
function resolveSecretOverlaps(hits: readonly Candidate[]): Candidate[] {
  const rank = (h: Candidate): number => (h.veto ? 2 : h.rule.fallback ? 0 : 1);
  return resolveOverlaps(
    hits,
    (a, b) =>
      rank(b) - rank(a) ||
      b.score - a.score ||
      b.end - b.start - (a.end - a.start) ||
      a.start - b.start ||
      b.end - a.end,
  ).filter((h) => !h.veto);
}

export function scanSecrets(text: string, options?: SecretsSettings): ScannerFinding[] {
  if (typeof text !== 'string' || text.length < 8) return [];
  const o = secretsOptions(options);
  const candidates: Candidate[] = [];
  for (const rule of activeRules(text)) {
    for (const hit of rule.find(text, o)) {
      if (hit.end > hit.start && hit.start >= 0 && hit.end <= text.length) candidates.push({ ...hit, rule });
    }
  }
  return resolveSecretOverlaps(candidates).map((h) => ({
    category: `secret.${h.kind ?? h.rule.kind}`,
    score: h.score,
    span: [h.start, h.end] as const,
    message: h.note ? `${h.label ?? h.rule.label} (${h.note})` : (h.label ?? h.rule.label),
    signals: [h.rule.id, ...(h.signals ?? [])],
  }));
}

export const secrets = {
  name: 'secrets',
  description:
    'credentials: provider keys, private keys, JWTs, credentials in URLs and headers, generic assignments',
  options: SecretsSettings,
  stages: ['input', 'output', 'retrieval', 'tool_call', 'tool_result'],
  cost: 'cheap',
  scan: (text, ctx) => scanSecrets(text, ctx.options),
} satisfies Scanner<SecretsSettings>;
