// PII detection (OWASP LLM02, sensitive information disclosure): contact data, payment data,
// government identifiers, network addresses and person names, each found by a detector in pii/
// that validates what a pattern proposes (Luhn + issuer ranges, mod-97, SSA rules, libphonenumber,
// ipaddr.js, national check digits) and scores it with nearby cue words. Person names come from cue
// words (names.ts); street addresses and, opt-in (`tagger: true`), names without a cue word from a small
// token tagger (tagger.ts: averaged perceptron and a name/street lexicon compiled from faker's locales); the
// compromise-based tagger is the separate `pii-ner` scanner (cost 'model').
//
// Work is linear in the text: every pattern is a linear-time regex literal, the phone validator
// parses at most MAX_CANDIDATES candidates, and overlap resolution touches each character once per
// accepted finding.
import { z } from 'zod';
import type { Scanner, ScannerFinding } from '../core/types.js';
import { type Detection } from './pii/detection.js';
import { findDatesOfBirth } from './pii/date-of-birth.js';
import { findEmails } from './pii/email.js';
import { findIbans } from './pii/iban.js';
import { findIpAddresses } from './pii/ip-address.js';
import { findNames } from './pii/names.js';
import { detectTagged, shippedTagger } from './pii/tagger.js';
import { findNationalIds } from './pii/national-ids.js';
import { findPassports } from './pii/passport.js';
import { findPaymentCards } from './pii/payment-card.js';
import { DEFAULT_PHONE_REGIONS, findPhones, parsePhoneRegions } from './pii/phone.js';
import { findUsSsns } from './pii/us-ssn.js';
import { resolveOverlaps } from './overlaps.js';

export const PII_CATEGORIES = [
  'pii.email',
  'pii.phone',
  'pii.credit_card',
  'pii.iban',
  'pii.us_ssn',
  'pii.ip_address',
  'pii.date_of_birth',
  'pii.passport',
  'pii.national_id',
  'pii.person',
  'pii.location',
  'pii.organization',
  'pii.address',
] as const;
export type PiiCategory = (typeof PII_CATEGORIES)[number];

/** Policy options of the `pii` scanner (and `pii-ner`, which reads `minScore`, `entities` and `nerMaxChars`). */
export const PiiConfig = z
  .object({
    /** Regions tried for national-format phone numbers (ISO 3166 alpha-2). */
    phoneRegions: z
      .array(z.string().length(2))
      .min(1)
      .default([...DEFAULT_PHONE_REGIONS]),
    /** Report private, CGNAT, link-local, unique-local and documentation addresses (lower score). */
    privateIps: z.boolean().default(true),
    /** Person names in the cheap scanner (cue words, and the token tagger when it is on). */
    names: z.boolean().default(true),
    /** Street addresses (pii.address) by the token tagger, when it is on. */
    addresses: z.boolean().default(true),
    /**
     * The token tagger: `true` for names and street addresses without a cue word, `'addresses'` (the default)
     * for street addresses only, `false` for neither. Names stay opt-in: out of family (names of origins and
     * sentence forms it never trained on) the tagger finds about three quarters of them at 0.9 precision,
     * short of the 0.85 recall at 0.95 precision a default must meet (README, Leakage controls).
     */
    tagger: z.union([z.boolean(), z.literal('addresses')]).default('addresses'),
    /** Findings below this score are dropped. */
    minScore: z.number().min(0).max(1).default(0.3),
    /** Restrict to these categories; absent means all. */
    entities: z.array(z.enum(PII_CATEGORIES)).optional(),
    /** pii-ner: characters of text handed to compromise per scan; the rest is not tagged. */
    nerMaxChars: z.number().int().positive().default(65_536),
  })
  .strict();
export type PiiConfig = z.infer<typeof PiiConfig>;
/** PiiConfig as written (every key with a default optional), for callers of scanPii outside a guard. */
export type PiiOptions = z.input<typeof PiiConfig>;

const parsed = new WeakMap<object, PiiConfig>();
/** The config for scanPii's options (cached per options object); a guard's scanners get it parsed by the loader. */
export function piiConfig(options?: Readonly<PiiOptions>): PiiConfig {
  const key = options ?? EMPTY;
  let c = parsed.get(key);
  if (!c) {
    c = PiiConfig.parse(options ?? {});
    parsed.set(key, c);
  }
  return c;
}
const EMPTY = {};

/** Keeps the best-ranked detection where spans overlap (a card's digits are not also a phone). */
export function resolvePiiOverlaps(found: readonly Detection[]): Detection[] {
  return resolveOverlaps(found, (a, b) => a.rank - b.rank || b.score - a.score || a.start - b.start);
}

export function toFindings(found: readonly Detection[], config: PiiConfig): ScannerFinding[] {
  const wanted = config.entities ? new Set<string>(config.entities) : undefined;
  return found
    .filter((d) => d.score >= config.minScore && (!wanted || wanted.has(d.category)))
    .map((d) => ({
      category: d.category,
      score: d.score,
      span: [d.start, d.end] as const,
      message: d.message,
      signals: d.signals,
    }));
}

/** An ASCII digit (\d is [0-9] under every flag). */
const DIGIT = /\d/;

/** All cheap detections, before overlap resolution (used by pii-ner to avoid reporting twice). */
export function detectPii(text: string, config: PiiConfig): Detection[] {
  if (text.length === 0) return [];
  const emails = findEmails(text);
  // Cards, IBANs, SSNs, IP addresses, phones, dates of birth, national ids and passport numbers all need an
  // ASCII digit in what they report: text without one (most prose) skips their cue and candidate scans.
  if (!DIGIT.test(text)) {
    if (config.names) emails.push(...findNames(text));
    emails.push(...tagged(text, config));
    return emails;
  }
  return detectPiiAll(text, config, emails);
}

/** Every cheap detector, with no shortcut; detectPii must equal this (a property test checks it). */
export function detectPiiAll(
  text: string,
  config: PiiConfig,
  emails: readonly Detection[] = findEmails(text),
): Detection[] {
  if (text.length === 0) return [];
  const found: Detection[] = [
    ...emails,
    ...findPaymentCards(text),
    ...findIbans(text),
    ...findUsSsns(text),
    ...findIpAddresses(text, { privateIps: config.privateIps }),
    ...findPhones(text, { regions: parsePhoneRegions(config.phoneRegions) }),
    ...findDatesOfBirth(text),
    ...findNationalIds(text),
    ...findPassports(text),
  ];
  if (config.names) found.push(...findNames(text));
  found.push(...tagged(text, config));
  return found;
}

/** Person names and street addresses from the token tagger (loaded on first use), as configured. */
function tagged(text: string, config: PiiConfig): Detection[] {
  const names = config.tagger === true && config.names;
  if (config.tagger === false || (!names && !config.addresses)) return [];
  if (names) return detectTagged(text).filter((d) => (d.category === 'pii.person' ? true : config.addresses));
  // Street addresses alone: an address without a digit (no house number, no postcode) is not reported, so only
  // the text around digits is tagged (none at all in most prose).
  const out: Detection[] = [];
  for (const [a, b] of digitWindows(text)) {
    const window = text.slice(a, b);
    // An address holds a street word or a capitalised word: numbers and marks alone (a table of figures) do not.
    if (!LETTER.test(window)) continue;
    for (const d of detectTagged(window))
      if (d.category === 'pii.address' && DIGIT.test(text.slice(a + d.start, a + d.end)))
        out.push({ ...d, start: a + d.start, end: a + d.end });
  }
  return out;
}
const LETTER = /\p{L}/u;

/** Characters of context the address tagger sees on each side of a digit. */
export const ADDRESS_WINDOW = 200;
const BLANK = /\s/;
const DIGITS = /\d+/g;

/**
 * The stretches of text within ADDRESS_WINDOW characters of an ASCII digit, widened to the next blank on each
 * side and merged where they touch, as [start, end) pairs in order.
 */
export function digitWindows(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let first = -1; // first and last digit of the cluster being built
  let last = -1;
  const close = (): void => {
    const floor = out.length > 0 ? out[out.length - 1]![1] : 0;
    let a = Math.max(floor, first - ADDRESS_WINDOW);
    while (a > floor && !BLANK.test(text[a - 1]!)) a--;
    let b = Math.min(text.length, last + 1 + ADDRESS_WINDOW);
    while (b < text.length && !BLANK.test(text[b]!)) b++;
    const prev = out[out.length - 1];
    if (prev && a <= prev[1]) prev[1] = Math.max(prev[1], b);
    else out.push([a, b]);
  };
  DIGITS.lastIndex = 0;
  for (let m = DIGITS.exec(text); m !== null; m = DIGITS.exec(text)) {
    // Digits closer than two windows share one: one cluster per stretch of nearby digits.
    if (first >= 0 && m.index - last > 2 * ADDRESS_WINDOW) close();
    if (first < 0 || m.index - last > 2 * ADDRESS_WINDOW) first = m.index;
    last = m.index + m[0].length - 1;
  }
  if (first >= 0) close();
  return out;
}

export function scanPii(text: string, options?: Readonly<PiiOptions>): ScannerFinding[] {
  return findPii(text, piiConfig(options));
}

function findPii(text: string, config: PiiConfig): ScannerFinding[] {
  return toFindings(resolvePiiOverlaps(detectPii(text, config)), config);
}

export const pii = {
  name: 'pii',
  description: 'personal data: e-mail, phone, payment cards, IBAN, national ids, IP addresses, names by cue',
  options: PiiConfig,
  stages: ['input', 'output', 'retrieval', 'tool_call', 'tool_result'],
  cost: 'cheap',
  scan: (text, ctx) => findPii(text, ctx.options),
  prepare: (options) => {
    if (options.tagger === true || (options.tagger === 'addresses' && options.addresses)) warmTagger();
  },
} satisfies Scanner<PiiConfig>;

/**
 * Loads the token tagger when a guard that uses it is built (50-250 ms), not inside the first scan's time
 * budget. A file that fails its check is not reported here: the first scan throws again and fails closed.
 */
export function warmTagger(): void {
  try {
    shippedTagger();
  } catch {
    // reported by the scan
  }
}
