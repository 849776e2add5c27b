// Leetspeak ("1gn0r3 4ll pr3v10u5 1n57ruc710n5") keeps a prompt readable to a model while no keyword matches
// it. Words that mix letters with the usual substitutes (4→a, 3→e, 1→i, 0→o, 5→s, 7→t, 8→b, 9→g, @→a, $→s) are
// spelled back; when that turns several of a sentence's words into common English words, the sentence with
// its words spelled back becomes a derived segment. Product codes, versions and hashes ("mp3", "h264",
// "v2.1", "3f9a…") rarely spell common words, so they do not qualify.
import type { Decoded } from './decoded.js';
import { commonWords } from './english-words.js';
import { isWordySentence, joinNeighbours, sentenceSpans } from './sentences.js';

const LEET: Readonly<Record<string, string>> = {
  '4': 'a',
  '@': 'a',
  '8': 'b',
  '3': 'e',
  '9': 'g',
  '1': 'i',
  '0': 'o',
  '5': 's',
  $: 's',
  '7': 't',
};
/** A letter next to a substitute: the cheap gate before any per-word work. */
const GATE = /[A-Za-z][0134579@$]|[0134579@$][A-Za-z]/u;
const TOKEN_RE = /[A-Za-z0-9@$]+/gu;
const HAS_LETTER = /[A-Za-z]/u;
const HAS_LEET = /[0134579@$]/u;
const MIN_SPELLED_WORDS = 2;

const spellBack = (token: string): string => token.replace(/[0134579@$]/gu, (c) => LEET[c]!);

const isMixed = (tok: string): boolean => HAS_LETTER.test(tok) && HAS_LEET.test(tok);

/** Spelling the sentence's mixed words back turns enough of them into common English words. */
function spellsBackToEnglish(s: string, common: Set<string>): boolean {
  let mixed = 0;
  let spelled = 0;
  for (const m of s.matchAll(TOKEN_RE)) {
    if (!isMixed(m[0])) continue;
    mixed++;
    if (common.has(spellBack(m[0]).toLowerCase())) spelled++;
  }
  return spelled >= MIN_SPELLED_WORDS && spelled * 3 >= mixed;
}

export function decodeLeetspeak(text: string): Decoded[] {
  // Most prompts hold no substitute character at all: one scan for the class settles them.
  if (!HAS_LEET.test(text) || !GATE.test(text)) return [];
  const common = commonWords();
  const hits = sentenceSpans(text).filter(
    (span) => isWordySentence(text, span) && spellsBackToEnglish(text.slice(span[0], span[1]), common),
  );
  // Neighbouring sentences join; the derived text keeps the original text between them.
  return joinNeighbours(text, hits).map(([s, e]) => ({
    text: text.slice(s, e).replace(TOKEN_RE, (tok) => (isMixed(tok) ? spellBack(tok) : tok)),
    span: [s, e],
    via: 'leetspeak',
  }));
}
