import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/types.js';
import { redactText } from '../../src/policy/redact.js';
import { Vault } from '../../src/policy/vault.js';

const finding = (category: string, span: [number, number], score: number): Finding => ({
  scanner: 't',
  category,
  score,
  span,
  message: 'm',
  action: 'redact',
  segment: 0,
});

describe('redactText: overlapping findings of different scanners', () => {
  // "pQ2v@db.example" reads as an e-mail address inside a connection-string password.
  const text = 'postgres://admin:Xk9#pQ2v@db.example:5432/prod';
  const pw: [number, number] = [17, 25];
  const email: [number, number] = [21, 36];

  it('covers the union, named by the secret even when the PII finding scores higher', () => {
    const v = new Vault();
    const out = redactText(
      text,
      [finding('secret.db_connection_string', pw, 0.6), finding('pii.email', email, 0.95)],
      0,
      v,
    );
    expect(out).toBe('postgres://admin:[DB_CONNECTION_STRING_1]:5432/prod');
    // A secret never comes back out of the vault unless the policy allows it; as an e-mail it would have.
    expect(v.restore(out)).toBe(out);
  });

  it('lets the secret win whichever finding comes first', () => {
    const out = redactText(
      text,
      [finding('pii.email', [14, 36], 0.95), finding('secret.db_connection_string', pw, 0.6)],
      0,
      new Vault(),
    );
    expect(out).toBe('postgres://adm[DB_CONNECTION_STRING_1]:5432/prod');
  });
});

describe('redactText: rewritten categories', () => {
  const text = 'a <b onclick="x()">bold</b> z';

  it('puts the sanitized HTML in place of an unsafe_output.html cut', () => {
    const out = redactText(text, [finding('unsafe_output.html', [2, 27], 0.95)], 0, new Vault());
    expect(out).toBe('a <b>bold</b> z');
  });

  it('uses a placeholder when the cut merges findings of another category', () => {
    const out = redactText(
      text,
      [finding('unsafe_output.html', [2, 27], 0.95), finding('exfil.link', [5, 12], 0.9)],
      0,
      new Vault(),
    );
    expect(out).toMatch(/^a \[[A-Z_]+_1\] z$/u);
  });
});
