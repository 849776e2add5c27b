// Dates of birth. A date alone is not personal data (invoices and logs are full of dates), so a date is
// reported only right after a birth cue word in English, German, French, Spanish or Italian.
import { type Detection, RANK } from './detection.js';

const DOB_CUES =
  /(?<!\p{L})(?:dob|d\.o\.b\.?|date of birth|birth date|birthdate|birthday|born on|born|geboren am|geboren|geburtsdatum|geburtstag|geb\.|née le|né le|née|né|date de naissance|fecha de nacimiento|nacido el|nacida el|nacido|nacida|data di nascita|nato il|nata il)(?!\p{L})/giu;

// Anchored at the end of the cue: optional punctuation and a connective, then one date.
const DATE_AFTER_CUE =
  /^[\s:=,(-]{0,4}(?:(?:on|is|was|am|le|el|il|de)\s{1,3})?(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})|\d{1,2}(?:st|nd|rd|th|er|º)?\.?\s{1,3}(?:de\s)?(?:jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|september|oct|october|nov|november|dec|december|januar|jänner|februar|märz|mai|juni|juli|oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre)\.?,?\s{1,3}(?:de\s)?\d{4}|(?:jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|september|oct|october|nov|november|dec|december)\.?\s{1,3}\d{1,2}(?:st|nd|rd|th)?,?\s{1,3}\d{4})(?![\w])/iu;

const LEAD = /^[\s:=,(-]{0,4}(?:(?:on|is|was|am|le|el|il|de)\s{1,3})?/iu;

function plausible(m: RegExpMatchArray): boolean {
  const [y, mo, d] = m[1] ? [m[1], m[2], m[3]] : [m[6], m[5], m[4]];
  if (y === undefined || mo === undefined || d === undefined) return true; // textual month
  const a = Number(mo);
  const b = Number(d);
  // Day/month order differs by country: accept the date if either reading is a calendar date.
  return (a >= 1 && a <= 12 && b >= 1 && b <= 31) || (b >= 1 && b <= 12 && a >= 1 && a <= 31);
}

export function findDatesOfBirth(text: string): Detection[] {
  const out: Detection[] = [];
  for (const cue of text.matchAll(DOB_CUES)) {
    const cueEnd = cue.index + cue[0].length;
    const m = text.slice(cueEnd, cueEnd + 40).match(DATE_AFTER_CUE);
    if (!m || !plausible(m)) continue;
    const start = cueEnd + (LEAD.exec(m[0])?.[0].length ?? 0);
    out.push({
      category: 'pii.date_of_birth',
      start,
      end: cueEnd + m[0].length,
      score: 0.85,
      message: 'date of birth (after a birth cue)',
      signals: ['pii.dob.cue', `context+:${cue[0].toLowerCase()}`],
      rank: RANK.dob,
    });
  }
  return out;
}
