// The adaptive summary (static vs adaptive ASR, queries to first success, winning chains), the baseline
// comparison, and their sections of report.html.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AdaptiveCaseResult, AdaptiveRun } from '../../../src/redteam/adaptive.js';
import { compareBaseline, readBaseline, summarizeAdaptive } from '../../../src/redteam/report/adaptive.js';
import { writeReports } from '../../../src/redteam/report/write.js';
import type { CaseResult } from '../../../src/redteam/runner-types.js';
import { caseResult } from '../case-result.js';

function row(attack: string, category: string, over: Partial<AdaptiveCaseResult> = {}): AdaptiveCaseResult {
  return {
    ...caseResult(attack, { attack_id: attack, category, title: attack }),
    chain: [],
    queries: 30,
    static_success: false,
    score: 0.25,
    candidates: 10,
    ...over,
  };
}

const run: AdaptiveRun = {
  target: 'toy',
  budget: 30,
  blocked_by: { prompt_injection: 7, harmful: 2 },
  results: [
    row('a-1', 'instruction_override', {
      success: true,
      static_success: true,
      queries: 1,
      first_success_query: 1,
    }),
    row('a-2', 'instruction_override', {
      success: true,
      chain: ['hex', 'hypothetical'],
      queries: 9,
      first_success_query: 9,
    }),
    row('a-3', 'instruction_override', { blocked: true, score: 0 }),
    row('b-1', 'exfiltration', {
      success: true,
      chain: ['hex', 'hypothetical'],
      queries: 20,
      first_success_query: 20,
    }),
    row('b-2', 'exfiltration', { error: 'target error' }),
  ],
};

describe('adaptive summary and baseline', () => {
  it('counts static vs adaptive ASR, queries to first success and the winning chains', () => {
    const s = summarizeAdaptive(run);
    expect(s.budget).toBe(30);
    expect(s.asr_static).toBe(0.25); // 1 of 4 that ran (the errored one is excluded)
    expect(s.asr_adaptive).toBe(0.75);
    expect(s.by_category.static.instruction_override!.asr).toBeCloseTo(1 / 3, 5);
    expect(s.by_category.adaptive.instruction_override!.asr).toBeCloseTo(2 / 3, 5);
    expect(s.by_category.adaptive.exfiltration).toMatchObject({ attacks: 2, ran: 1, errors: 1, asr: 1 });
    expect(s.queries_to_first_success).toEqual({ n: 3, median: 9, mean: 10 });
    expect(s.winning_chains).toEqual([
      { chain: ['hex', 'hypothetical'], successes: 2 },
      { chain: [], successes: 1 },
    ]);
    expect(s.queries).toBe(1 + 9 + 30 + 20 + 30);
  });

  it('compares with a previous results.jsonl: what got better or worse per category', () => {
    const before: CaseResult[] = [
      row('a-1', 'instruction_override', { success: true }),
      row('a-2', 'instruction_override'),
      row('a-3', 'instruction_override', { success: true }),
      row('b-1', 'exfiltration'),
      row('c-1', 'tool_misuse', { success: true }), // not in this run: not compared
    ];
    const d = compareBaseline(run.results, before);
    expect(d.newly_successful).toEqual(['a-2', 'b-1']);
    expect(d.no_longer_successful).toEqual(['a-3']);
    expect(d.by_category.instruction_override).toEqual({
      before: 0.666667,
      after: 0.666667,
      delta: 0,
      attacks: 3,
    });
    expect(d.by_category.exfiltration).toEqual({ before: 0, after: 1, delta: 1, attacks: 1 });
    expect(d.compared).toBe(4);
  });

  it('reads a baseline file (torn lines skipped) and refuses a missing one with a clear error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rt-base-'));
    const file = join(dir, 'results.jsonl');
    writeFileSync(file, `${JSON.stringify(row('a-1', 'x', { success: true }))}\nnot json\n{"id":"y"}\n`);
    expect(readBaseline(file).map((r) => r.attack_id)).toEqual(['a-1']);
    expect(() => readBaseline(join(dir, 'nope.jsonl'))).toThrow(/--baseline: no such file/u);
  });

  it('writes the adaptive block to summary.json and the table, chains and blocked-by chart to report.html', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rt-adapt-'));
    const adaptive = summarizeAdaptive(run);
    const baseline = compareBaseline(run.results, [row('a-2', 'instruction_override')]);
    writeReports(dir, run.results, { target: 'toy', seed: 1 }, { adaptive, baseline });
    const s = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Record<string, unknown>;
    expect(s.adaptive).toEqual(adaptive);
    expect(s.baseline).toEqual(baseline);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<table id="adaptive">');
    expect(html).toMatch(
      /<tr data-category="instruction_override"><td>instruction_override<\/td><td>3<\/td><td>33\.3%<\/td><td>66\.7%<\/td><\/tr>/u,
    );
    expect(html).toContain('<code>hex → hypothetical</code>');
    expect(html).toContain('id="chart-blocked-by"');
    expect(html).toMatch(/data-key="prompt_injection"/u);
    expect(html).toContain('<table id="baseline">');
    // Without the adaptive block the report has no adaptive section.
    writeReports(dir, run.results, { target: 'toy' });
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).not.toContain('id="adaptive"');
  });
});
