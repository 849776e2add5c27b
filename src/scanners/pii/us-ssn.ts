// US Social Security numbers. The SSA never issues area 000, 666 or 900–999, group 00 or serial 0000,
// and a few numbers are famous non-SSNs (078-05-1120 from a 1938 wallet insert, 219-09-9999 from an
// SSA advert, the 987-65-432x advertising block is already in the 9xx area). Dashed or spaced nine
// digits are a medium-strength shape; nine bare digits are reported only after an SSN cue word.
import { cueSignals, cuesAround } from './context.js';
import { type Detection, RANK, clamp01 } from './detection.js';

const GROUPED = /(?<![\w.-])(\d{3})([- ])(\d{2})([- ])(\d{4})(?![\w]|[.-]\d)/g;
const BARE = /(?<![\w.-])\d{9}(?![\w]|[.-]\d)/g;
const SSN_CUES =
  /(?<!\p{L})(?:ssn|ss#|social security|social security number|social|sozialversicherungsnummer|taxpayer|tin|itin)(?!\p{L})/giu;

const KNOWN_INVALID = new Set(['078051120', '219099999', '123456789']);

export function ssnValid(d: string): boolean {
  const area = d.slice(0, 3);
  return (
    d.length === 9 &&
    area !== '000' &&
    area !== '666' &&
    area[0] !== '9' &&
    d.slice(3, 5) !== '00' &&
    d.slice(5) !== '0000' &&
    !KNOWN_INVALID.has(d)
  );
}

export function findUsSsns(text: string): Detection[] {
  const out: Detection[] = [];
  const push = (start: number, end: number, digits: string, grouped: boolean): void => {
    if (!ssnValid(digits)) return;
    const cues = cuesAround(text, start, end, SSN_CUES);
    let score = grouped ? 0.6 : 0.5;
    if (cues.positive.length > 0) score = 0.9;
    else if (!grouped) return;
    else if (cues.negative.length > 0) score = 0.3;
    out.push({
      category: 'pii.us_ssn',
      start,
      end,
      score: clamp01(score),
      message: 'US social security number (SSA rules valid)',
      signals: ['pii.ssn.' + (grouped ? 'grouped' : 'bare'), ...cueSignals(cues)],
      rank: RANK.ssn,
    });
  };
  for (const m of text.matchAll(GROUPED)) {
    if (m[2] !== m[4]) continue;
    push(m.index, m.index + m[0].length, `${m[1]}${m[3]}${m[5]}`, true);
  }
  for (const m of text.matchAll(BARE)) push(m.index, m.index + m[0].length, m[0], false);
  return out;
}
