import fc from 'fast-check';
import { friendlyFormatIBAN } from 'ibantools';
import { describe, expect, it } from 'vitest';
import { pii, scanPii } from '../../../src/scanners/pii.js';
import { luhnValid } from '../../../src/scanners/pii/payment-card.js';

const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));

const checkDigit = (body: string): string => {
  for (let d = 0; d < 10; d++) if (luhnValid(body + d)) return String(d);
  throw new Error('unreachable');
};

const card = fc
  .tuple(
    fc.constantFrom(
      ['4', 16],
      ['51', 16],
      ['55', 16],
      ['2221', 16],
      ['34', 15],
      ['37', 15],
      ['6011', 16],
      ['3530', 16],
    ),
    fc.constantFrom('', ' ', '-'),
  )
  .chain(([[prefix, len], sep]) =>
    digits((len as number) - (prefix as string).length - 1).map((rest) => {
      const n = `${prefix}${rest}`;
      const num = n + checkDigit(n);
      const groups =
        num.length === 15 ? [num.slice(0, 4), num.slice(4, 10), num.slice(10)] : num.match(/.{4}/g)!;
      return groups.join(sep);
    }),
  );

const mod97 = (s: string): number => {
  let r = 0;
  for (const ch of s)
    for (const d of /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch) r = (r * 10 + Number(d)) % 97;
  return r;
};
const iban = fc.tuple(fc.constantFrom('DE', 'GB', 'NL', 'CH', 'IT'), fc.boolean()).chain(([cc, grouped]) => {
  const bban =
    cc === 'DE'
      ? digits(18)
      : cc === 'GB'
        ? digits(14).map((d) => `NWBK${d}`)
        : cc === 'NL'
          ? digits(10).map((d) => `ABNA${d}`)
          : cc === 'CH'
            ? digits(17)
            : digits(22).map((d) => `X${d}`);
  return bban.map((b) => {
    const raw = `${cc}${String(98 - mod97(`${b}${cc}00`)).padStart(2, '0')}${b}`;
    return grouped ? friendlyFormatIBAN(raw)! : raw;
  });
});

const word = fc.stringMatching(/^[a-z]{1,8}$/);
const email = fc
  .tuple(word, word, fc.constantFrom('com', 'org', 'test', 'de'))
  .map(([a, b, t]) => `${a}.${b}@${b}mail.${t}`);
const prose = fc.array(word, { maxLength: 8 }).map((w) => w.join(' '));

describe('pii properties', () => {
  it.each([
    ['payment cards', card, 'pii.credit_card'],
    ['IBANs', iban, 'pii.iban'],
    ['emails', email, 'pii.email'],
  ] as const)('finds random valid %s embedded in text, and never echoes them', (_name, value, category) => {
    fc.assert(
      fc.property(prose, value, prose, (before, v, after) => {
        const text = `${before} ${v} ${after}`;
        const findings = scanPii(text);
        const at = text.indexOf(v);
        expect(
          findings.some((f) => f.category === category && f.span![0] === at && f.span![1] === at + v.length),
        ).toBe(true);
        for (const f of findings) {
          expect(f.message).not.toContain(v);
          expect(f.message).not.toContain(v.replace(/[ -]/g, ''));
          for (const s of f.signals ?? []) expect(s).not.toContain(v);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never throws, and every span lies inside the text', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 200 }), fc.stringMatching(/^[\d +().:@a-zA-Z-]{0,120}$/)),
        (text) => {
          for (const f of scanPii(text)) {
            const [s, e] = f.span!;
            expect(0 <= s && s < e && e <= text.length).toBe(true);
            expect(f.score).toBeGreaterThanOrEqual(0);
            expect(f.score).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is a plain Scanner object', () => {
    expect(pii.name).toBe('pii');
    expect(pii.cost).toBe('cheap');
    expect(pii.stages).toContain('output');
  });
});
