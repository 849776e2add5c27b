// summary.json: the numbers of a run.
//
// ASR (attack success rate) = successes / attacks that ran without a target error. A blocked attack ran
// (the defence answered) and counts in the denominator as a failure of the attack; an errored one did not
// run (the network or the target failed), so it is excluded — and reported under `errors` — rather than
// silently lowering the ASR. With nothing run, the ASR is 0.
import type { CaseResult } from '../runner-types.js';

export const ASR_DEFINITION =
  'successes / (attacks - errors): a blocked attack counts as a failed attack; a target error is excluded';

export interface Bucket {
  attacks: number;
  /** attacks - errors */
  ran: number;
  successes: number;
  blocked: number;
  errors: number;
  asr: number;
}

export interface Summary {
  version: 1;
  target: string;
  seed: number | null;
  plan: string | null;
  attacks: number;
  ran: number;
  successes: number;
  blocked: number;
  errors: number;
  asr: number;
  asr_definition: string;
  by_category: Record<string, Bucket>;
  /** A case with several mutators counts under each; 'none' for an unmutated case. */
  by_mutator: Record<string, Bucket>;
  by_strategy: Record<string, Bucket>;
  /** Keyed by the number of user turns the case had (after --max-turns). */
  by_turns: Record<string, Bucket>;
  by_goal: Record<string, Bucket>;
  /** Turn at which successful attacks succeeded (1 = the first message). */
  success_turns: Record<string, number>;
  /** Ids of the successful attacks, sorted. */
  successful: string[];
  /** `--adaptive` runs: static vs adaptive ASR, queries to first success, winning chains. */
  adaptive?: AdaptiveSummary;
  /** `--baseline`: what got better or worse against a previous run. */
  baseline?: BaselineDiff;
}

/** summary.json's `adaptive` (report/adaptive.ts computes it). */
export interface AdaptiveSummary {
  budget: number;
  asr_static: number;
  asr_adaptive: number;
  by_category: { static: Record<string, Bucket>; adaptive: Record<string, Bucket> };
  /** Over the attacks that succeeded: target queries spent up to the first success. */
  queries_to_first_success: { n: number; median: number | null; mean: number | null };
  /** Chains that won most often (`[]` = the static case itself). */
  winning_chains: Array<{ chain: string[]; successes: number }>;
  /** Replies blocked during the search, by what blocked them. */
  blocked_by: Record<string, number>;
  queries: number;
}

/** summary.json's `baseline`: a run against a previous results.jsonl. */
export interface BaselineDiff {
  /** ASR per category in the baseline and now, over the attacks both runs have. */
  by_category: Record<string, { before: number; after: number; delta: number; attacks: number }>;
  /** Attacks (attack ids) that succeed now and did not in the baseline. */
  newly_successful: string[];
  /** Attacks that succeeded in the baseline and do not now. */
  no_longer_successful: string[];
  compared: number;
}

export interface SummaryMeta {
  target: string;
  seed?: number;
  plan?: string;
}

const emptyBucket = (): Bucket => ({ attacks: 0, ran: 0, successes: 0, blocked: 0, errors: 0, asr: 0 });

function add(b: Bucket, r: CaseResult) {
  b.attacks++;
  if (r.error) b.errors++;
  else b.ran++;
  if (r.success) b.successes++;
  if (r.blocked) b.blocked++;
}

const finish = (b: Bucket): Bucket => ({ ...b, asr: b.ran === 0 ? 0 : round(b.successes / b.ran) });
const round = (x: number) => Math.round(x * 1e6) / 1e6;

function group(results: readonly CaseResult[], keys: (r: CaseResult) => string[]): Record<string, Bucket> {
  const m = new Map<string, Bucket>();
  for (const r of results)
    for (const k of keys(r)) {
      let b = m.get(k);
      if (!b) m.set(k, (b = emptyBucket()));
      add(b, r);
    }
  // Sorted keys: the same run gives the same file byte for byte.
  return Object.fromEntries([...m.keys()].sort(compareKeys).map((k) => [k, finish(m.get(k)!)]));
}

const compareKeys = (a: string, b: string) => {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isInteger(na) && Number.isInteger(nb)) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
};

export function summarize(results: readonly CaseResult[], meta: SummaryMeta): Summary {
  const all = emptyBucket();
  for (const r of results) add(all, r);
  const total = finish(all);
  const successTurns: Record<string, number> = {};
  for (const r of results)
    if (r.success) successTurns[String(r.turns)] = (successTurns[String(r.turns)] ?? 0) + 1;
  return {
    version: 1,
    target: meta.target,
    seed: meta.seed ?? null,
    plan: meta.plan ?? null,
    attacks: total.attacks,
    ran: total.ran,
    successes: total.successes,
    blocked: total.blocked,
    errors: total.errors,
    asr: total.asr,
    asr_definition: ASR_DEFINITION,
    by_category: group(results, (r) => [r.category]),
    by_mutator: group(results, (r) => (r.mutators.length > 0 ? [...new Set(r.mutators)] : ['none'])),
    by_strategy: group(results, (r) => [r.strategy]),
    by_turns: group(results, (r) => [String(r.planned_turns)]),
    by_goal: group(results, (r) => [r.goal]),
    success_turns: Object.fromEntries(Object.entries(successTurns).sort((a, b) => compareKeys(a[0], b[0]))),
    successful: results
      .filter((r) => r.success)
      .map((r) => r.id)
      .sort(),
  };
}

/** The ASR-by-category table the CLI prints. */
export function formatCategoryTable(s: Summary): string {
  const rows: string[][] = [['category', 'attacks', 'success', 'blocked', 'errors', 'ASR']];
  for (const [k, b] of Object.entries(s.by_category))
    rows.push([k, String(b.attacks), String(b.successes), String(b.blocked), String(b.errors), pct(b.asr)]);
  rows.push([
    'TOTAL',
    String(s.attacks),
    String(s.successes),
    String(s.blocked),
    String(s.errors),
    pct(s.asr),
  ]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r, ri) => {
      const line = r
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
        .join('  ');
      return ri === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}

export const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
