// A red-team plan: which attacks to run, disguised how, over how many turns, from which seed. Written as
// YAML by a user or taken as the default; validated here once so the expander sees only a coherent plan.
import { z } from 'zod';
import { RampartError } from '../core/errors.js';
import { loadYamlFile, parseYamlWith, type YamlFileKind } from '../policy/yaml-source.js';
import { checkChain, isMutatorName, MUTATOR_NAMES } from './mutators/index.js';
import { STRATEGY_NAMES } from './strategies/index.js';
import { ATTACK_CATEGORIES } from './types.js';

const PLAN_FILE: YamlFileKind = { what: 'red-team plan', maxBytes: 256 * 1024 };
export const MAX_PLAN_CASES = 50_000;

const Chain = z
  .union([z.string(), z.array(z.string()).min(1).max(4)])
  .transform((c) => (typeof c === 'string' ? [c] : c));

export const RedteamPlanSchema = z
  .object({
    /** Same seed, same cases, same random markers: a run can be replayed exactly. */
    seed: z.number().int().min(0).max(0xffffffff).default(1),
    categories: z
      .array(z.enum(ATTACK_CATEGORIES))
      .min(1)
      .default([...ATTACK_CATEGORIES]),
    /** Only cases written in these languages (all when omitted). */
    langs: z
      .array(z.string().regex(/^[a-z]{2}$/u))
      .min(1)
      .optional(),
    /** Only these case ids (all when omitted). */
    ids: z.array(z.string().min(1)).min(1).optional(),
    /** Run every selected case once as written. */
    baseline: z.boolean().default(true),
    /** Mutator chains; each runs on a sample of the cases. A string is a chain of one. */
    mutators: z.array(Chain).default(MUTATOR_NAMES.map((n) => [n])),
    /** Fraction of each category's cases each mutator chain is applied to. */
    mutatorSample: z.number().min(0).max(1).default(0.15),
    /** Multi-turn strategies; each runs on a sample of the cases it applies to. */
    strategies: z
      .array(z.enum(STRATEGY_NAMES as [string, ...string[]]))
      .default(['crescendo', 'context_priming']),
    strategySample: z.number().min(0).max(1).default(0.15),
    /** Most user turns in one conversation (a strategy's lead-in plus the attack). */
    maxTurns: z.number().int().min(1).max(12).default(4),
    /** Hard cap on the expanded cases; above it a deterministic sample is kept. */
    maxCases: z.number().int().min(1).max(MAX_PLAN_CASES).default(3000),
  })
  .strict()
  .superRefine((plan, ctx) => {
    plan.mutators.forEach((chain, i) => {
      const unknown = chain.find((n) => !isMutatorName(n));
      if (unknown !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['mutators', i], message: `unknown mutator "${unknown}"` });
        return;
      }
      const problem = checkChain(chain);
      if (problem) ctx.addIssue({ code: 'custom', path: ['mutators', i], message: problem });
    });
  });

export type RedteamPlan = z.output<typeof RedteamPlanSchema>;
export type RedteamPlanInput = z.input<typeof RedteamPlanSchema>;

/** All categories; every mutator once on 15% of each category; both strategies on 15%. */
export const defaultPlan = (): RedteamPlan => RedteamPlanSchema.parse({});

/** Validates a plan object (from code or JSON); CONFIG_INVALID names the first problems. */
export function parsePlan(input: unknown): RedteamPlan {
  const parsed = RedteamPlanSchema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues
      .slice(0, 10)
      .map((i) => `plan: ${i.path.join('.') || '(top level)'}: ${i.message}`);
    throw new RampartError('CONFIG_INVALID', lines.join('\n'));
  }
  return parsed.data;
}

/** Parses plan YAML, with file:line:col in every error. */
export const parsePlanYaml = (source: string, name = 'plan'): RedteamPlan =>
  parseYamlWith(source, RedteamPlanSchema, name, 'CONFIG_INVALID').value;

export const loadPlanFile = (path: string): RedteamPlan =>
  loadYamlFile(path, RedteamPlanSchema, PLAN_FILE).value;
