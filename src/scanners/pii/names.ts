// Person names without a model: a run of capitalised words counts as a name only with evidence —
// a salutation or label before it ("Dear", "Hi", "Name:", "Herr", "Mme", "Sr.", "account holder"),
// a title inside it ("Dr. Becker"), a sign-off before it ("Regards,", "Cordialement,", "Viele Grüße,"),
// an address right after it ("Ana Silva <ana@…>"), or the "First I. Last" shape. That works across
// the languages a cue list covers, where an English-trained tagger misses "Kwame Mensah" after
// "Bonjour". A bare capitalised pair is left to the `pii-ner` scanner (compromise), which is too
// slow for the cheap path (≈ 10 ms per 2 KB).
import { type Detection, RANK } from './detection.js';

// A capitalised word (with O'Brien, Jean-Pierre, McDonald shapes) or an initial; a trailing dot is
// kept so that titles ("Dr.") and initials ("K.") stay inside the run. Up to five tokens, separated
// by one or two blanks and optionally a lowercase particle ("van", "de", "bin").
const RUN =
  /(?<![\p{L}\p{M}\p{N}_'’-])\p{Lu}(?:['’]\p{Lu})?[\p{Ll}\p{M}]{0,20}(?:-\p{Lu}[\p{Ll}\p{M}]{1,20})?(?:\p{Lu}[\p{Ll}\p{M}]{1,20})?\.?(?:[ \t]{1,2}(?:(?:van|von|de|der|den|da|del|della|di|du|dos|das|le|la|ten|ter|bin|al|y)[ \t])?\p{Lu}(?:['’]\p{Lu})?[\p{Ll}\p{M}]{0,20}(?:-\p{Lu}[\p{Ll}\p{M}]{1,20})?(?:\p{Lu}[\p{Ll}\p{M}]{1,20})?\.?){0,4}(?![\p{L}\p{M}\p{N}])/gu;

const TOKEN = /\S+/g;

/** The run pattern, for the test that a run without a blank or tab is one token. */
export const NAME_RUN: RegExp = RUN;

const SALUTATIONS = new Set([
  'hi',
  'hello',
  'hey',
  'dear',
  'bonjour',
  'salut',
  'hola',
  'hallo',
  'ciao',
  'liebe',
  'lieber',
  'estimado',
  'estimada',
  'querido',
  'querida',
  'cher',
  'chère',
  'caro',
  'cara',
  'gentile',
  'morning',
  'afternoon',
  'evening',
  'attn',
  'attn.',
  'customer',
  'applicant',
  'patient',
  'client',
  'name',
  'kunde',
  'kundin',
  'cliente',
]);
const TITLES = new Set([
  'dr.',
  'dr',
  'mr.',
  'mr',
  'mrs.',
  'mrs',
  'ms.',
  'ms',
  'mx.',
  'prof.',
  'herr',
  'frau',
  'm.',
  'mme',
  'mme.',
  'mlle',
  'mlle.',
  'sr.',
  'sra.',
  'srta.',
  'don',
  'doña',
  'sig.',
  'sig.ra',
  'dott.',
  'dott.ssa',
  'dra.',
  'lady',
  'sir',
]);
/** Capitalised words that follow a salutation but are not names. */
const NOT_NAMES = new Set([
  'team',
  'all',
  'everyone',
  'everybody',
  'there',
  'sir',
  'madam',
  'madame',
  'monsieur',
  'customer',
  'customers',
  'support',
  'admin',
  'user',
  'users',
  'world',
  'folks',
  'guys',
  'friends',
  'colleagues',
  'kollegen',
  'zusammen',
  'todos',
  'tous',
  'the',
  'this',
  'that',
  'your',
  'our',
  'we',
  'you',
  'i',
  'it',
  'please',
  'thanks',
  'thank',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'again',
  'service',
  'hr',
  'it',
  'sales',
  'billing',
  'herren',
  'damen',
  'kunde',
  'kundin',
  'cliente',
  'client',
  'equipo',
  'équipe',
  'sirs',
]);

// A cue right before the run (≤ 40 characters): labels, salutations, sign-offs.
const STRONG_PREFIX =
  /(?<!\p{L})(?:dear|hi|hello|hey|bonjour|salut|hola|hallo|ciao|sehr geehrte\/r|sehr geehrter|sehr geehrte|liebe|lieber|estimado|estimada|querido|querida|cher|chère|gentile|name|full name|first name|last name|surname|nom|nombre|customer|client|kunde|cliente|applicant|account holder|holder|cardholder|card holder|name on card|contact|signed|regards|best regards|kind regards|best|cordialement|bien à vous|viele grüße|mit freundlichen grüßen|grüße|gruß|saludos|atentamente|un saludo|cheers|thanks|thank you|merci|gracias|danke|patient|employee|passenger|guest|tenant|assigned to|owner|beneficiary|recipient|sender|attn|attention|inhaber|kontoinhaber|titulaire|titular)[\s:,.=>"'(-]{0,4}$/iu;
const WEAK_PREFIX = /(?<!\p{L})(?:from|by|to|cc|with|user|von|für|de|par|avec|con|para)[\s:,]{0,3}$/iu;
const NEXT_IS_ADDRESS = /^[ \t]{0,2}[<(][^\s@<>()]{1,64}@/;

/** A word that is never a person's name on its own: "Sir", "Madam", "Team", "Dr." (for the token tagger). */
export const notAName = (word: string): boolean => {
  const k = stopKey(word);
  return NOT_NAMES.has(k) || TITLES.has(word.toLowerCase()) || TITLES.has(k) || SALUTATIONS.has(k);
};

/** A token as looked up in NOT_NAMES: one trailing dot dropped, lowercased. */
const stopKey = (t: string): string => (t.endsWith('.') ? t.slice(0, -1) : t).toLowerCase();

interface Token {
  text: string;
  start: number;
}

export function findNames(text: string): Detection[] {
  const out: Detection[] = [];
  RUN.lastIndex = 0; // synchronous loop: no other scan touches RUN meanwhile
  for (let m = RUN.exec(text); m !== null; m = RUN.exec(text)) {
    const run = m[0];
    // One word ("Our", "Please"), the common run in prose: a stop word ends it before any token is built.
    if (run.indexOf(' ') < 0 && run.indexOf('\t') < 0 && NOT_NAMES.has(stopKey(run))) continue;
    const at = m.index;
    let tokens: Token[] = [...run.matchAll(TOKEN)].map((t) => ({ text: t[0], start: at + t.index }));
    const signals: string[] = [];
    // Leading salutations belong to the cue, not to the name ("Hi Maria Garcia").
    while (tokens.length > 1 && SALUTATIONS.has(tokens[0]?.text.toLowerCase() ?? '')) {
      signals.push(`cue:${tokens[0]?.text.toLowerCase()}`);
      tokens = tokens.slice(1);
    }
    // A word ending in "." that is neither a title nor an initial ends a sentence, and the name with it.
    const cut = tokens.findIndex(
      (t, i) =>
        i < tokens.length - 1 &&
        t.text.endsWith('.') &&
        !TITLES.has(t.text.toLowerCase()) &&
        t.text.length > 2,
    );
    if (cut >= 0) tokens = tokens.slice(0, cut + 1);
    const stop = tokens.findIndex((t) => NOT_NAMES.has(stopKey(t.text)));
    if (stop >= 0) tokens = tokens.slice(0, stop);
    const first = tokens[0];
    const last = tokens.at(-1);
    if (!first || !last) continue;
    const hasTitle = TITLES.has(first.text.toLowerCase());
    const nameTokens = tokens.filter((t) => !TITLES.has(t.text.toLowerCase()) && t.text.length > 2);
    if (nameTokens.length === 0) continue;
    const start = first.start;
    const end = last.start + last.text.length - (last.text.endsWith('.') && last.text.length > 2 ? 1 : 0);
    const before = text.slice(Math.max(0, start - 40), start);
    let score = 0;
    if (signals.length > 0 || STRONG_PREFIX.test(before)) {
      score = nameTokens.length >= 2 || hasTitle ? 0.8 : 0.6;
      if (signals.length === 0) signals.push('cue:prefix');
    }
    if (hasTitle) {
      score = Math.max(score, 0.8);
      signals.push('cue:title');
    }
    if (NEXT_IS_ADDRESS.test(text.slice(end, end + 70)) && nameTokens.length >= 2) {
      score = Math.max(score, 0.75);
      signals.push('cue:address_follows');
    }
    if (/^\p{Lu}\.$/u.test(tokens[1]?.text ?? '') && tokens.length >= 3 && !hasTitle) {
      score = Math.max(score, 0.7);
      signals.push('shape:first_initial_last');
    }
    if (score === 0 && nameTokens.length >= 2 && WEAK_PREFIX.test(before)) {
      score = 0.45;
      signals.push('cue:weak_prefix');
    }
    if (score === 0) continue;
    out.push({
      category: 'pii.person',
      start,
      end,
      score,
      message: 'person name (capitalised words after a name cue)',
      signals: ['pii.person.cue', ...signals],
      rank: RANK.person,
    });
  }
  return out;
}
