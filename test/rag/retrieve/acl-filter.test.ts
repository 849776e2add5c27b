import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aclWhere, sqlString } from '../../../src/rag/retrieve/acl-filter.js';

/** Reads one SQL string literal starting at `at` ('' is an escaped quote); returns its value and end. */
function readLiteral(sql: string, at: number): { value: string; end: number } {
  expect(sql[at]).toBe("'");
  let value = '';
  for (let i = at + 1; i < sql.length; i++) {
    if (sql[i] !== "'") value += sql[i];
    else if (sql[i + 1] === "'") {
      value += "'";
      i++;
    } else return { value, end: i + 1 };
  }
  throw new Error('unterminated literal');
}

describe('aclWhere', () => {
  it('puts tenant, clearance level and groups into one filter', () => {
    expect(aclWhere({ tenant: 'acme', groups: ['hr', "o'neil"], clearance: 'confidential' })).toBe(
      "tenant = 'acme' AND class_level <= 2 AND (cardinality(groups) = 0 OR array_has_any(groups, ['hr', 'o''neil']))",
    );
    expect(aclWhere({ tenant: 'acme', groups: [] })).toBe(
      "tenant = 'acme' AND class_level <= 1 AND cardinality(groups) = 0",
    );
  });

  it('a tenant string is always exactly one literal, and the rest of the filter is unchanged (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 100 }), (tenant) => {
        const sql = aclWhere({ tenant, groups: [] });
        expect(sql.startsWith('tenant = ')).toBe(true);
        const { value, end } = readLiteral(sql, 'tenant = '.length);
        expect(value).toBe(tenant);
        expect(sql.slice(end)).toBe(' AND class_level <= 1 AND cardinality(groups) = 0');
      }),
    );
  });

  it('sqlString doubles single quotes and leaves backslashes alone (DataFusion reads them literally)', () => {
    expect(sqlString("a'b\\")).toBe("'a''b\\'");
  });

  it('rejects a principal it cannot express safely (INPUT_INVALID)', () => {
    for (const p of [
      { tenant: '', groups: [] },
      { tenant: 'x'.repeat(257), groups: [] },
      { tenant: 't', groups: Array.from({ length: 65 }, (_, i) => `g${i}`) },
      { tenant: 't', groups: [''] },
      { tenant: 't', groups: [], clearance: 'secret' as never },
      { tenant: 7 as never, groups: [] },
    ])
      expect(() => aclWhere(p)).toThrow(expect.objectContaining({ code: 'INPUT_INVALID' }));
  });
});
