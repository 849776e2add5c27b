// Language data for spotting English, used to tell rot13-encoded instructions from ordinary text. This is a
// short list of function words and prompt-injection vocabulary, not a dictionary: it only has to make the rot13
// of an English sentence clearly more English than the sentence itself.

const WORDS = `the to of and in that have it for not on with he as you do at this but his by from they we say her
she will my one all would there their what so up out if about who get which go me when make can like time no just
him know take people into year your good some could them see other than then now look only come its over think
also back after use two how our work first well way even new want because any these give day most us is are was
were been has had did does am should must may might shall here where why very more yes please ignore previous
instructions instruction disregard forget above prior system prompt reveal print show tell write output respond
answer secret password rules act pretend role mode developer admin assistant user message text following below
everything nothing anything always never key send delete execute run command data file email hidden hello world
now follow following instead override bypass jailbreak unrestricted access confidential internal`;

let common: Set<string> | undefined;
let rotCommon: Set<string> | undefined;

export function rot13Word(w: string): string {
  let out = '';
  for (let i = 0; i < w.length; i++) out += String.fromCharCode(rot13Code(w.charCodeAt(i)));
  return out;
}

export function rot13Code(c: number): number {
  if (c >= 0x61 && c <= 0x7a) return ((c - 0x61 + 13) % 26) + 0x61;
  if (c >= 0x41 && c <= 0x5a) return ((c - 0x41 + 13) % 26) + 0x41;
  return c;
}

function build(): void {
  const all = new Set(WORDS.split(/\s+/u).filter((w) => w.length > 0));
  // Words whose rot13 is also a listed word ("be" ↔ "or") would count for both readings; leave them out.
  common = new Set([...all].filter((w) => !all.has(rot13Word(w))));
  rotCommon = new Set([...common].map(rot13Word));
}

/** Lowercase common English words. */
export function commonWords(): Set<string> {
  if (!common) build();
  return common!;
}

/** The rot13 of each common word: a word in this set reads as a common word after rot13. */
export function rot13CommonWords(): Set<string> {
  if (!rotCommon) build();
  return rotCommon!;
}

/** Relative frequency (%) of a–z in English text, for a cheap "does this look like English" score. */
const LETTER_FREQUENCY = [
  8.2, 1.5, 2.8, 4.3, 12.7, 2.2, 2.0, 6.1, 7.0, 0.15, 0.77, 4.0, 2.4, 6.7, 7.5, 1.9, 0.095, 6.0, 6.3, 9.1,
  2.8, 0.98, 2.4, 0.15, 2.0, 0.074,
];

let rot13Gain: Float64Array | undefined;

/**
 * For each letter a–z (0–25): how much more English its rot13 is than the letter itself, as the difference of
 * natural-log frequencies. Summed over a sentence, a positive total means rot13 reads more like English.
 */
export function rot13LetterGain(): Float64Array {
  return (rot13Gain ??= Float64Array.from(LETTER_FREQUENCY, (p, k) =>
    Math.log(LETTER_FREQUENCY[(k + 13) % 26]! / p),
  ));
}
