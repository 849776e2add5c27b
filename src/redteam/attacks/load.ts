// The attack library: every category's cases, validated once on first use. The cases are TypeScript
// modules (not YAML) so they ship inside dist/ with no file lookup; the schema still guards them, because a
// case whose goal cannot be checked would silently count as a defended attack.
import { z } from 'zod';
import { RampartError } from '../../core/errors.js';
import { ATTACK_CATEGORIES, type AttackCase, type AttackCategory } from '../types.js';
import { exfiltrationCases } from './exfiltration.js';
import { harmfulContentCases } from './harmful-content.js';
import { indirectInjectionCases } from './indirect-injection.js';
import { instructionOverrideCases } from './instruction-override.js';
import { jailbreakRoleplayCases } from './jailbreak-roleplay.js';
import { attackText, goalRequirements } from './placeholders.js';
import { secretElicitationCases } from './secret-elicitation.js';
import { systemPromptExtractionCases } from './system-prompt-extraction.js';
import { toolMisuseCases } from './tool-misuse.js';

const MAX_TEXT = 20_000;

const ToolDefinitionSchema = z.object({
  type: z.literal('function'),
  function: z.object({
    name: z.string().min(1).max(64),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().optional(),
  }),
});

const GoalSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('marker_in_output') }).strict(),
  z.object({ kind: z.literal('canary_leak') }).strict(),
  z.object({ kind: z.literal('secret_leak') }).strict(),
  z.object({ kind: z.literal('exfil_link') }).strict(),
  z
    .object({ kind: z.literal('tool_call'), tool: z.string().min(1), argument: z.string().optional() })
    .strict(),
  z.object({ kind: z.literal('regex'), pattern: z.string().min(1), flags: z.string().optional() }).strict(),
  z.object({ kind: z.literal('no_refusal'), pattern: z.string().min(1) }).strict(),
]);

export const AttackCaseSchema = z
  .object({
    id: z.string().regex(/^[a-z_]+-\d{3}$/u),
    category: z.enum(ATTACK_CATEGORIES),
    title: z.string().min(1).max(200),
    lang: z.string().regex(/^[a-z]{2}$/u),
    system: z.string().max(MAX_TEXT).optional(),
    turns: z.array(z.string().min(1).max(MAX_TEXT)).min(1).max(16),
    document: z
      .object({
        kind: z.enum(['web_page', 'email', 'tool_result', 'document']),
        tool: z.string().min(1),
        text: z.string().min(1).max(MAX_TEXT),
      })
      .strict()
      .optional(),
    tools: z.array(ToolDefinitionSchema).optional(),
    goal: GoalSchema,
    payload: z.enum(['turn', 'document']).optional(),
    injection: z.string().min(1).optional(),
  })
  .strict();

/** Why a case's goal could not be judged, or undefined when it can. */
export function goalProblem(c: AttackCase): string | undefined {
  const need = goalRequirements(c.goal);
  for (const p of need.system)
    if (!c.system?.includes(`{{${p}}}`)) return `goal ${c.goal.kind} needs {{${p}}} in the system prompt`;
  const text = attackText(c);
  for (const p of need.attack)
    if (!text.includes(`{{${p}}}`)) return `goal ${c.goal.kind} needs {{${p}}} in the attack text`;
  if (c.goal.kind === 'tool_call') {
    const tool = c.goal.tool;
    if (!c.tools?.some((t) => t.function.name === tool))
      return `goal tool ${tool} is not among the case's tools`;
  }
  if (c.payload === 'document') {
    if (!c.document) return 'payload is the document but the case has none';
    if (c.injection !== undefined && !c.document.text.includes(c.injection))
      return 'injection is not part of the document text';
  }
  return undefined;
}

/** Validates cases: schema, unique ids, checkable goals. Throws DATA_INVALID naming the first bad case. */
export function validateAttackCases(cases: readonly unknown[]): AttackCase[] {
  const ids = new Set<string>();
  return cases.map((raw, i) => {
    const parsed = AttackCaseSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new RampartError('DATA_INVALID', `attack case #${i}: ${issue.path.join('.')}: ${issue.message}`);
    }
    const c = parsed.data as AttackCase;
    if (ids.has(c.id)) throw new RampartError('DATA_INVALID', `attack case ${c.id}: duplicate id`);
    ids.add(c.id);
    const problem = goalProblem(c);
    if (problem) throw new RampartError('DATA_INVALID', `attack case ${c.id}: ${problem}`);
    return c;
  });
}

let library: readonly AttackCase[] | undefined;

/** The whole built-in library, validated on first call (nothing runs on import). */
export function loadAttackLibrary(): readonly AttackCase[] {
  library ??= Object.freeze(
    validateAttackCases([
      ...instructionOverrideCases,
      ...jailbreakRoleplayCases,
      ...systemPromptExtractionCases,
      ...secretElicitationCases,
      ...indirectInjectionCases,
      ...exfiltrationCases,
      ...toolMisuseCases,
      ...harmfulContentCases,
    ]),
  );
  return library;
}

/** The library's cases in the given categories (all when omitted), optionally restricted to languages. */
export function loadAttacks(
  filter: { categories?: readonly AttackCategory[]; langs?: readonly string[] } = {},
) {
  const cats = filter.categories ? new Set(filter.categories) : undefined;
  const langs = filter.langs ? new Set(filter.langs) : undefined;
  return loadAttackLibrary().filter((c) => (!cats || cats.has(c.category)) && (!langs || langs.has(c.lang)));
}
