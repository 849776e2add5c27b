// Phone numbers, validated with libphonenumber-js (full "max" metadata: validity needs the per-country
// number patterns that "min" drops, and "min" would accept any number of the right length).
//
// A cheap linear pattern proposes digit runs with phone punctuation; libphonenumber decides. Numbers
// with a leading `+` are parsed on their own; national-format numbers are tried against the policy's
// `phoneRegions` (default: 16 countries), NANP-shaped ones against US/CA first. Scores:
// - valid: 0.8 international, 0.6 national (bare digit runs need a phone cue word: order numbers
//   and timestamps are valid phone numbers somewhere);
// - only "possible" (right length, unassigned range — common in test data and in typos): reported
//   only next to a phone cue word;
// - a phone cue raises the score, "order", "invoice", "ISBN"… lower it.
// At most MAX_CANDIDATES candidates are parsed per scan, which bounds the work on hostile input
// (1 MiB of spaced digits) — later candidates are then not checked and a signal says so.
import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { cueSignals, cuesAround } from './context.js';
import { type Detection, RANK, clamp01 } from './detection.js';

export const DEFAULT_PHONE_REGIONS: readonly CountryCode[] = [
  'US',
  'GB',
  'DE',
  'FR',
  'ES',
  'IT',
  'NL',
  'IN',
  'JP',
  'BR',
  'AU',
  'CA',
  'MX',
  'CH',
  'SE',
  'PL',
  'AT',
  'BE',
  'IE',
  'PT',
];
export const MAX_CANDIDATES = 256;

const CANDIDATE = /(?<![\w+./-])\+?\(?\d[\d ().-]{5,20}\d(?![\w]|[./-]\d)/g;
const PHONE_CUES =
  /(?<!\p{L})(?:phone|tel|telephone|mobile|cell|cellphone|fax|call|calls|dial|dial-in|whatsapp|sms|text me|reach me|ring|contact|hotline|telefon|telefonnummer|handy|mobil|rufen|anrufen|erreichbar|téléphone|portable|appeler|rappeler|appelez|numéro|número|teléfono|telefono|llamar|llámame|móvil|movil|celular|cellulare|chiamare|chiama|nummer|tlf|ph|mob)(?!\p{L})/giu;

const GENERIC_CUES = new Set(['numéro', 'número', 'nummer', 'contact', 'ph']);

const NANP = /^\(?[2-9]\d{2}\)?[ .-]?\d{3}[ .-]\d{4}$/;
// Decimals, dates, dotted quads and the US SSN shape and Brazilian CPF shapes (never phone layouts).
const DECIMAL_OR_DATE =
  /^(?:\d{3}-\d{2}-\d{4}|\d{3}\.\d{3}\.\d{3}-\d{2}|\d+\.\d+|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[.-]\d{1,2}[.-]\d{2,4}|\d{1,3}(?:\.\d{1,3}){3})$/;

export interface PhoneOptions {
  regions: readonly CountryCode[];
}

export function parsePhoneRegions(v: unknown): readonly CountryCode[] {
  if (!Array.isArray(v)) return DEFAULT_PHONE_REGIONS;
  const ok = v.filter((r): r is CountryCode => typeof r === 'string' && isSupportedCountry(r.toUpperCase()));
  return ok.length > 0 ? ok.map((r) => r.toUpperCase() as CountryCode) : DEFAULT_PHONE_REGIONS;
}

type Verdict = { status: 'valid' | 'possible'; country: string | undefined };

function judge(candidate: string, regions: readonly CountryCode[]): Verdict | undefined {
  if (candidate.startsWith('+')) {
    const p = parsePhoneNumberFromString(candidate);
    if (!p) return undefined;
    if (p.isValid()) return { status: 'valid', country: p.country };
    return p.isPossible() ? { status: 'possible', country: p.country } : undefined;
  }
  const ordered = NANP.test(candidate)
    ? [...regions.filter((r) => r === 'US' || r === 'CA'), ...regions.filter((r) => r !== 'US' && r !== 'CA')]
    : candidate.replace(/\D/g, '').startsWith('0')
      ? regions.filter((r) => r !== 'US' && r !== 'CA')
      : regions;
  let possible: Verdict | undefined;
  for (const region of ordered) {
    const p = parsePhoneNumberFromString(candidate, region);
    if (!p) continue;
    if (p.isValid()) return { status: 'valid', country: p.country ?? region };
    if (!possible && p.isPossible()) possible = { status: 'possible', country: p.country ?? region };
  }
  return possible;
}

export function findPhones(text: string, options: PhoneOptions): Detection[] {
  const out: Detection[] = [];
  let parsed = 0;
  for (const m of text.matchAll(CANDIDATE)) {
    let value = m[0];
    let start = m.index;
    if (value.startsWith('(') && !value.includes(')')) {
      value = value.slice(1);
      start += 1;
    }
    const digits = value.replace(/\D/g, '').length;
    if (digits < 7 || digits > 15 || DECIMAL_OR_DATE.test(value)) continue;
    if (parsed++ >= MAX_CANDIDATES) {
      out.push({
        category: 'pii.phone',
        start,
        end: text.length,
        score: 0.3,
        message: 'too many phone-number candidates; the rest of the text was not checked',
        signals: ['pii.phone.candidates_truncated'],
        rank: RANK.phone,
      });
      break;
    }
    const end = start + value.length;
    const verdict = judge(value, options.regions);
    if (!verdict) continue;
    const seen = cuesAround(text, start, end, PHONE_CUES);
    // "numéro", "Nummer", "contact" name any number; next to "commande" or "order" they are not phone cues.
    const cues = {
      positive: seen.negative.length > 0 ? seen.positive.filter((w) => !GENERIC_CUES.has(w)) : seen.positive,
      negative: seen.negative,
    };
    const cue = cues.positive.length > 0;
    const international = value.startsWith('+');
    const bare = /^\d+$/.test(value);
    let score: number;
    if (verdict.status === 'possible') {
      if (!cue) continue;
      score = 0.55;
    } else if (bare && !international) {
      if (!cue) continue;
      score = 0.7;
    } else {
      score = (international ? 0.8 : 0.6) + (cue ? 0.15 : 0);
    }
    if (!cue && cues.negative.length > 0) score -= 0.4;
    out.push({
      category: 'pii.phone',
      start,
      end,
      score: clamp01(score),
      message: `phone number (${verdict.country ?? 'international'}, ${verdict.status === 'valid' ? 'valid' : 'possible'})`,
      signals: [
        `pii.phone.${verdict.status}`,
        international ? 'pii.phone.international' : 'pii.phone.national',
        ...cueSignals(cues),
      ],
      rank: RANK.phone,
    });
  }
  return out;
}
