// Side-by-side efficacy of rules alone, the learned model alone and both (rules OR model), on dev rows as
// user text and on dev documents as untrusted text. tools/eval/run.ts calls `evalInjectionModel` and prints
// `formatModelEval`; `tsx tools/eval/model.ts` runs it standalone.
import { join, resolve } from 'node:path';
import { canonicalize } from '../../src/normalize/canonicalize.js';
import { percentile, recallAtFpr, rocAuc } from '../../src/eval/metrics.js';
import { isAttack, isDocument, readRows, sourceGroup, type Row } from '../model/data.js';
import { perKey, rateAt } from './dev-metrics.js';
import { getInjectionDetector } from '../../src/scanners/injection-model.js';
import { scanInjectionRules } from '../../src/scanners/injection-rules.js';

export interface SystemResult {
  system: 'rules' | 'model' | 'both';
  question: 'user' | 'untrusted';
  rows: number;
  auc: number | null;
  recallAtFpr: number | null;
  maxFpr: number;
  /** At the shipped defaults (rules: any finding; model: manifest threshold). */
  recall: number | null;
  fpr: number | null;
  p50Ms: number | null;
  p99Ms: number | null;
  perSource: Record<string, { n: number; recall?: number | null; fpr?: number | null }>;
  perLanguage: Record<string, { n: number; recall?: number | null; fpr?: number | null }>;
}

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const v = fn();
  return [v, performance.now() - t0];
}

function run(rows: readonly Row[], question: 'user' | 'untrusted', maxFpr: number): SystemResult[] {
  const det = getInjectionDetector();
  const threshold = det.manifest.heads[question].threshold;
  const labels = rows.map(isAttack);
  const rule: number[] = [];
  const model: number[] = [];
  const tr: number[] = [];
  const tm: number[] = [];
  for (const r of rows) {
    const text = canonicalize(r.text).text;
    const [rf, a] = time(() => scanInjectionRules(text, question));
    const [ms, b] = time(() => det.score(text, question).score);
    rule.push(rf.reduce((m, f) => Math.max(m, f.score), 0));
    model.push(ms);
    tr.push(a);
    tm.push(b);
  }
  // "both": flagged when either flags; as one score, the rules' verdict lifts a row above the model threshold.
  const both = rule.map((s, i) => (s > 0 ? Math.max(model[i]!, threshold + (1 - threshold) * s) : model[i]!));
  const tb = tr.map((t, i) => t + tm[i]!);
  const mk = (system: SystemResult['system'], scores: number[], t: number, times: number[]): SystemResult => {
    const at = recallAtFpr(scores, labels, maxFpr);
    const def = rateAt(scores, labels, t);
    const sorted = [...times].sort((x, y) => x - y);
    return {
      system,
      question,
      rows: rows.length,
      auc: rocAuc(scores, labels),
      recallAtFpr: at.recall,
      maxFpr,
      recall: def.recall,
      fpr: def.fpr,
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      perSource: perKey(rows, scores, t, (r) =>
        question === 'untrusted' ? docKind(r) : sourceGroup(r.source),
      ),
      perLanguage: perKey(rows, scores, t, (r) => r.lang),
    };
  };
  return [
    mk('rules', rule, Number.MIN_VALUE, tr),
    mk('model', model, threshold, tm),
    mk('both', both, threshold, tb),
  ];
}

/** Document kind for per-kind FPR: the carrier source family and wrapper. */
function docKind(r: Row): string {
  const injected = r.source.includes('embedded-injection');
  const src = r.source.replace(/^rampart\/synthetic:embedded-injection\s*(←\s*|\()?/u, '');
  const family = src.split(':')[0] ?? src;
  const wrapper = /\((\w[\w-]*)\)|\s(email|table|tool-output|answer|inbox-tool-result|web-page)$/u.exec(src);
  const imp = src.includes('+benign-imperative') ? '+imperative' : '';
  return `${injected ? 'injected ← ' : ''}${family}${wrapper ? `(${wrapper[1] ?? wrapper[2]})` : ''}${imp}`;
}

export function evalInjectionModel(devPath: string): SystemResult[] {
  const dev = readRows(devPath);
  return [...run(dev, 'user', 0.01), ...run(dev.filter(isDocument), 'untrusted', 0.02)];
}

const pct = (x: number | null | undefined): string =>
  x === null || x === undefined ? '   -  ' : `${(x * 100).toFixed(1).padStart(5)}%`;
const ms = (x: number | null): string => (x === null ? '-' : x.toFixed(3));

export function formatModelEval(results: readonly SystemResult[]): string {
  const out: string[] = [];
  out.push('question   system  rows  AUC     recall@FPR      recall@default  FPR@default  p50 ms  p99 ms');
  for (const r of results)
    out.push(
      `${r.question.padEnd(10)} ${r.system.padEnd(6)} ${String(r.rows).padStart(5)}  ${r.auc?.toFixed(4) ?? '-'}  ${pct(r.recallAtFpr)} @${(r.maxFpr * 100).toFixed(0)}%    ${pct(r.recall)}          ${pct(r.fpr)}      ${ms(r.p50Ms)}   ${ms(r.p99Ms)}`,
    );
  for (const r of results.filter((x) => x.system !== 'rules')) {
    out.push(
      `\n${r.question} / ${r.system} at default threshold, per ${r.question === 'user' ? 'source group' : 'document kind'}:`,
    );
    for (const [k, v] of Object.entries(r.perSource))
      out.push(`  ${k.padEnd(60)} n=${String(v.n).padStart(4)}  recall ${pct(v.recall)}  FPR ${pct(v.fpr)}`);
    out.push(`${r.question} / ${r.system}, per language:`);
    for (const [k, v] of Object.entries(r.perLanguage))
      out.push(`  ${k.padEnd(4)} n=${String(v.n).padStart(4)}  recall ${pct(v.recall)}  FPR ${pct(v.fpr)}`);
  }
  return out.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dataDir = resolve(
    process.env.RAMPART_DATA_DIR ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'data'),
  );
  console.log(formatModelEval(evalInjectionModel(join(dataDir, 'injection', 'dev.jsonl'))));
}
