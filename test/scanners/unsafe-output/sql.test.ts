import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findUnsafeSql } from '../../../src/scanners/unsafe-output/sql.js';

describe('unsafe_output.sql', () => {
  it.each([
    ["name = 'x'; DROP TABLE users; --", 'stacked_statement', 0.85],
    ['id = "1"); DELETE FROM accounts', 'stacked_statement', 0.85],
    ["' OR '1'='1", 'tautology', 0.8],
    ["password: ' or 1=1 --", 'tautology', 0.8],
    ["' OR ''='", 'tautology', 0.8],
    ['WHERE id = 5 OR 1=1', 'tautology', 0.6],
    ["username: admin'--", 'comment_out', 0.7],
    ["id = '7'); --", 'comment_out', 0.7],
    ["name = 'x';--", 'comment_out', 0.7],
    ['DROP DATABASE prod;', 'drop_statement', 0.6],
  ])('flags %s', (text, signal, score) => {
    const f = findUnsafeSql(text);
    expect(f).toHaveLength(1);
    expect(f[0]!.signals).toContain(signal);
    expect(f[0]!.score).toBe(score);
    expect(f[0]!.message).not.toContain('users');
  });

  it('joins overlapping shapes into one finding with every signal', () => {
    const f = findUnsafeSql("x'; DROP TABLE users; --");
    expect(f).toHaveLength(1);
    expect(new Set(f[0]!.signals)).toEqual(new Set(['stacked_statement', 'drop_statement']));
  });

  it('false alarms: prose dashes, quotes, ordinary ORs and SQL without injection', () => {
    for (const text of [
      "He'd go to the point of 'hate lit' -- it's an interesting read.",
      "It's fine --\nreally.",
      "x = 'a' # a Python comment",
      'Choose red or blue = your call',
      'SELECT name FROM users WHERE id = $1 OR email = $2;',
      "for x in range(3): print('--------')",
      'color = color or default',
    ])
      expect(findUnsafeSql(text), text).toEqual([]);
  });

  it('hostile input: never throws, spans inside the text and disjoint', () => {
    const unit = fc.constantFrom(
      "'",
      '"',
      ';',
      ' ',
      '--',
      'or',
      'OR',
      '1',
      '=',
      'drop',
      ' table',
      ')',
      '\n',
      'x',
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 80 }), (s) => {
        let prev = 0;
        for (const f of findUnsafeSql(s)) {
          const [a, b] = f.span!;
          expect(a >= prev && a < b && b <= s.length).toBe(true);
          prev = b;
        }
      }),
      { numRuns: 500 },
    );
  });
});
