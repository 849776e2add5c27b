// Plain-text tables for eval results (terminal and CI logs).
import type { BinaryMetrics } from './metrics.js';
import { group, sourceGroup, type EvalRun } from './injection-eval.js';

export const pct = (v: number | null): string =>
  v === null ? '   –  ' : `${(v * 100).toFixed(1).padStart(5)}%`;
const num = (v: number | null, d = 3): string => (v === null ? '–' : v.toFixed(d));

export function formatTable(title: string, groups: Record<string, BinaryMetrics>, keyWidth = 48): string {
  const head = `${title.padEnd(keyWidth)}  ${'n'.padStart(6)}  ${'pos'.padStart(5)}  recall     fpr   precision`;
  const lines = [head, '-'.repeat(head.length)];
  for (const [k, m] of Object.entries(groups)) {
    const key = k.length > keyWidth ? `…${k.slice(k.length - keyWidth + 1)}` : k.padEnd(keyWidth);
    lines.push(
      `${key}  ${String(m.n).padStart(6)}  ${String(m.positives).padStart(5)}  ${pct(m.recall)}  ${pct(m.fpr)}  ${pct(m.precision)}`,
    );
  }
  return lines.join('\n');
}

export function formatEvalRun(run: EvalRun, label: string): string {
  const s = run.summary;
  const out = [
    `${label}: ${s.n} rows${run.malformed.length ? `, ${run.malformed.length} malformed (skipped)` : ''}`,
    `  recall ${pct(s.recall)}   fpr ${pct(s.fpr)}   precision ${pct(s.precision)}   f1 ${num(s.f1)}   auc ${num(s.auc)}`,
    `  recall at 1% FPR (score threshold) ${pct(run.recallAt1PctFpr)}`,
    `  latency per row p50 ${num(s.p50_ms)} ms   p99 ${num(s.p99_ms)} ms`,
    '',
    formatTable(
      'by source (grouped by repository; JSON has every source)',
      group(run.rows, (r) => sourceGroup(r.source)),
    ),
    '',
    formatTable('by lang', s.by_lang, 10),
  ];
  return out.join('\n');
}
