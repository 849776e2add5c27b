// Context words near a candidate raise or lower its score (the idea behind Presidio's context
// enhancer): "card" before sixteen digits makes a card likelier, "order" or "tracking" makes it an
// identifier of something else. Only cue words from these fixed lists are ever reported as signals,
// never text from the input.

/** How far around a candidate we look for cue words, in UTF-16 units. */
export const BEFORE = 48;
export const AFTER = 24;

/** Words that say "this number names a thing, not a person": they lower the score of number-shaped PII. */
export const NEGATIVE_CUES =
  /(?<!\p{L})(?:order|invoice|tracking|reference|ref|ticket|version|ver|build|release|sku|isbn|issn|serial|part|model|timestamp|epoch|coordinates|lat|lon|bestellnummer|bestellung|rechnung|sendung|commande|facture|pedido|factura|referencia|ordine|fattura|uuid|hash|checksum|sha\d*|md5|commit)(?!\p{L})/giu;

export interface Cues {
  positive: string[];
  negative: string[];
}

function collect(window: string, re: RegExp): string[] {
  const out: string[] = [];
  for (const m of window.matchAll(re)) {
    const w = m[0].toLowerCase().replace(/\s+/g, ' ');
    if (!out.includes(w)) out.push(w);
  }
  return out;
}

/** Cue words of `positive` (a /g regex) and of the shared negative list within the window around [start, end). */
export function cuesAround(
  text: string,
  start: number,
  end: number,
  positive: RegExp,
  before = BEFORE,
  after = AFTER,
): Cues {
  const window = text.slice(Math.max(0, start - before), start) + ' ' + text.slice(end, end + after);
  return { positive: collect(window, positive), negative: collect(window, NEGATIVE_CUES) };
}

/** Cue words of `re` only in the text just before `start`. */
export function cuesBefore(text: string, start: number, re: RegExp, before = BEFORE): string[] {
  return collect(text.slice(Math.max(0, start - before), start), re);
}

/** Signals for the cues seen: `context+:card`, `context-:order`. */
export function cueSignals(c: Cues): string[] {
  return [...c.positive.map((w) => `context+:${w}`), ...c.negative.map((w) => `context-:${w}`)];
}

/** Applies the usual adjustment: +boost when a positive cue is present, −penalty when only negative ones are. */
export function adjust(score: number, c: Cues, boost: number, penalty: number): number {
  if (c.positive.length > 0) return score + boost;
  if (c.negative.length > 0) return score - penalty;
  return score;
}
