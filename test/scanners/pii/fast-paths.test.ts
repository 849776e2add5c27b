// detectPii skips the digit-bound detectors on text without an ASCII digit, and findNames drops one-word stop
// runs before tokenising: both must give what the full path gives.
import fc from 'fast-check';
import { pieceText } from '../../helpers/piece-text.js';
import { describe, expect, it } from 'vitest';
import {
  detectPii,
  detectPiiAll,
  piiConfig,
  resolvePiiOverlaps,
  scanPii,
} from '../../../src/scanners/pii.js';
import { findDatesOfBirth } from '../../../src/scanners/pii/date-of-birth.js';
import { findIbans } from '../../../src/scanners/pii/iban.js';
import { findIpAddresses } from '../../../src/scanners/pii/ip-address.js';
import { NAME_RUN, findNames } from '../../../src/scanners/pii/names.js';
import { findNationalIds } from '../../../src/scanners/pii/national-ids.js';
import { findPassports } from '../../../src/scanners/pii/passport.js';
import { findPaymentCards } from '../../../src/scanners/pii/payment-card.js';
import { DEFAULT_PHONE_REGIONS, findPhones } from '../../../src/scanners/pii/phone.js';
import { findUsSsns } from '../../../src/scanners/pii/us-ssn.js';

/** Cue words of every detector, digit look-alikes and name shapes, but never an ASCII digit. */
const NO_DIGIT_PIECES = [
  'date of birth: ',
  'born on ',
  'DOB ',
  'passport no. ',
  'Passport number AB',
  'phone: ',
  'call me at ',
  'card ',
  'IBAN DE',
  'GB',
  'SSN ',
  'ip ',
  '::',
  'dead::beef',
  'fe80::',
  '.',
  '-',
  '/',
  '(',
  ')',
  '+',
  '٣٤٥', // Arabic-Indic digits are not ASCII digits
  '１２３', // fullwidth digits either
  'Dear Maria Garcia, ',
  'Our ',
  'Please. ',
  'Dr. Becker ',
  'Regards, Ana Silva <ana@example.com>',
  'Team ',
  'K. ',
  ' ',
  '\t',
  '\n',
  'ana@example.com',
];

const noDigitText = pieceText(NO_DIGIT_PIECES).map((t) => t.replace(/[0-9]/g, 'x'));

describe('pii digit shortcut', () => {
  const config = piiConfig({});

  it('equals every detector run on text without an ASCII digit', () => {
    fc.assert(
      fc.property(noDigitText, (text) => {
        expect(detectPii(text, config)).toEqual(detectPiiAll(text, config));
      }),
      { numRuns: 1000 },
    );
  });

  it('is right that the skipped detectors find nothing without a digit', () => {
    fc.assert(
      fc.property(noDigitText, (text) => {
        expect(findPaymentCards(text)).toEqual([]);
        expect(findIbans(text)).toEqual([]);
        expect(findUsSsns(text)).toEqual([]);
        expect(findIpAddresses(text, { privateIps: true })).toEqual([]);
        expect(findPhones(text, { regions: DEFAULT_PHONE_REGIONS })).toEqual([]);
        expect(findDatesOfBirth(text)).toEqual([]);
        expect(findNationalIds(text)).toEqual([]);
        expect(findPassports(text)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('still runs every detector when a digit is present', () => {
    const text = 'Dear Maria Garcia, born on 12.03.1985, call +49 30 901820, ana@example.com';
    expect(detectPii(text, config)).toEqual(detectPiiAll(text, config));
    expect(scanPii(text).map((f) => f.category)).toEqual(
      expect.arrayContaining(['pii.person', 'pii.date_of_birth', 'pii.phone', 'pii.email']),
    );
  });

  it('resolves fewer than two detections to a copy of them', () => {
    const d = detectPii('write to maria@example.com', config);
    expect(d).toHaveLength(1);
    const kept = resolvePiiOverlaps(d);
    expect(kept).toEqual(d);
    expect(kept).not.toBe(d);
    expect(resolvePiiOverlaps([])).toEqual([]);
  });
});

describe('findNames one-word runs', () => {
  it('a run with no blank or tab is exactly one \\S+ token (what the stop-word shortcut assumes)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), noDigitText, (a, b) => {
        const text = a + b;
        NAME_RUN.lastIndex = 0;
        for (const m of text.matchAll(NAME_RUN)) {
          const run = m[0];
          if (run.includes(' ') || run.includes('\t')) continue;
          expect([...run.matchAll(/\S+/g)].map((t) => t[0])).toEqual([run]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('drops stop words alone and keeps names after cues', () => {
    expect(findNames('Our team. Please read. Thanks. Friday.')).toEqual([]);
    expect(findNames('Dear Maria,').map((d) => d.signals)).toEqual([['pii.person.cue', 'cue:dear']]);
    expect(findNames('Regards, Team')).toEqual([]);
    expect(findNames('Regards, Kwame')).toHaveLength(1);
  });
});
