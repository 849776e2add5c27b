// National identification numbers that carry a check digit or letter. The checksum is what makes a
// report worth having; where the format is also distinctive (Spanish DNI, Italian codice fiscale,
// French NIR, formatted Brazilian CPF) a valid number is reported on its own, elsewhere (Dutch BSN,
// German Steuer-ID, Indian Aadhaar, bare CPF, UK NINO without a checksum) a cue word must be near:
// one random 9–12 digit number in ten or eleven passes those checks.
import { adjust, cueSignals, cuesAround } from './context.js';
import { type Detection, RANK, clamp01 } from './detection.js';

interface IdRule {
  id: string;
  label: string;
  pattern: RegExp;
  valid: (compact: string) => boolean;
  /** Score when valid without a cue; undefined means a cue is required. */
  bare: number | undefined;
  cues: RegExp;
}

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
function dniValid(s: string): boolean {
  const nie = 'XYZ'.indexOf(s[0] ?? '');
  const num = nie >= 0 ? String(nie) + s.slice(1, -1) : s.slice(0, -1);
  return DNI_LETTERS[Number(num) % 23] === s.at(-1);
}

// Codice fiscale check character: odd positions (1-based) use a fixed table, even ones the plain value.
const CF_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
function cfValid(s: string): boolean {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = s.charCodeAt(i);
    const v = c <= 57 ? c - 48 : c - 65;
    sum += i % 2 === 0 ? (CF_ODD[v] ?? 0) : v;
  }
  return String.fromCharCode(65 + (sum % 26)) === s[15];
}

function nirValid(s: string): boolean {
  // Corsican departments 2A/2B: replace by 19/18 and subtract 1,000,000/2,000,000 (INSEE rule).
  let body = s.slice(0, 13);
  let shift = 0n;
  if (/2A/.test(body.slice(5, 7))) [body, shift] = [body.slice(0, 5) + '19' + body.slice(7), 1000000n];
  else if (/2B/.test(body.slice(5, 7))) [body, shift] = [body.slice(0, 5) + '18' + body.slice(7), 2000000n];
  if (!/^\d{13}$/.test(body)) return false;
  return 97n - ((BigInt(body) - shift) % 97n) === BigInt(s.slice(13));
}

function bsnValid(s: string): boolean {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(s[i]) * (9 - i);
  return s !== '000000000' && (sum - Number(s[8])) % 11 === 0;
}

// ISO 7064 MOD 11,10, plus the rule that one digit of the first ten appears two or three times.
function steuerIdValid(s: string): boolean {
  if (s[0] === '0') return false;
  const counts = new Map<string, number>();
  for (const c of s.slice(0, 10)) counts.set(c, (counts.get(c) ?? 0) + 1);
  const repeats = [...counts.values()].filter((n) => n > 1);
  if (repeats.length !== 1 || (repeats[0] ?? 0) > 3) return false;
  let product = 10;
  for (let i = 0; i < 10; i++) {
    let sum = (Number(s[i]) + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  const check = (11 - product) % 10;
  return check === Number(s[10]);
}

const VERHOEFF_D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];
export function verhoeffValid(s: string): boolean {
  let c = 0;
  for (let i = 0; i < s.length; i++) {
    const digit = Number(s[s.length - 1 - i]);
    c = VERHOEFF_D[c]?.[VERHOEFF_P[i % 8]?.[digit] ?? 0] ?? 0;
  }
  return c === 0;
}

function cpfValid(s: string): boolean {
  if (/^(\d)\1{10}$/.test(s)) return false;
  const check = (n: number): number => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += Number(s[i]) * (n + 1 - i);
    const r = (sum * 10) % 11;
    return r === 10 ? 0 : r;
  };
  return check(9) === Number(s[9]) && check(10) === Number(s[10]);
}

// UK National Insurance number: no checksum, but the prefix letters exclude D, F, I, Q, U, V and a
// list of pairs, and the suffix is A–D; reported alone at a low score, higher with a cue.
const NINO_BAD_PREFIX = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);
function ninoValid(s: string): boolean {
  return !NINO_BAD_PREFIX.has(s.slice(0, 2));
}

const RULES: readonly IdRule[] = [
  {
    id: 'es_dni',
    label: 'Spanish DNI/NIE, check letter valid',
    pattern: /(?<![\w-])(?:\d{8}|[XYZ]-?\d{7})-?[A-HJ-NP-TV-Z](?![\w-])/g,
    valid: dniValid,
    bare: 0.8,
    cues: /(?<!\p{L})(?:dni|nie|nif|documento|identidad|id)(?!\p{L})/giu,
  },
  {
    id: 'it_codice_fiscale',
    label: 'Italian codice fiscale, check character valid',
    pattern:
      /(?<![\w])[A-Z]{6}[\dLMNPQRSTUV]{2}[A-EHLMPR-T][\dLMNPQRSTUV]{2}[A-Z][\dLMNPQRSTUV]{3}[A-Z](?![\w])/g,
    valid: cfValid,
    bare: 0.9,
    cues: /(?<!\p{L})(?:codice fiscale|cf|tax code|c\.f\.)(?!\p{L})/giu,
  },
  {
    id: 'fr_nir',
    label: 'French social security number (NIR), key valid',
    pattern: /(?<![\w])[12] ?\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\d) ?(?:\d{2}|2[AB]) ?\d{3} ?\d{3} ?\d{2}(?![\w])/g,
    valid: nirValid,
    bare: 0.8,
    cues: /(?<!\p{L})(?:sécurité sociale|securite sociale|nir|insee|sécu|secu|carte vitale)(?!\p{L})/giu,
  },
  {
    id: 'nl_bsn',
    label: 'Dutch BSN, 11-proof valid',
    pattern: /(?<![\w.-])\d{4}\.?\d{2}\.?\d{3}(?![\w]|[.-]\d)/g,
    valid: bsnValid,
    bare: undefined,
    cues: /(?<!\p{L})(?:bsn|burgerservicenummer|sofinummer|sofi)(?!\p{L})/giu,
  },
  {
    id: 'de_steuer_id',
    label: 'German tax id (Steuer-ID), check digit valid',
    pattern: /(?<![\w.-])\d{2} ?\d{3} ?\d{3} ?\d{3}(?![\w]|[.-]\d)/g,
    valid: steuerIdValid,
    bare: undefined,
    cues: /(?<!\p{L})(?:steuer-id|steuerid|steuer-identifikationsnummer|steueridentifikationsnummer|identifikationsnummer|idnr|tin|tax id)(?!\p{L})/giu,
  },
  {
    id: 'in_aadhaar',
    label: 'Indian Aadhaar number, Verhoeff valid',
    pattern: /(?<![\w.-])[2-9]\d{3}[ -]?\d{4}[ -]?\d{4}(?![\w]|[.-]\d)/g,
    valid: verhoeffValid,
    bare: undefined,
    cues: /(?<!\p{L})(?:aadhaar|aadhar|uidai|uid|आधार)(?!\p{L})/giu,
  },
  {
    id: 'br_cpf',
    label: 'Brazilian CPF, check digits valid',
    pattern: /(?<![\w.-])\d{3}\.\d{3}\.\d{3}-\d{2}(?![\w]|[.-]\d)/g,
    valid: cpfValid,
    bare: 0.85,
    cues: /(?<!\p{L})(?:cpf|cadastro)(?!\p{L})/giu,
  },
  {
    id: 'br_cpf',
    label: 'Brazilian CPF, check digits valid',
    pattern: /(?<![\w.-])\d{11}(?![\w]|[.-]\d)/g,
    valid: cpfValid,
    bare: undefined,
    cues: /(?<!\p{L})(?:cpf|cadastro)(?!\p{L})/giu,
  },
  {
    id: 'uk_nino',
    label: 'UK National Insurance number (format)',
    pattern: /(?<![\w])[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![\w])/g,
    valid: ninoValid,
    bare: 0.55,
    cues: /(?<!\p{L})(?:national insurance|ni number|ni no|nino|nin)(?!\p{L})/giu,
  },
];

export function findNationalIds(text: string): Detection[] {
  if (!/\d/.test(text)) return [];
  const out: Detection[] = [];
  for (const rule of RULES) {
    for (const m of text.matchAll(rule.pattern)) {
      const compact = m[0].replace(/[ .-]/g, '');
      if (!rule.valid(compact)) continue;
      const start = m.index;
      const end = start + m[0].length;
      const cues = cuesAround(text, start, end, rule.cues);
      if (rule.bare === undefined && cues.positive.length === 0) continue;
      const base = rule.bare ?? 0.75;
      out.push({
        category: 'pii.national_id',
        start,
        end,
        score: clamp01(adjust(base, cues, 0.15, 0.35)),
        message: `national id number (${rule.label})`,
        signals: [`pii.national_id.${rule.id}`, ...cueSignals(cues)],
        rank: RANK.nationalId,
      });
    }
  }
  return out;
}
