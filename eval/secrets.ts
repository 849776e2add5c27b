// Secret detection efficacy over ../shared/data/secrets/secrets.jsonl (fully synthetic, seeded).
// Row level: a row is predicted "secret" when the scanner returns any finding.
// Span level: a gold span is found when a finding of a category mapped from its type overlaps it
// (recall per type); a finding is correct when it overlaps a gold span whose type maps to its category
// (precision per category). Findings of categories no type maps to count against precision only on
// benign rows; on secret rows they are listed as "unscored" (the data annotates a subset of formats).
import { readFileSync } from 'node:fs';
import type { ScannerFinding } from '../src/core/types.js';
import { percentile } from '../src/eval/metrics.js';
import { scanSecrets } from '../src/scanners/secrets.js';

/** Dataset secret type → Rampart categories that count as finding it. The one mapping table. */
export const TYPE_TO_CATEGORIES = {
  AWS_ACCESS_KEY_ID: ['secret.aws_access_key'],
  AWS_SECRET_ACCESS_KEY: ['secret.aws_secret_key'],
  GITHUB_TOKEN: ['secret.github_token'],
  GITHUB_FINE_GRAINED_PAT: ['secret.github_fine_grained_pat'],
  SLACK_TOKEN: ['secret.slack_token'],
  STRIPE_SECRET_KEY: ['secret.stripe_key'],
  GOOGLE_API_KEY: ['secret.google_api_key'],
  OPENAI_API_KEY: ['secret.openai_key'],
  ANTHROPIC_API_KEY: ['secret.anthropic_key'],
  NPM_TOKEN: ['secret.npm_token'],
  SENDGRID_API_KEY: ['secret.sendgrid_key'],
  TWILIO_API_KEY: ['secret.twilio_api_key'],
  PASSWORD: ['secret.generic_assignment', 'secret.cli_password', 'secret.url_credentials'],
  JWT: ['secret.jwt'],
  PRIVATE_KEY: ['secret.private_key'],
  DB_CONNECTION_STRING: ['secret.db_connection_string'],
} as const satisfies Record<string, readonly string[]>;
export type SecretType = keyof typeof TYPE_TO_CATEGORIES;

interface GoldSpan {
  type: string;
  start: number;
  end: number;
}
interface Row {
  text: string;
  label: 'secret' | 'benign';
  secrets: GoldSpan[];
  kind: string;
}

export interface Prf {
  tp: number;
  fp: number;
  fn: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export interface SecretsReport {
  rows: number;
  /** Row-level detection: any finding on a secret row is a TP, any finding on a benign row an FP. */
  row: Prf & { tn: number };
  /** Per dataset type: gold spans and how many a mapped finding overlaps. */
  recallByType: Record<string, { gold: number; found: number; recall: number | null }>;
  /** Per finding category: findings and how many overlap a gold span of a type mapped to it. */
  precisionByCategory: Record<string, { predicted: number; correct: number; precision: number | null }>;
  /** Type-agnostic span matching: any finding overlapping any gold span. */
  spanAnyType: { precision: number | null; recall: number | null };
  /** Findings on secret rows of categories the data does not annotate (not scored). */
  unscored: Record<string, number>;
  /** Benign rows flagged, by the kind of hard negative (the dataset's `kind`) and category. */
  falsePositives: Array<{ line: number; category: string }>;
  /** Gold spans missed: line number and type (never the text). */
  misses: Array<{ line: number; type: string }>;
  p50Ms: number;
  p99Ms: number;
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);
const f1 = (p: number | null, r: number | null): number | null =>
  p === null || r === null || p + r === 0 ? null : (2 * p * r) / (p + r);
const overlaps = (f: ScannerFinding, g: GoldSpan): boolean =>
  f.span !== undefined && f.span[0] < g.end && g.start < f.span[1];
const mapped = (type: string): readonly string[] =>
  (TYPE_TO_CATEGORIES as Record<string, readonly string[]>)[type] ?? [];
const MAPPED_CATEGORIES = new Set<string>(Object.values(TYPE_TO_CATEGORIES).flat());

export async function evalSecrets(path: string): Promise<SecretsReport> {
  const lines = readFileSync(path, 'utf8').split('\n');
  const rows: Array<{ line: number; row: Row }> = [];
  lines.forEach((l, i) => {
    if (l.trim() !== '') rows.push({ line: i + 1, row: JSON.parse(l) as Row });
  });
  // Warm up the regexes so the first rows do not carry compilation time.
  for (const { row } of rows.slice(0, 50)) scanSecrets(row.text);

  const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
  const recallByType: SecretsReport['recallByType'] = {};
  const precisionByCategory: SecretsReport['precisionByCategory'] = {};
  const unscored: Record<string, number> = {};
  const falsePositives: SecretsReport['falsePositives'] = [];
  const misses: SecretsReport['misses'] = [];
  const times: number[] = [];
  let anyPred = 0;
  let anyPredOk = 0;
  let anyGold = 0;
  let anyGoldOk = 0;

  for (const { line, row } of rows) {
    const t0 = performance.now();
    const findings = scanSecrets(row.text);
    times.push(performance.now() - t0);
    const positive = row.label === 'secret';
    const flagged = findings.length > 0;
    if (positive) c[flagged ? 'tp' : 'fn']++;
    else c[flagged ? 'fp' : 'tn']++;

    for (const g of row.secrets) {
      const r = (recallByType[g.type] ??= { gold: 0, found: 0, recall: null });
      r.gold++;
      anyGold++;
      if (findings.some((f) => overlaps(f, g))) anyGoldOk++;
      if (findings.some((f) => mapped(g.type).includes(f.category) && overlaps(f, g))) r.found++;
      else misses.push({ line, type: g.type });
    }
    for (const f of findings) {
      anyPred++;
      if (row.secrets.some((g) => overlaps(f, g))) anyPredOk++;
      if (!positive) falsePositives.push({ line, category: f.category });
      if (positive && !MAPPED_CATEGORIES.has(f.category)) {
        unscored[f.category] = (unscored[f.category] ?? 0) + 1;
        continue;
      }
      const p = (precisionByCategory[f.category] ??= { predicted: 0, correct: 0, precision: null });
      p.predicted++;
      if (row.secrets.some((g) => mapped(g.type).includes(f.category) && overlaps(f, g))) p.correct++;
    }
  }
  for (const r of Object.values(recallByType)) r.recall = ratio(r.found, r.gold);
  for (const p of Object.values(precisionByCategory)) p.precision = ratio(p.correct, p.predicted);
  const precision = ratio(c.tp, c.tp + c.fp);
  const recall = ratio(c.tp, c.tp + c.fn);
  times.sort((a, b) => a - b);
  return {
    rows: rows.length,
    row: { ...c, precision, recall, f1: f1(precision, recall) },
    recallByType,
    precisionByCategory,
    spanAnyType: { precision: ratio(anyPredOk, anyPred), recall: ratio(anyGoldOk, anyGold) },
    unscored,
    falsePositives,
    misses,
    p50Ms: percentile(times, 50) ?? 0,
    p99Ms: percentile(times, 99) ?? 0,
  };
}

const pct = (v: number | null): string => (v === null ? '    –' : `${(v * 100).toFixed(1).padStart(5)}%`);

export function formatSecretsReport(r: SecretsReport): string {
  const out = [
    `secrets: ${r.rows} rows`,
    `  rows    precision ${pct(r.row.precision)}  recall ${pct(r.row.recall)}  f1 ${r.row.f1 === null ? '–' : r.row.f1.toFixed(3)}` +
      `  (tp ${r.row.tp} fp ${r.row.fp} fn ${r.row.fn} tn ${r.row.tn})`,
    `  spans (any type)  precision ${pct(r.spanAnyType.precision)}  recall ${pct(r.spanAnyType.recall)}`,
    `  latency per row p50 ${r.p50Ms.toFixed(4)} ms  p99 ${r.p99Ms.toFixed(4)} ms`,
    '',
    `${'gold type'.padEnd(28)}  ${'gold'.padStart(5)}  ${'found'.padStart(5)}  recall`,
  ];
  for (const [t, v] of Object.entries(r.recallByType))
    out.push(
      `${t.padEnd(28)}  ${String(v.gold).padStart(5)}  ${String(v.found).padStart(5)}  ${pct(v.recall)}`,
    );
  out.push('', `${'category'.padEnd(34)}  ${'pred'.padStart(5)}  ${'ok'.padStart(5)}  precision`);
  for (const [cat, v] of Object.entries(r.precisionByCategory).sort())
    out.push(
      `${cat.padEnd(34)}  ${String(v.predicted).padStart(5)}  ${String(v.correct).padStart(5)}  ${pct(v.precision)}`,
    );
  const fpCats: Record<string, number> = {};
  for (const f of r.falsePositives) fpCats[f.category] = (fpCats[f.category] ?? 0) + 1;
  out.push('', `false positives on benign rows: ${r.falsePositives.length} ${JSON.stringify(fpCats)}`);
  if (Object.keys(r.unscored).length > 0)
    out.push(`unscored findings on secret rows: ${JSON.stringify(r.unscored)}`);
  return out.join('\n');
}
