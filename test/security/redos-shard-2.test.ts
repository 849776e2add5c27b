// ReDoS audit, shard 2 of 2: see redos.test.ts.
import { describe, expect, it } from 'vitest';
import { auditShard, formatProblems } from './redos-audit.js';

const SHARD = 1;

describe('ReDoS audit (shard 2/2)', () => {
  it(
    'every pattern in this shard is linear-time',
    async () => {
      const problems = await auditShard(SHARD, 2);
      expect(problems, formatProblems(problems)).toEqual([]);
    },
    10 * 60_000,
  );
});
