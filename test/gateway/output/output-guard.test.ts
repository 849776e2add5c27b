import { describe, expect, it } from 'vitest';
import { applyMasks } from '../../../src/gateway/output/output-guard.js';

describe('applyMasks', () => {
  const text = 'postgres://admin:Xk9#pQ2v@db.example:5432/prod';

  it('masks the union of a secret and an overlapping e-mail as the secret', () => {
    const cuts = [
      { start: 14, end: 36, category: 'pii.email' },
      { start: 17, end: 25, category: 'secret.db_connection_string' },
    ];
    expect(applyMasks(text, cuts)).toBe('postgres://adm[REDACTED:DB_CONNECTION_STRING]:5432/prod');
  });

  it('otherwise lets the wider, earlier cut name the mask', () => {
    const cuts = [
      { start: 21, end: 36, category: 'pii.email' },
      { start: 22, end: 25, category: 'pii.person' },
    ];
    expect(applyMasks(text, cuts)).toBe('postgres://admin:Xk9#[REDACTED:EMAIL]:5432/prod');
  });

  it('rewrites a whole unsafe_output.html cut to its sanitized form; a partly sent or merged one is masked', () => {
    const html = 'a <b onclick="x()">bold</b> z';
    const cut = { start: 2, end: 27, category: 'unsafe_output.html' };
    expect(applyMasks(html, [cut])).toBe('a <b>bold</b> z');
    expect(applyMasks(html, [{ ...cut, partial: true }])).toBe('a [REDACTED:HTML] z');
    const merged = [cut, { start: 5, end: 12, category: 'exfil.link' }];
    expect(applyMasks(html, merged)).toMatch(/^a \[REDACTED:[A-Z_]+\] z$/u);
  });
});
