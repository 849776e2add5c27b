// Payment card numbers (PANs): 13–19 digits, plain or grouped by single spaces or dashes, that pass
// the Luhn check AND start with a known issuer identification number (IIN). The IIN test removes
// nine in ten Luhn-valid look-alikes (order ids, timestamps) that a Luhn-only detector reports.
import { adjust, cueSignals, cuesAround } from './context.js';
import { type Detection, RANK, clamp01 } from './detection.js';

// 13–19 digits with optional single separators between digits. The separator is optional and the
// next token is a digit, so each digit is consumed exactly one way.
const CANDIDATE = /(?<![\w.,-])\d(?:[ -]?\d){12,18}(?![\w]|[.,-]\d)/g;

const CARD_CUES =
  /(?<!\p{L})(?:card|credit|debit|visa|mastercard|amex|american express|discover|jcb|diners|unionpay|cc|pan|payment|paid|pay|karte|kreditkarte|carte|bancaire|tarjeta|carta|cartão)(?!\p{L})/giu;

interface Issuer {
  name: string;
  lengths: readonly number[];
  matches: (d: string) => boolean;
}

const prefixIn = (d: string, len: number, lo: number, hi: number): boolean => {
  const p = Number(d.slice(0, len));
  return p >= lo && p <= hi;
};

/** Issuer IIN ranges (ISO/IEC 7812 as published by the networks). */
const ISSUERS: readonly Issuer[] = [
  { name: 'American Express', lengths: [15], matches: (d) => d.startsWith('34') || d.startsWith('37') },
  { name: 'Visa', lengths: [13, 16, 19], matches: (d) => d.startsWith('4') },
  {
    name: 'Mastercard',
    lengths: [16],
    matches: (d) => prefixIn(d, 2, 51, 55) || prefixIn(d, 4, 2221, 2720),
  },
  {
    name: 'Discover',
    lengths: [16, 19],
    matches: (d) =>
      d.startsWith('6011') ||
      d.startsWith('65') ||
      prefixIn(d, 3, 644, 649) ||
      prefixIn(d, 6, 622126, 622925),
  },
  { name: 'JCB', lengths: [16, 17, 18, 19], matches: (d) => prefixIn(d, 4, 3528, 3589) },
  {
    name: 'Diners Club',
    lengths: [14, 16, 19],
    matches: (d) =>
      prefixIn(d, 3, 300, 305) ||
      d.startsWith('36') ||
      d.startsWith('38') ||
      d.startsWith('39') ||
      d.startsWith('3095'),
  },
  { name: 'UnionPay', lengths: [16, 17, 18, 19], matches: (d) => d.startsWith('62') },
  {
    name: 'Maestro',
    lengths: [12, 13, 14, 15, 16, 17, 18, 19],
    matches: (d) => /^(?:5018|5020|5038|5893|6304|6759|676[1-3])/.test(d),
  },
];

export function luhnValid(d: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = d.length - 1; i >= 0; i--) {
    let v = d.charCodeAt(i) - 48;
    if (double) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
    double = !double;
  }
  return sum % 10 === 0;
}

export function cardIssuer(digits: string): string | undefined {
  return ISSUERS.find((i) => i.lengths.includes(digits.length) && i.matches(digits))?.name;
}

/** A grouping people use (4-4-4-4, 4-6-5, plain); odd groupings ("1-2345-67890…") are more likely ids. */
function separatorsConsistent(value: string): boolean {
  const seps = value.match(/[ -]/g);
  if (!seps) return true;
  return seps.every((s) => s === seps[0]) && value.split(/[ -]/).every((g) => g.length >= 3);
}

export function findPaymentCards(text: string): Detection[] {
  const out: Detection[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const value = m[0];
    const digits = value.replace(/[ -]/g, '');
    if (!luhnValid(digits) || /^(\d)\1+$/.test(digits)) continue;
    if (!separatorsConsistent(value)) continue;
    const issuer = cardIssuer(digits);
    const start = m.index;
    const end = start + value.length;
    const cues = cuesAround(text, start, end, CARD_CUES);
    // Outside the known IIN ranges (new ranges, private-label cards) a Luhn-valid 15/16-digit number
    // is still a card when the text says so; without a card cue it is more likely an identifier.
    if (!issuer && (cues.positive.length === 0 || (digits.length !== 15 && digits.length !== 16))) continue;
    const label = issuer ?? 'issuer unknown';
    out.push({
      category: 'pii.credit_card',
      start,
      end,
      score: clamp01(adjust(issuer ? 0.9 : 0.55, cues, issuer ? 0.08 : 0.2, 0.35)),
      message: `payment card number (${label}, Luhn valid)`,
      signals: [
        'pii.card.luhn',
        `pii.card.issuer.${label.toLowerCase().replace(/\s+/g, '_')}`,
        ...cueSignals(cues),
      ],
      rank: RANK.card,
    });
  }
  return out;
}
