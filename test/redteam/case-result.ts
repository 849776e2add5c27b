// One red-team case result for report tests: an unsuccessful, unblocked single-turn instruction_override case,
// with whatever the test overrides.
import type { CaseResult } from '../../src/redteam/runner-types.js';

export function caseResult(id: string, over: Partial<CaseResult> = {}): CaseResult {
  return {
    id,
    attack_id: id.split('.')[0]!,
    category: 'instruction_override',
    title: `attack ${id}`,
    lang: 'en',
    mutators: [],
    strategy: 'single',
    goal: 'marker_in_output',
    success: false,
    blocked: false,
    turns: 1,
    planned_turns: 1,
    reason: 'no marker in output',
    transcript: [],
    ...over,
  };
}
