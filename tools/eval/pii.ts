// PII span detection efficacy over ../shared/data/pii/pii.jsonl (synthetic, seeded).
// A predicted span counts for a gold span when its category is the one mapped below and the spans
// overlap. Precision counts predicted spans (of mapped categories) that overlap a gold span of their
// type; findings of unmapped categories (dates of birth, national ids) are listed but not scored,
// except on negative rows, where every finding is a false positive.
import { readFileSync } from 'node:fs';
import type { ScannerFinding } from '../../src/core/types.js';
import { type FlagCount, type OofReport, outOfFamily } from '../model/pii/oof.js';
import { scanPii } from '../../src/scanners/pii.js';
import { scanPiiNer } from '../../src/scanners/pii/ner.js';
import { shippedTagger } from '../../src/scanners/pii/tagger.js';

/** Dataset entity type → Rampart finding category. The one mapping table. */
export const TYPE_TO_CATEGORY = {
  EMAIL: 'pii.email',
  PHONE: 'pii.phone',
  CREDIT_CARD: 'pii.credit_card',
  IBAN: 'pii.iban',
  US_SSN: 'pii.us_ssn',
  IP_ADDRESS: 'pii.ip_address',
  PERSON: 'pii.person',
} as const;
type EntityType = keyof typeof TYPE_TO_CATEGORY;
const TYPES = Object.keys(TYPE_TO_CATEGORY) as EntityType[];

interface Row {
  text: string;
  entities: Array<{ type: string; start: number; end: number }>;
  lang: string;
}

export interface EntityScore {
  gold: number;
  predicted: number;
  truePositives: number;
  falseNegatives: number;
  falsePositives: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface VariantReport {
  name: string;
  perEntity: Record<EntityType, EntityScore>;
  /** Negative rows (no entities) with at least one finding, and those findings by category. */
  negativeRowsFlagged: number;
  negativeFindings: Record<string, number>;
  /** Findings of categories the dataset does not annotate, on positive rows. */
  unscored: Record<string, number>;
  p50Ms: number;
  p99Ms: number;
}

export interface PiiReport {
  path: string;
  rows: number;
  negativeRows: number;
  minScore: number;
  variants: VariantReport[];
}

const overlaps = (a: readonly [number, number], b: { start: number; end: number }): boolean =>
  a[0] < b.end && b.start < a[1];

const pct = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;

function evaluate(name: string, rows: readonly Row[], scan: (t: string) => ScannerFinding[]): VariantReport {
  const counts = Object.fromEntries(
    TYPES.map((t) => [t, { gold: 0, predicted: 0, tp: 0, matchedGold: 0 }]),
  ) as Record<EntityType, { gold: number; predicted: number; tp: number; matchedGold: number }>;
  const times: number[] = [];
  const negativeFindings: Record<string, number> = {};
  const unscored: Record<string, number> = {};
  let negativeRowsFlagged = 0;
  for (const row of rows) {
    const t0 = performance.now();
    const findings = scan(row.text);
    times.push(performance.now() - t0);
    if (row.entities.length === 0) {
      if (findings.length > 0) negativeRowsFlagged++;
      for (const f of findings) negativeFindings[f.category] = (negativeFindings[f.category] ?? 0) + 1;
      continue;
    }
    for (const f of findings) {
      if (!TYPES.some((t) => TYPE_TO_CATEGORY[t] === f.category))
        unscored[f.category] = (unscored[f.category] ?? 0) + 1;
    }
    for (const type of TYPES) {
      const gold = row.entities.filter((e) => e.type === type);
      const predicted = findings.filter((f) => f.category === TYPE_TO_CATEGORY[type] && f.span);
      const c = counts[type];
      c.gold += gold.length;
      c.predicted += predicted.length;
      c.tp += predicted.filter((p) => gold.some((g) => overlaps(p.span!, g))).length;
      c.matchedGold += gold.filter((g) => predicted.some((p) => overlaps(p.span!, g))).length;
    }
  }
  // Negative rows add their findings of mapped categories to the false positives of that type.
  for (const type of TYPES) counts[type].predicted += negativeFindings[TYPE_TO_CATEGORY[type]] ?? 0;
  const perEntity = Object.fromEntries(
    TYPES.map((t) => {
      const c = counts[t];
      const precision = c.predicted === 0 ? 0 : c.tp / c.predicted;
      const recall = c.gold === 0 ? 0 : c.matchedGold / c.gold;
      const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
      return [
        t,
        {
          gold: c.gold,
          predicted: c.predicted,
          truePositives: c.matchedGold,
          falseNegatives: c.gold - c.matchedGold,
          falsePositives: c.predicted - c.tp,
          precision,
          recall,
          f1,
        },
      ];
    }),
  ) as Record<EntityType, EntityScore>;
  times.sort((a, b) => a - b);
  return {
    name,
    perEntity,
    negativeRowsFlagged,
    negativeFindings,
    unscored,
    p50Ms: pct(times, 0.5),
    p99Ms: pct(times, 0.99),
  };
}

export async function evalPii(
  path: string,
  options: Readonly<Record<string, unknown>> = {},
): Promise<PiiReport> {
  const rows = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Row);
  const minScore = typeof options['minScore'] === 'number' ? options['minScore'] : 0.3;
  const cheap = (t: string): ScannerFinding[] => scanPii(t, options);
  const withNer = (t: string): ScannerFinding[] => [...scanPii(t, options), ...scanPiiNer(t, options)];
  return {
    path,
    rows: rows.length,
    negativeRows: rows.filter((r) => r.entities.length === 0).length,
    minScore,
    variants: [evaluate('pii (cheap)', rows, cheap), evaluate('pii + pii-ner (compromise)', rows, withNer)],
  };
}

const f3 = (x: number): string => x.toFixed(3);

/**
 * Person names and street addresses out of family (tools/model/pii/oof.ts): a tagger trained here without
 * the held-out locales (their names, streets and lexicon) and without the held-out carrier templates,
 * scored on sentences made only of those; and the shipped tagger on the same sentences (it saw those
 * locales' name lists, never those templates). Training takes about half a minute.
 */
export function evalPiiOutOfFamily(): OofReport {
  return outOfFamily({ shipped: shippedTagger().model });
}

export function formatOofReport(r: OofReport): string {
  const out = [
    `PII names and street addresses, out of family — ${r.testExamples} generated sentences from ${r.heldOutLocales.length} held-out faker locales (${r.heldOutLocales.join(' ')}) in held-out carrier templates`,
    'model                                     entity   gold  pred  precision  recall',
  ];
  const rows: Array<[string, OofReport['outOfFamily'] | undefined]> = [
    [`trained without them (${r.trainExamples} ex.)`, r.outOfFamily],
    ['shipped (saw the locales, not templates)', r.shipped],
  ];
  for (const [name, s] of rows) {
    if (!s) continue;
    for (const k of ['PER', 'ADR'] as const)
      out.push(
        `${name.padEnd(42)}${k.padEnd(6)}${String(s[k].gold).padStart(6)}${String(s[k].predicted).padStart(6)}  ${f3(s[k].precision).padStart(9)} ${f3(s[k].recall).padStart(7)}`,
      );
  }
  if (r.benign) {
    const pc = (n: number, d: number): string => `${((100 * n) / Math.max(1, d)).toFixed(1)}%`;
    const line = (name: string, c: FlagCount): string =>
      `${name.padEnd(42)}${String(c.rows).padStart(6)}  ${pc(c.person, c.rows).padStart(7)}  ${pc(c.address, c.rows).padStart(7)}`;
    out.push(
      '',
      'shipped tagger on benign dev rows (never trained on): rows with a finding',
      'rows                                        count   person  address',
      line('docs, code, command pages, requests', r.benign.nameFree),
      line('all (QA, news, e-mails name real people)', r.benign.all),
      ...Object.entries(r.benign.bySource).map(([k, c]) => line(`  ${k}`, c)),
    );
  }
  return out.join('\n');
}

export function formatPiiReport(r: PiiReport): string {
  const out = [
    `PII detection, in distribution (our own templates) — ${r.path}: ${r.rows} rows (${r.negativeRows} negative), min score ${r.minScore}`,
  ];
  for (const v of r.variants) {
    out.push('', `== ${v.name} ==`, 'entity        gold  pred    TP    FN    FP  precision  recall     F1');
    for (const [t, s] of Object.entries(v.perEntity)) {
      out.push(
        `${t.padEnd(12)} ${String(s.gold).padStart(5)} ${String(s.predicted).padStart(5)} ${String(s.truePositives).padStart(5)} ${String(s.falseNegatives).padStart(5)} ${String(s.falsePositives).padStart(5)}  ${f3(s.precision).padStart(9)} ${f3(s.recall).padStart(7)} ${f3(s.f1).padStart(6)}`,
      );
    }
    out.push(
      `negative rows flagged: ${v.negativeRowsFlagged}/${r.negativeRows} ${JSON.stringify(v.negativeFindings)}`,
      `unscored categories on positive rows: ${JSON.stringify(v.unscored)}`,
      `latency per row: p50 ${v.p50Ms.toFixed(4)} ms, p99 ${v.p99Ms.toFixed(4)} ms`,
    );
  }
  return out.join('\n');
}
