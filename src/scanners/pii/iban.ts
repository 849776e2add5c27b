// IBANs (ISO 13616): country code, two check digits, a BBAN whose length and shape the country fixes.
// Valid = mod-97 checksum + the country's BBAN length and format (ibantools' registry). Some
// countries (BE, ES, FR, …) add a national check inside the BBAN; failing only that one still means a
// deliberately formed IBAN (a typo in the account part, or synthetic data), so it is reported lower.
import { countrySpecs, electronicFormatIBAN, validateIBAN, ValidationErrorsIBAN } from 'ibantools';
import { adjust, cueSignals, cuesAround } from './context.js';
import { type Detection, RANK, clamp01 } from './detection.js';

const START = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?=[ ]?[A-Z0-9])/g;
const IBAN_CUES =
  /(?<!\p{L})(?:iban|account|acct|konto|bankverbindung|compte|rib|cuenta|conto|rekening|wire|transfer|überweisen|virement|transferencia|bonifico)(?!\p{L})/giu;

const isAlnum = (c: string | undefined): boolean => c !== undefined && /^[A-Z0-9]$/.test(c);

/** Reads exactly `length` alphanumerics from `start`, allowing a single space between them; returns the end offset. */
function readGrouped(text: string, start: number, length: number): number | undefined {
  let n = 0;
  let i = start;
  while (n < length && i < text.length) {
    const c = text[i];
    if (isAlnum(c)) {
      n++;
      i++;
    } else if (c === ' ' && n > 0 && isAlnum(text[i + 1])) {
      i++;
    } else break;
  }
  if (n !== length) return undefined;
  // A longer alphanumeric run glued to the end means we are inside some other token.
  return isAlnum(text[i]) ? undefined : i;
}

export function findIbans(text: string): Detection[] {
  const out: Detection[] = [];
  for (const m of text.matchAll(START)) {
    const start = m.index;
    const spec = countrySpecs[m[0].slice(0, 2)];
    if (!spec?.chars) continue;
    const end = readGrouped(text, start, spec.chars);
    if (end === undefined) continue;
    const iban = electronicFormatIBAN(text.slice(start, end)) ?? '';
    const result = validateIBAN(iban);
    const nationalOnly =
      !result.valid &&
      result.errorCodes.every((e) => e === ValidationErrorsIBAN.WrongAccountBankBranchChecksum);
    if (!result.valid && !nationalOnly) continue;
    const cues = cuesAround(text, start, end, IBAN_CUES);
    const country = iban.slice(0, 2);
    out.push({
      category: 'pii.iban',
      start,
      end,
      score: clamp01(adjust(nationalOnly ? 0.8 : 0.95, cues, 0.04, 0.2)),
      message: nationalOnly
        ? `IBAN (${country}, mod-97 valid, national check digits invalid)`
        : `IBAN (${country}, mod-97 valid)`,
      signals: [
        'pii.iban.mod97',
        nationalOnly ? 'pii.iban.national_check_failed' : 'pii.iban.bban_valid',
        ...cueSignals(cues),
      ],
      rank: RANK.iban,
    });
  }
  return out;
}
