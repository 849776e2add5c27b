// ReDoS audit, shard 1 of 2 (shard 2 is redos-shard-2.test.ts; vitest runs the files on both cores).
// Every regex literal and literal `new RegExp(...)` under src/ is found by parsing the source, so
// patterns added by anyone are audited without registration; runtime-built regexes exported by
// registries (the injection prefilter) are added explicitly.
import { describe, expect, it } from 'vitest';
import {
  auditPatterns,
  auditShard,
  collectPatternsFromSource,
  collectSourcePatterns,
  formatProblems,
  replayMs,
  REPLAY_BUDGET_MS,
} from './redos-audit.js';

const SHARD = 0;
const AUDIT_TIMEOUT_MS = 10 * 60_000;

describe('ReDoS audit (shard 1/2)', () => {
  it('finds regex literals and literal RegExp constructor calls', () => {
    const found = collectPatternsFromSource(
      'x.ts',
      "const a = /ab+c/iu;\nconst b = new RegExp('x*y', 'g');\nconst c = RegExp(\"z\");\nconst d = new RegExp(dynamic);\n",
    );
    expect(found).toEqual([
      { where: 'x.ts:1', source: 'ab+c', flags: 'iu' },
      { where: 'x.ts:2', source: 'x*y', flags: 'g' },
      { where: 'x.ts:3', source: 'z', flags: '' },
    ]);
  });

  it('scans the whole src tree', () => {
    const all = collectSourcePatterns();
    expect(all.length).toBeGreaterThan(100);
    expect(all.some((p) => p.where.startsWith('src/scanners/rules/override.ts:'))).toBe(true);
  });

  it('catches a known-bad pattern, so the audit can fail', async () => {
    const problems = await auditPatterns([{ where: 'bad.ts:1', source: '^(a+)+$', flags: '' }]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ where: 'bad.ts:1', status: 'vulnerable' });
    expect(problems[0]!.detail).toMatch(/attack/);
  }, 60_000);

  it('replays attacks in V8: a bounded gap is fast, a real quadratic is not', () => {
    expect(replayMs('\\bsend(?:\\s+\\S{1,40}){0,8}?\\s+to\\b', 'iu', 'send\t'.repeat(20_000))).toBeLessThan(
      REPLAY_BUDGET_MS,
    );
    expect(replayMs('\\s+$', '', ' '.repeat(20_000) + 'x')).toBeGreaterThan(REPLAY_BUDGET_MS);
  });

  it(
    'every pattern in this shard is linear-time',
    async () => {
      const problems = await auditShard(SHARD, 2);
      expect(problems, formatProblems(problems)).toEqual([]);
    },
    AUDIT_TIMEOUT_MS,
  );
});
