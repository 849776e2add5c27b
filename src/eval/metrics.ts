// Detection-quality metrics. Null means "not defined for this data" (e.g. recall with no positives),
// never a magic number.

export interface Counts {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export interface BinaryMetrics {
  n: number;
  positives: number;
  negatives: number;
  recall: number | null;
  fpr: number | null;
  precision: number | null;
  f1: number | null;
  auc: number | null;
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

/** ROC AUC by the Mann-Whitney U statistic (ties count half). Null when one class is missing or all scores tie. */
export function rocAuc(scores: readonly number[], labels: readonly boolean[]): number | null {
  const idx = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let pos = 0;
  let neg = 0;
  for (const l of labels) {
    if (l) pos++;
    else neg++;
  }
  if (pos === 0 || neg === 0) return null;
  if (scores.every((s) => s === scores[0])) return null;
  // Average ranks over ties.
  let rankSumPos = 0;
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1]!] === scores[idx[i]!]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (labels[idx[k]!]) rankSumPos += avgRank;
    i = j + 1;
  }
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

export function binaryMetrics(
  predicted: readonly boolean[],
  labels: readonly boolean[],
  scores: readonly number[],
): BinaryMetrics {
  const c: Counts = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < labels.length; i++) {
    if (labels[i]) {
      if (predicted[i]) c.tp++;
      else c.fn++;
    } else if (predicted[i]) c.fp++;
    else c.tn++;
  }
  const recall = ratio(c.tp, c.tp + c.fn);
  const precision = ratio(c.tp, c.tp + c.fp);
  const f1 =
    recall !== null && precision !== null && recall + precision > 0
      ? (2 * recall * precision) / (recall + precision)
      : null;
  return {
    n: labels.length,
    positives: c.tp + c.fn,
    negatives: c.fp + c.tn,
    recall,
    fpr: ratio(c.fp, c.fp + c.tn),
    precision,
    f1,
    auc: rocAuc(scores, labels),
  };
}

/**
 * Recall when the score threshold is set so that the false-positive rate is at most `maxFpr`
 * (the comparison that matters for a guard: how much is caught at an alarm rate users tolerate).
 */
export function recallAtFpr(
  scores: readonly number[],
  labels: readonly boolean[],
  maxFpr: number,
): { recall: number | null; threshold: number } {
  const neg = scores.filter((_, i) => !labels[i]).sort((a, b) => b - a);
  const pos = scores.filter((_, i) => labels[i]);
  if (pos.length === 0 || neg.length === 0) return { recall: null, threshold: 1 };
  const allowed = Math.floor(maxFpr * neg.length);
  // Flag strictly above the (allowed+1)-th highest negative score; scores of 0 are never flagged.
  const threshold = Math.max(neg[allowed] ?? 0, 0);
  const caught = pos.filter((s) => s > threshold).length;
  return { recall: caught / pos.length, threshold };
}

export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}
