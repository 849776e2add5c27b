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
  buildAttack,
  replayGrowth,
  REPLAY_BUDGET_MS,
  SUPERLINEAR_GROWTH,
} from './redos-audit.js';
import type { AttackPattern } from 'recheck';

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
    expect(all.some((p) => p.where.startsWith('src/scanners/injection-rules/override.ts:'))).toBe(true);
  });

  it('catches a known-bad pattern, so the audit can fail', async () => {
    const problems = await auditPatterns([{ where: 'bad.ts:1', source: '^(a+)+$', flags: '' }]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ where: 'bad.ts:1', status: 'vulnerable' });
    expect(problems[0]!.detail).toMatch(/attack/);
  }, 60_000);

  it('replays attacks in V8 at two sizes: a bounded gap grows linearly, a real quadratic does not', () => {
    const attack = (pump: string, suffix: string): AttackPattern => ({
      pumps: [{ prefix: '', pump, bias: 0 }],
      suffix,
      base: 10,
      string: pump.repeat(10) + suffix,
      pattern: `${JSON.stringify(pump)}.repeat(10) + ${JSON.stringify(suffix)}`,
    });
    expect(buildAttack(attack('ab', 'c'), 3)).toBe('abababc');
    const gap = replayGrowth('\\bsend(?:\\s+\\S{1,40}){0,8}?\\s+to\\b', 'iu', attack('send\t', ''));
    expect(gap.superLinear).toBe(false);
    const quadratic = replayGrowth('\\s+$', '', attack(' ', 'x'), 15_000);
    expect(quadratic.msDouble).toBeGreaterThan(REPLAY_BUDGET_MS);
    expect(quadratic.growth).toBeGreaterThan(SUPERLINEAR_GROWTH);
    expect(quadratic.superLinear).toBe(true);
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
