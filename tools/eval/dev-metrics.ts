// Dev-split metrics for both questions: user text (every dev row) and untrusted text (dev documents: injected
// twins against clean carriers and benign-imperative variants). Dev is for reporting and threshold choice only.
import { recallAtFpr, rocAuc } from '../../src/eval/metrics.js';
import { canonical } from '../model/corpus.js';
import { isAttack, isDocument, type Row } from '../model/data.js';
import type { Detector } from '../../src/model/detector.js';

export interface QuestionReport {
  rows: Row[];
  scores: number[];
  labels: boolean[];
  summary: Record<string, unknown>;
}

export interface DevReport {
  user: QuestionReport;
  untrusted: QuestionReport;
}

/** Threshold (flag when score >= it) that keeps the FPR on these rows at or below maxFpr. */
export function thresholdFor(scores: readonly number[], labels: readonly boolean[], maxFpr: number): number {
  const { threshold } = recallAtFpr(scores, labels, maxFpr);
  return Math.min(1, threshold + Math.max(1e-12, threshold * 1e-9));
}

const round = (x: number | null): number | null => (x === null ? null : Math.round(x * 1e4) / 1e4);

export function rateAt(
  scores: readonly number[],
  labels: readonly boolean[],
  threshold: number,
): { recall: number | null; fpr: number | null } {
  let tp = 0,
    p = 0,
    fp = 0,
    n = 0;
  scores.forEach((s, i) => {
    if (labels[i]) {
      p++;
      if (s >= threshold) tp++;
    } else {
      n++;
      if (s >= threshold) fp++;
    }
  });
  return { recall: p === 0 ? null : tp / p, fpr: n === 0 ? null : fp / n };
}

/** Recall (attack rows) or FPR (benign rows) per key at a threshold. */
export function perKey(
  rows: readonly Row[],
  scores: readonly number[],
  threshold: number,
  key: (r: Row) => string,
): Record<string, { n: number; recall?: number | null; fpr?: number | null }> {
  const groups = new Map<string, { pos: number; tp: number; neg: number; fp: number }>();
  rows.forEach((r, i) => {
    const k = key(r);
    const g = groups.get(k) ?? { pos: 0, tp: 0, neg: 0, fp: 0 };
    const hit = scores[i]! >= threshold;
    if (isAttack(r)) {
      g.pos++;
      if (hit) g.tp++;
    } else {
      g.neg++;
      if (hit) g.fp++;
    }
    groups.set(k, g);
  });
  const out: Record<string, { n: number; recall?: number | null; fpr?: number | null }> = {};
  for (const k of [...groups.keys()].sort()) {
    const g = groups.get(k)!;
    out[k] = {
      n: g.pos + g.neg,
      ...(g.pos > 0 ? { recall: round(g.tp / g.pos) } : {}),
      ...(g.neg > 0 ? { fpr: round(g.fp / g.neg) } : {}),
    };
  }
  return out;
}

function summarize(
  rows: Row[],
  scores: number[],
  labels: boolean[],
  threshold: number,
  fpr: number,
): Record<string, unknown> {
  const at = recallAtFpr(scores, labels, fpr);
  const def = rateAt(scores, labels, threshold);
  return {
    rows: rows.length,
    auc: round(rocAuc(scores, labels)),
    [`recallAt${fpr * 100}pctFpr`]: round(at.recall),
    atThreshold: { recall: round(def.recall), fpr: round(def.fpr) },
    perLanguage: perKey(rows, scores, threshold, (r) => r.lang),
  };
}

export function evaluateDev(detector: Detector, dev: readonly Row[]): DevReport {
  const canon = dev.map((r) => canonical(r.text));
  const uScores = canon.map((t) => detector.score(t, 'user').score);
  const uLabels = dev.map(isAttack);
  const docIdx = dev.map((r, i) => (isDocument(r) ? i : -1)).filter((i) => i >= 0);
  const dRows = docIdx.map((i) => dev[i]!);
  const dScores = docIdx.map((i) => detector.score(canon[i]!, 'untrusted').score);
  const dLabels = dRows.map(isAttack);
  const ut = detector.manifest.heads.user.threshold;
  const dt = detector.manifest.heads.untrusted.threshold;
  return {
    user: {
      rows: [...dev],
      scores: uScores,
      labels: uLabels,
      summary: summarize([...dev], uScores, uLabels, ut, 0.01),
    },
    untrusted: {
      rows: dRows,
      scores: dScores,
      labels: dLabels,
      summary: summarize(dRows, dScores, dLabels, dt, 0.02),
    },
  };
}
