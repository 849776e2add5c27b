// The adaptive run's numbers (summary.json's `adaptive`), the comparison with a previous run
// (`--baseline results.jsonl`), and their part of report.html: static vs adaptive ASR by category, the
// winning chains, and a chart of what blocked the search's queries.
import { existsSync, readFileSync } from 'node:fs';
import { escapeHtml as h } from '../../core/escape-markup.js';
import { RampartError } from '../../core/errors.js';
import type { AdaptiveRun } from '../adaptive.js';
import type { CaseResult } from '../runner-types.js';
import { pct, type AdaptiveSummary, type BaselineDiff, type Bucket } from './summary.js';
import { barChart } from './svg-chart.js';

export type { AdaptiveSummary, BaselineDiff } from './summary.js';

const round = (x: number) => Math.round(x * 1e6) / 1e6;
const rate = (s: number, n: number) => (n === 0 ? 0 : round(s / n));

function buckets(rows: readonly CaseResult[], success: (r: CaseResult) => boolean) {
  const m = new Map<string, Bucket>();
  for (const r of rows) {
    let b = m.get(r.category);
    if (!b) m.set(r.category, (b = { attacks: 0, ran: 0, successes: 0, blocked: 0, errors: 0, asr: 0 }));
    b.attacks++;
    if (r.error) b.errors++;
    else b.ran++;
    if (success(r)) b.successes++;
    else if (r.blocked) b.blocked++;
  }
  return Object.fromEntries(
    [...m.keys()].sort().map((k) => {
      const b = m.get(k)!;
      return [k, { ...b, asr: rate(b.successes, b.ran) }];
    }),
  );
}

export function summarizeAdaptive(run: AdaptiveRun, topChains = 10): AdaptiveSummary {
  const rows = run.results;
  const ran = rows.filter((r) => !r.error);
  const firsts = rows
    .map((r) => r.first_success_query)
    .filter((q): q is number => q !== undefined)
    .sort((a, b) => a - b);
  const mid = firsts.length >> 1;
  const median =
    firsts.length === 0 ? null : firsts.length % 2 ? firsts[mid]! : (firsts[mid - 1]! + firsts[mid]!) / 2;
  const chains = new Map<string, { chain: string[]; successes: number }>();
  for (const r of rows)
    if (r.success) {
      const key = r.chain.join('+');
      const c = chains.get(key) ?? { chain: r.chain, successes: 0 };
      c.successes++;
      chains.set(key, c);
    }
  return {
    budget: run.budget,
    asr_static: rate(ran.filter((r) => r.static_success).length, ran.length),
    asr_adaptive: rate(ran.filter((r) => r.success).length, ran.length),
    by_category: {
      static: buckets(rows, (r) => (r as AdaptiveRun['results'][number]).static_success),
      adaptive: buckets(rows, (r) => r.success),
    },
    queries_to_first_success: {
      n: firsts.length,
      median,
      mean: firsts.length === 0 ? null : round(firsts.reduce((a, b) => a + b, 0) / firsts.length),
    },
    winning_chains: [...chains.values()]
      .sort((a, b) => b.successes - a.successes || (a.chain.join('+') < b.chain.join('+') ? -1 : 1))
      .slice(0, topChains),
    blocked_by: run.blocked_by,
    queries: rows.reduce((a, r) => a + r.queries, 0),
  };
}

const MAX_BASELINE_BYTES = 256 * 1024 * 1024;

/** A previous run's results.jsonl (a file path); unreadable lines are skipped, a missing file is an error. */
export function readBaseline(path: string): CaseResult[] {
  if (!existsSync(path)) throw new RampartError('INPUT_INVALID', `--baseline: no such file: ${path}`);
  const text = readFileSync(path);
  if (text.length > MAX_BASELINE_BYTES)
    throw new RampartError('INPUT_INVALID', `--baseline: ${path} is larger than 256 MiB`);
  const out: CaseResult[] = [];
  for (const line of text.toString('utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as CaseResult;
      if (
        r &&
        typeof r.attack_id === 'string' &&
        typeof r.category === 'string' &&
        typeof r.success === 'boolean'
      )
        out.push(r);
    } catch {
      // a torn or foreign line
    }
  }
  return out;
}

/** Per attack (attack id): did any of its rows succeed. */
function byAttack(rows: readonly CaseResult[]) {
  const m = new Map<string, { category: string; success: boolean; error: boolean }>();
  for (const r of rows) {
    const prev = m.get(r.attack_id);
    m.set(r.attack_id, {
      category: r.category,
      success: (prev?.success ?? false) || r.success,
      error: (prev?.error ?? true) && Boolean(r.error),
    });
  }
  return m;
}

/** What got better or worse (for the attacker) against a previous run, over the attacks both have. */
export function compareBaseline(
  current: readonly CaseResult[],
  baseline: readonly CaseResult[],
): BaselineDiff {
  const now = byAttack(current);
  const before = byAttack(baseline);
  const cats = new Map<string, { before: number; after: number; attacks: number }>();
  const newly: string[] = [];
  const lost: string[] = [];
  for (const [id, a] of now) {
    const b = before.get(id);
    if (!b || a.error || b.error) continue;
    const c = cats.get(a.category) ?? { before: 0, after: 0, attacks: 0 };
    c.attacks++;
    if (b.success) c.before++;
    if (a.success) c.after++;
    cats.set(a.category, c);
    if (a.success && !b.success) newly.push(id);
    if (!a.success && b.success) lost.push(id);
  }
  let compared = 0;
  const by_category: BaselineDiff['by_category'] = {};
  for (const k of [...cats.keys()].sort()) {
    const c = cats.get(k)!;
    compared += c.attacks;
    const b = rate(c.before, c.attacks);
    const a = rate(c.after, c.attacks);
    by_category[k] = { before: b, after: a, delta: round(a - b), attacks: c.attacks };
  }
  return { by_category, newly_successful: newly.sort(), no_longer_successful: lost.sort(), compared };
}

/** The blocks as chart buckets: bar length = share of all blocked replies. */
function blockBuckets(blocked: Record<string, number>): Record<string, Bucket> {
  const total = Object.values(blocked).reduce((a, b) => a + b, 0);
  return Object.fromEntries(
    Object.entries(blocked).map(([k, n]) => [
      k,
      { attacks: n, ran: total, successes: n, blocked: n, errors: 0, asr: rate(n, total) },
    ]),
  );
}

const signed = (x: number) => `${x > 0 ? '+' : ''}${(x * 100).toFixed(1)} pt`;

/** The adaptive section of report.html (and the baseline comparison when there is one). */
export function renderAdaptiveHtml(a: AdaptiveSummary): string {
  const rows = Object.keys({ ...a.by_category.static, ...a.by_category.adaptive })
    .sort()
    .map((k) => {
      const s = a.by_category.static[k];
      const d = a.by_category.adaptive[k];
      return `<tr data-category="${h(k)}"><td>${h(k)}</td><td>${s?.ran ?? 0}</td><td>${pct(s?.asr ?? 0)}</td><td>${pct(d?.asr ?? 0)}</td></tr>`;
    });
  const chains = a.winning_chains.map(
    (c) =>
      `<tr><td><code>${h(c.chain.join(' → ') || '(static case)')}</code></td><td>${c.successes}</td></tr>`,
  );
  const q = a.queries_to_first_success;
  return `<h2>Adaptive search (budget ${a.budget} queries per attack)</h2>
<div class="cards">
<div class="card" id="asr-static"><b>${pct(a.asr_static)}</b>static ASR</div>
<div class="card ${a.asr_adaptive > 0 ? 'bad' : 'good'}" id="asr-adaptive"><b>${pct(a.asr_adaptive)}</b>adaptive ASR</div>
<div class="card"><b>${q.median ?? '-'}</b>median queries to first success</div>
<div class="card"><b>${a.queries}</b>queries in all</div>
</div>
<table id="adaptive"><thead><tr><th>category</th><th>attacks</th><th>static ASR</th><th>adaptive ASR</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
<h3>Winning chains</h3>
${chains.length === 0 ? '<p id="no-chains">No chain succeeded.</p>' : `<table id="chains"><thead><tr><th>chain</th><th>successes</th></tr></thead><tbody>${chains.join('\n')}</tbody></table>`}
<div class="charts"><figure id="chart-blocked-by">${barChart('Blocked queries by scanner', blockBuckets(a.blocked_by))}</figure></div>
`;
}

/** The baseline comparison of report.html. */
export function renderBaselineHtml(baseline: BaselineDiff): string {
  return `<h2>Compared with the baseline</h2>
<table id="baseline"><thead><tr><th>category</th><th>attacks</th><th>baseline ASR</th><th>this run</th><th>change</th></tr></thead><tbody>
${Object.entries(baseline.by_category)
  .map(
    ([k, c]) =>
      `<tr data-category="${h(k)}"><td>${h(k)}</td><td>${c.attacks}</td><td>${pct(c.before)}</td><td>${pct(c.after)}</td><td>${signed(c.delta)}</td></tr>`,
  )
  .join('\n')}
</tbody></table>
<p class="meta">${baseline.newly_successful.length} attacks succeed now and did not before; ${baseline.no_longer_successful.length} succeeded before and do not now (of ${baseline.compared} in both runs).</p>
`;
}
