// Passport numbers have no shared format or public checksum (only the MRZ line has one), so a
// document-number-shaped token is reported only right after a passport cue word.
import { type Detection, RANK } from './detection.js';

const PASSPORT_CUE =
  /(?<!\p{L})(?:passport|passport no|passport number|reisepass|reisepassnummer|passnummer|passeport|pasaporte|passaporto|paspoort|passaporte)(?!\p{L})/giu;
// Up to three short words ("number", "no.", "#:") between the cue and the number.
const NUMBER_AFTER_CUE = /^(?:[\s:#.=]{1,3}(?:[a-zé]{1,8}[\s:#.=]{1,3}){0,3})([A-Z0-9]{6,9})(?![\w])/u;

export function findPassports(text: string): Detection[] {
  const out: Detection[] = [];
  for (const cue of text.matchAll(PASSPORT_CUE)) {
    const from = cue.index + cue[0].length;
    const m = text.slice(from, from + 48).match(NUMBER_AFTER_CUE);
    const value = m?.[1];
    if (!m || value === undefined || !/\d/.test(value) || /^\d{1,5}$/.test(value)) continue;
    const start = from + m[0].length - value.length;
    out.push({
      category: 'pii.passport',
      start,
      end: start + value.length,
      score: 0.75,
      message: 'passport number (after a passport cue)',
      signals: ['pii.passport.cue', `context+:${cue[0].toLowerCase()}`],
      rank: RANK.nationalId,
    });
  }
  return out;
}
