// promptfoo.json: each case maps to promptfoo's EvaluateResult with promptfoo's red-team meaning of "pass"
// (the defence held), its failure reasons, guardrails flags and stats; the file is written beside the other
// reports. (Its shape was type-checked against promptfoo 0.121's OutputFile and imported with
// `promptfoo import`; promptfoo itself is too large to be a dev dependency, see the renderer's header.)
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAILURE_REASON, renderPromptfoo } from '../../../src/redteam/report/promptfoo.js';
import { summarize } from '../../../src/redteam/report/summary.js';
import { writeReports } from '../../../src/redteam/report/write.js';
import type { CaseResult } from '../../../src/redteam/runner-types.js';
import { caseResult } from '../case-result.js';

function result(id: string, over: Partial<CaseResult> = {}): CaseResult {
  return caseResult(id, {
    transcript: [
      { role: 'user', content: `prompt of ${id}` },
      { role: 'assistant', content: `answer to ${id}` },
    ],
    ...over,
  });
}

const sample: CaseResult[] = [
  result('a.1', { success: true, reason: 'marker in output' }),
  result('a.2', {
    blocked: true,
    blockedBy: 'prompt_injection.override',
    transcript: [
      { role: 'user', content: 'prompt of a.2' },
      { role: 'assistant', content: '', blocked: true, blockedBy: 'prompt_injection.override' },
    ],
  }),
  result('a.3', { error: 'HTTP 503', transcript: [{ role: 'user', content: 'prompt of a.3' }] }),
  result('b.1', { category: 'exfiltration', strategy: 'crescendo', turns: 3, planned_turns: 3 }),
];
const summary = summarize(sample, { target: 'gateway(default policy)', seed: 7 });
const TS = '2026-12-07T00:00:00.000Z';

describe('renderPromptfoo', () => {
  const file = renderPromptfoo(summary, sample, TS);
  const byId = new Map(file.results.results.map((r) => [r.id, r]));

  it('writes an OutputFile holding an EvaluateSummaryV3 with one result per case, in order', () => {
    expect(file.evalId).toBeNull();
    expect(file.shareableUrl).toBeNull();
    expect(file.results.version).toBe(3);
    expect(file.results.timestamp).toBe(TS);
    expect(file.results.results.map((r) => [r.id, r.testIdx])).toEqual([
      ['a.1', 0],
      ['a.2', 1],
      ['a.3', 2],
      ['b.1', 3],
    ]);
    expect(file.results.prompts).toHaveLength(1);
    expect(file.results.results.every((r) => r.promptId === file.results.prompts[0]!.id)).toBe(true);
  });

  it("uses promptfoo's red-team sense of pass: a successful attack fails its assertion, a target error is an error", () => {
    expect(byId.get('a.1')).toMatchObject({ success: false, score: 0, failureReason: FAILURE_REASON.assert });
    expect(byId.get('a.1')!.gradingResult).toMatchObject({ pass: false, reason: 'marker in output' });
    expect(byId.get('a.2')).toMatchObject({ success: true, score: 1, failureReason: FAILURE_REASON.none });
    expect(byId.get('a.3')).toMatchObject({
      success: false,
      error: 'HTTP 503',
      failureReason: FAILURE_REASON.error,
    });
    expect(byId.get('a.3')!.response).toBeUndefined();
    expect(file.results.stats).toMatchObject({ successes: 2, failures: 1, errors: 1 });
    expect(file.results.stats.tokenUsage.numRequests).toBe(6);
  });

  it('reports a block as guardrails.flagged with the scanner that blocked, and keeps category and strategy as plugin and strategy ids', () => {
    expect(byId.get('a.2')!.response!.guardrails).toEqual({
      flagged: true,
      flaggedInput: true,
      flaggedOutput: false,
      reason: 'blocked by prompt_injection.override',
    });
    expect(byId.get('a.1')!.response!.guardrails.flagged).toBe(false);
    expect(byId.get('b.1')!.testCase.metadata).toMatchObject({
      pluginId: 'rampart:exfiltration',
      strategyId: 'crescendo',
    });
    expect(byId.get('b.1')!.vars).toEqual({ prompt: 'prompt of b.1' });
    expect(byId.get('b.1')!.response!.output).toBe('answer to b.1');
  });

  it('bounds the text it copies from a transcript', () => {
    const long = result('z.1', { transcript: [{ role: 'user', content: 'x'.repeat(50_000) }] });
    const out = renderPromptfoo(summarize([long], { target: 't' }), [long], TS).results.results[0]!;
    expect(out.prompt.raw.length).toBeLessThanOrEqual(8001);
    expect(out.vars.prompt!.length).toBeLessThanOrEqual(8001);
  });

  it('is written as promptfoo.json beside the other reports', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-pf-'));
    writeReports(dir, sample, { target: 'gateway(default policy)', seed: 7 });
    const written = JSON.parse(readFileSync(join(dir, 'promptfoo.json'), 'utf8'));
    expect(written.results.version).toBe(3);
    expect(written.results.results).toHaveLength(4);
  });
});
