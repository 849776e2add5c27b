// The in-repo synthetic secret rows (tools/eval/secrets-shapes.ts): well-formed, deterministic, and every format
// and carrier in them found whole with no finding on the near misses.
import { describe, expect, it } from 'vitest';
import { secretShapeRows } from '../../../tools/eval/secrets-shapes.js';
import { evalSecretRows, TYPE_TO_CATEGORIES } from '../../../tools/eval/secrets.js';

describe('eval/secrets-shapes', () => {
  const { rows } = secretShapeRows();

  it('is deterministic, with in-bounds spans of mapped types', () => {
    expect(secretShapeRows().rows).toEqual(rows);
    expect(rows.filter((r) => r.row.label === 'secret').length).toBeGreaterThanOrEqual(400);
    expect(rows.filter((r) => r.row.label === 'benign').length).toBeGreaterThanOrEqual(60);
    for (const { row } of rows)
      for (const s of row.secrets) {
        expect(Object.keys(TYPE_TO_CATEGORIES)).toContain(s.type);
        expect(row.text.slice(s.start, s.end).trim()).toBe(row.text.slice(s.start, s.end));
      }
  });

  it('finds every secret whole and nothing on the near misses', () => {
    const r = evalSecretRows(rows);
    expect(r.falsePositives).toEqual([]);
    expect(r.misses).toEqual([]);
    for (const [type, v] of Object.entries(r.recallByType)) expect(v.whole, type).toBe(v.gold);
  });
});
