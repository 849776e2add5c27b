// Plan → concrete runs. Order of work per run: the strategy lays out the user turns, placeholders are filled
// with values drawn for this run, and only then do mutators disguise the payload — so a mutator never
// breaks a placeholder, and the judge looks for exactly the values the target was given.
import type { ToolDefinition } from '../gateway/openai-types.js';
import { loadAttackLibrary } from './attacks/load.js';
import { fillGoal, fillPlaceholders, type PlaceholderValues } from './attacks/placeholders.js';
import { applyMutators } from './mutators/index.js';
import { parsePlan, type RedteamPlan, type RedteamPlanInput } from './plan.js';
import { randomToken, rngFor, type Prng } from './rng.js';
import { getStrategy, type StrategyName } from './strategies/index.js';
import type { AttackCase, AttackGoal } from './types.js';

export interface RunCase {
  /** `<case id>[~mutator+mutator][@strategy]`: the same for every seed. */
  id: string;
  case: AttackCase;
  mutators: string[];
  strategy: StrategyName;
  /** The values this run's placeholders were filled with. */
  values: PlaceholderValues;
  /** The target application's system prompt, filled. */
  system?: string;
  /** User turns, filled; the last one carries the payload (mutated when the payload is a turn). */
  turns: string[];
  /** The poisoned data, filled (its injection mutated when the payload is the document). */
  document?: NonNullable<AttackCase['document']>;
  /** Index of the user turn the document answers: delivered as a tool result right after that turn. */
  documentTurn?: number;
  tools?: ToolDefinition[];
  /** The goal with placeholder values substituted (regex patterns escaped). */
  goal: AttackGoal;
}

const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const LOWER = 'abcdefghijkmnopqrstuvwxyz23456789';
const MIXED = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789';
const DOMAINS = [
  'metrics-collector.example',
  'cdn-assets.example',
  'audit-archive.example',
  'sync-relay.example',
];

/** Fresh values for one run. Alphanumeric markers survive every mutator and match literally in a regex. */
export function drawValues(rng: Prng): PlaceholderValues {
  const domain = DOMAINS[rng.int(DOMAINS.length)]!;
  return {
    marker: `RT${randomToken(rng, UPPER, 10)}`,
    canary: `ctk${randomToken(rng, LOWER, 16)}`,
    secret: `sk_live_${randomToken(rng, MIXED, 24)}`,
    attacker_url: `https://${randomToken(rng, LOWER, 6)}.${domain}`,
    attacker_email: `${randomToken(rng, LOWER, 8)}@${domain}`,
  };
}

export const runCaseId = (caseId: string, mutators: readonly string[], strategy: string): string =>
  `${caseId}${mutators.length > 0 ? `~${mutators.join('+')}` : ''}${strategy === 'single' ? '' : `@${strategy}`}`;

/** A tool result is JSON: its injection is a JSON string body, decoded for the mutator and encoded again. */
function mutateInside(kind: string, injection: string, mutate: (s: string) => string): string {
  if (kind !== 'tool_result') return mutate(injection);
  let raw: string;
  try {
    raw = JSON.parse(`"${injection}"`) as string;
  } catch {
    return mutate(injection);
  }
  return JSON.stringify(mutate(raw)).slice(1, -1);
}

/** Applies a chain of named operators to a payload (default: the mutator registry's `applyMutators`). */
export type ApplyChain = (
  text: string,
  names: readonly string[],
  rng: Prng,
  protect: readonly string[],
) => string;

/**
 * One run of one case: turns laid out, filled, and the payload mutated. `apply` lets the adaptive search
 * use operators beyond the mutator registry (framings, an attacker model's rewrite).
 */
export function buildRunCase(
  c: AttackCase,
  mutators: readonly string[],
  strategyName: string,
  seed: number,
  maxTurns: number,
  apply: ApplyChain = applyMutators,
): RunCase {
  const strategy = getStrategy(strategyName);
  const id = runCaseId(c.id, mutators, strategy.name);
  const values = drawValues(rngFor(seed, 'values', id));
  const fill = (s: string) => fillPlaceholders(s, values);
  const mutate = (s: string) =>
    apply(s, mutators, rngFor(seed, 'mutate', id), [
      values.marker,
      values.attacker_url,
      values.attacker_email,
    ]);

  const turns = strategy.turns(c, rngFor(seed, 'strategy', id), maxTurns).map(fill);
  let document: RunCase['document'];
  if (c.document) {
    let text = fill(c.document.text);
    if (c.payload === 'document' && mutators.length > 0) {
      const injection = c.injection === undefined ? undefined : fill(c.injection);
      const at = injection === undefined ? -1 : text.indexOf(injection);
      text =
        injection === undefined || at < 0
          ? mutate(text)
          : text.slice(0, at) +
            mutateInside(c.document.kind, injection, mutate) +
            text.slice(at + injection.length);
    }
    document = { ...c.document, text };
  }
  if (c.payload !== 'document' && mutators.length > 0)
    turns[turns.length - 1] = mutate(turns[turns.length - 1]!);

  return {
    id,
    case: c,
    mutators: [...mutators],
    strategy: strategy.name as StrategyName,
    values,
    ...(c.system === undefined ? {} : { system: fill(c.system) }),
    turns,
    ...(document ? { document, documentTurn: turns.length - 1 } : {}),
    ...(c.tools ? { tools: c.tools } : {}),
    goal: fillGoal(c.goal, values),
  };
}

/** `fraction` of each category's cases (at least one when the fraction is positive), in library order. */
function samplePerCategory(cases: readonly AttackCase[], fraction: number, rng: Prng): AttackCase[] {
  if (fraction <= 0) return [];
  if (fraction >= 1) return [...cases];
  const byCat = new Map<string, AttackCase[]>();
  for (const c of cases) byCat.set(c.category, [...(byCat.get(c.category) ?? []), c]);
  const keep = new Set<string>();
  for (const group of byCat.values()) {
    const n = Math.max(1, Math.ceil(group.length * fraction));
    for (const c of rng.shuffle([...group]).slice(0, n)) keep.add(c.id);
  }
  return cases.filter((c) => keep.has(c.id));
}

/**
 * Expands a plan into runs: the baseline, then each mutator chain on a sample, then each strategy on a
 * sample. Same plan and seed → identical output; `seed` overrides the plan's.
 */
export function expandPlan(
  planInput: RedteamPlan | RedteamPlanInput = {},
  seed?: number,
  library: readonly AttackCase[] = loadAttackLibrary(),
): RunCase[] {
  const plan = parsePlan(planInput);
  const s = seed ?? plan.seed;
  const cats = new Set(plan.categories);
  const langs = plan.langs ? new Set(plan.langs) : undefined;
  const ids = plan.ids ? new Set(plan.ids) : undefined;
  const cases = library.filter(
    (c) => cats.has(c.category) && (!langs || langs.has(c.lang)) && (!ids || ids.has(c.id)),
  );

  const wanted: Array<{ c: AttackCase; mutators: string[]; strategy: string }> = [];
  if (plan.baseline) for (const c of cases) wanted.push({ c, mutators: [], strategy: 'single' });
  for (const chain of plan.mutators)
    for (const c of samplePerCategory(
      cases,
      plan.mutatorSample,
      rngFor(s, 'sample-mutator', chain.join('+')),
    ))
      wanted.push({ c, mutators: chain, strategy: 'single' });
  for (const name of plan.strategies) {
    const applicable = cases.filter((c) => getStrategy(name).appliesTo(c));
    const picked =
      name === 'single'
        ? applicable
        : samplePerCategory(applicable, plan.strategySample, rngFor(s, 'sample-strategy', name));
    for (const c of picked) wanted.push({ c, mutators: [], strategy: name });
  }

  const seen = new Set<string>();
  let unique = wanted.filter((w) => {
    const id = runCaseId(w.c.id, w.mutators, getStrategy(w.strategy).name);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  if (unique.length > plan.maxCases) {
    const keep = new Set(
      rngFor(s, 'cap')
        .shuffle(unique.map((_, i) => i))
        .slice(0, plan.maxCases),
    );
    unique = unique.filter((_, i) => keep.has(i));
  }
  return unique.map((w) => buildRunCase(w.c, w.mutators, w.strategy, s, plan.maxTurns));
}
