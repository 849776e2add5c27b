// `rampart eval`: runs the guard over labelled rows and reports detection quality. The JSON shape
// (n, recall, fpr, precision, f1, auc, p50_ms, p99_ms, by_source, by_lang) is a stable interface that
// outside evaluations script against: add to the text report, never change these keys.
import type { Guard } from '../policy/create-guard.js';
import type { Decision, Finding, Trust } from '../core/types.js';
import { RampartError } from '../core/errors.js';
import { binaryMetrics, percentile, recallAtFpr, type BinaryMetrics } from './metrics.js';
import { readJsonl } from './jsonl.js';

/** Finding categories that count as detecting an injection or jailbreak. */
export const INJECTION_CATEGORY_PREFIXES = ['prompt_injection', 'jailbreak', 'evasion'] as const;

const LABELS = new Set(['injection', 'jailbreak', 'benign']);
const ROW_TRUSTS = new Set<Trust>(['user', 'untrusted']);
const MAX_LINE_BYTES = 4 * 1024 * 1024;
const MAX_ROWS = 5_000_000;

export interface EvalRow {
  text: string;
  label: 'injection' | 'jailbreak' | 'benign';
  source: string;
  lang: string;
  trust: Trust;
}

export interface RowResult {
  positive: boolean;
  predicted: boolean;
  score: number;
  ms: number;
  source: string;
  lang: string;
}

export interface EvalSummary extends Omit<BinaryMetrics, 'positives' | 'negatives'> {
  p50_ms: number | null;
  p99_ms: number | null;
  by_source: Record<string, BinaryMetrics>;
  by_lang: Record<string, BinaryMetrics>;
}

export interface EvalRun {
  summary: EvalSummary;
  rows: RowResult[];
  malformed: Array<{ line: number; error: string }>;
  /** Recall with the score threshold set for at most 1% false positives (not part of the stable JSON). */
  recallAt1PctFpr: number | null;
}

const isInjectionCategory = (c: string): boolean =>
  INJECTION_CATEGORY_PREFIXES.some((p) => c === p || c.startsWith(`${p}.`));

/** A row counts as detected when the policy intervenes on an injection category; its score is the strongest such finding. */
export function judge(decision: Decision): { predicted: boolean; score: number } {
  let predicted = false;
  let score = 0;
  for (const f of decision.findings as Finding[]) {
    if (f.category === 'scanner.error') {
      predicted = predicted || (f.action !== undefined && f.action !== 'allow');
      continue;
    }
    if (!isInjectionCategory(f.category)) continue;
    score = Math.max(score, f.score);
    if (f.action !== undefined && f.action !== 'allow') predicted = true;
  }
  return { predicted, score };
}

export function parseRow(value: unknown, defaultTrust: Trust): EvalRow | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'row is not a JSON object';
  const r = value as Record<string, unknown>;
  if (typeof r.text !== 'string') return '"text" must be a string';
  if (typeof r.label !== 'string' || !LABELS.has(r.label))
    return '"label" must be "injection", "jailbreak" or "benign"';
  if (r.source !== undefined && typeof r.source !== 'string') return '"source" must be a string';
  if (r.lang !== undefined && typeof r.lang !== 'string') return '"lang" must be a string';
  if (r.trust !== undefined && !ROW_TRUSTS.has(r.trust as Trust))
    return '"trust" must be "user" or "untrusted"';
  return {
    text: r.text,
    label: r.label as EvalRow['label'],
    source: (r.source as string | undefined) ?? '(none)',
    lang: (r.lang as string | undefined) ?? '(none)',
    trust: (r.trust as Trust | undefined) ?? defaultTrust,
  };
}

export function group(
  rows: readonly RowResult[],
  key: (r: RowResult) => string,
): Record<string, BinaryMetrics> {
  const buckets = new Map<string, RowResult[]>();
  for (const r of rows) {
    const k = key(r);
    let b = buckets.get(k);
    if (!b) buckets.set(k, (b = []));
    b.push(r);
  }
  const out: Record<string, BinaryMetrics> = {};
  for (const k of [...buckets.keys()].sort()) {
    const b = buckets.get(k)!;
    out[k] = binaryMetrics(
      b.map((r) => r.predicted),
      b.map((r) => r.positive),
      b.map((r) => r.score),
    );
  }
  return out;
}

/**
 * A readable group for a source in text reports: the repository (`owner/repo`), or the synthetic kind with
 * the repository its carrier came from. The JSON report keeps every source string as it is.
 */
export function sourceGroup(source: string): string {
  const embedded = /^(rampart\/synthetic:[a-z-]+)\(([^:)]{1,200})/u.exec(source);
  if (embedded) return `${embedded[1]} ← ${embedded[2]}`;
  if (source.startsWith('rampart/synthetic:')) return source.split(/[ (+]/u, 1)[0]!;
  return source.split(':', 1)[0]!;
}

export function summarize(rows: readonly RowResult[]): EvalSummary {
  const m = binaryMetrics(
    rows.map((r) => r.predicted),
    rows.map((r) => r.positive),
    rows.map((r) => r.score),
  );
  const ms = rows.map((r) => r.ms).sort((a, b) => a - b);
  return {
    n: m.n,
    recall: m.recall,
    fpr: m.fpr,
    precision: m.precision,
    f1: m.f1,
    auc: m.auc,
    p50_ms: percentile(ms, 50),
    p99_ms: percentile(ms, 99),
    by_source: group(rows, (r) => r.source),
    by_lang: group(rows, (r) => r.lang),
  };
}

export interface EvalOptions {
  trust?: Trust;
  onRow?: (done: number) => void;
  /** Rows are read from this path (JSONL). */
  path: string;
}

export async function runInjectionEval(guard: Guard, opts: EvalOptions): Promise<EvalRun> {
  const rows: RowResult[] = [];
  const malformed: EvalRun['malformed'] = [];
  let done = 0;
  for await (const line of readJsonl(opts.path, MAX_LINE_BYTES)) {
    if (++done > MAX_ROWS) throw new RampartError('DATA_INVALID', `${opts.path}: more than ${MAX_ROWS} rows`);
    opts.onRow?.(done);
    if (line.error !== undefined) {
      malformed.push({ line: line.line, error: line.error });
      continue;
    }
    const row = parseRow(line.value, opts.trust ?? 'user');
    if (typeof row === 'string') {
      malformed.push({ line: line.line, error: row });
      continue;
    }
    const t0 = performance.now();
    let decision: Decision;
    try {
      decision = await guard.check('input', [{ text: row.text, trust: row.trust }]);
    } catch (e) {
      if (e instanceof RampartError && e.code === 'INPUT_TOO_LARGE') {
        malformed.push({ line: line.line, error: e.message });
        continue;
      }
      throw e;
    }
    const ms = performance.now() - t0;
    const { predicted, score } = judge(decision);
    rows.push({ positive: row.label !== 'benign', predicted, score, ms, source: row.source, lang: row.lang });
  }
  const summary = summarize(rows);
  const { recall } = recallAtFpr(
    rows.map((r) => r.score),
    rows.map((r) => r.positive),
    0.01,
  );
  return { summary, rows, malformed, recallAt1PctFpr: recall };
}
