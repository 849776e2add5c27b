// The `pii-ner` scanner: person, place and organisation names tagged by compromise (pure JS, no
// model download). It is a separate scanner with cost 'model' because compromise is slow for the
// cheap path — about 7 ms for 400 characters and 20 ms for 2 KB, against a 0.5 ms budget for all
// leakage scanners together — and it loads its lexicon (~150 ms) on first use, never on import.
//
// Bounds: text is tagged in chunks of at most CHUNK characters cut at sentence or line ends, a chunk
// is tagged only if it has a capitalised word inside a sentence (compromise finds nothing in
// lower-case text), and at most `nerMaxChars` characters are tagged per scan; past that a low-score
// finding with the signal `pii.ner.truncated` says the tail was not tagged.
// compromise is English-centric; the cue-word detector (names.ts) runs here too and wins on overlap,
// so a name after "Bonjour" or "Sehr geehrte/r" is found either way and never reported twice.
import { createRequire } from 'node:module';
import type { Scanner, ScannerFinding } from '../../core/types.js';
import { detectPii, PiiConfig, piiConfig, resolvePiiOverlaps, toFindings, type PiiOptions } from '../pii.js';
import { type Detection, RANK } from './detection.js';

type Nlp = typeof import('compromise').default;
interface Tagged {
  text: string;
  offset?: { start: number; length: number };
}

export const CHUNK = 20_000;

let nlp: Nlp | undefined;
function getNlp(): Nlp {
  // compromise builds its lexicon at module evaluation; load it synchronously on first use only.
  nlp ??= createRequire(import.meta.url)('compromise') as Nlp;
  return nlp;
}

const MID_SENTENCE_CAPITAL = /[\p{Ll},;:)][ \t]{1,3}\p{Lu}\p{Ll}|\p{Lu}\p{Ll}{1,20}[ \t]{1,2}\p{Lu}/u;
const LEFT_WORD = /(?<![\p{L}\p{M}])\p{Lu}[\p{Ll}\p{M}]{1,20}[ \t]$/u;
const NAME_IN = /\p{Lu}[\p{L}\p{M}'’-]{0,30}\.?(?:[ \t]{1,2}\p{Lu}[\p{L}\p{M}'’-]{0,30}\.?){0,5}/u;

function chunks(text: string, limit: number): Array<{ start: number; text: string }> {
  const out: Array<{ start: number; text: string }> = [];
  let start = 0;
  const end = Math.min(text.length, limit);
  while (start < end) {
    let stop = Math.min(end, start + CHUNK);
    if (stop < end) {
      const cut = Math.max(text.lastIndexOf('\n', stop), text.lastIndexOf('. ', stop));
      if (cut > start + CHUNK / 2) stop = cut + 1;
    }
    out.push({ start, text: text.slice(start, stop) });
    start = stop;
  }
  return out;
}

function tagged(
  text: string,
  base: number,
  items: Tagged[],
  category: string,
  score: number,
  kind: string,
): Detection[] {
  const out: Detection[] = [];
  for (const it of items) {
    if (!it.offset) continue;
    // compromise keeps glued punctuation in a term (`crm.lookup("Olivia`); keep the capitalised words.
    const m = NAME_IN.exec(it.text);
    if (!m) continue;
    const value = /\p{L}{2}\.$/u.test(m[0]) ? m[0].slice(0, -1) : m[0];
    let start = base + it.offset.start + m.index;
    const end = start + value.length;
    if (end - start < 2) continue;
    // It often tags only the surname of "Kwame Mensah"; take in one capitalised word on the left.
    const left = LEFT_WORD.exec(text.slice(Math.max(0, start - 24), start));
    if (kind === 'person' && left) start -= left[0].length;
    out.push({
      category,
      start,
      end,
      score,
      message: `${kind} name (compromise tagger)`,
      signals: [`pii.ner.${kind}`],
      rank: RANK.person + 1,
    });
  }
  return out;
}

export function scanPiiNer(text: string, options?: Readonly<PiiOptions>): ScannerFinding[] {
  return findPiiNer(text, piiConfig(options));
}

function findPiiNer(text: string, config: PiiConfig): ScannerFinding[] {
  // The cheap detections (names by cue word, and the numbers that must not be read as names) win on overlap.
  const found: Detection[] = detectPii(text, { ...config, names: true }).map((d) => ({ ...d, score: -1 }));
  for (const c of chunks(text, config.nerMaxChars)) {
    if (!MID_SENTENCE_CAPITAL.test(c.text)) continue;
    const doc = getNlp()(c.text);
    const json = (v: { json: (o: object) => unknown }): Tagged[] => v.json({ offset: true }) as Tagged[];
    found.push(
      ...tagged(text, c.start, json(doc.people()), 'pii.person', 0.6, 'person'),
      ...tagged(text, c.start, json(doc.places()), 'pii.location', 0.5, 'place'),
      ...tagged(text, c.start, json(doc.organizations()), 'pii.organization', 0.5, 'organization'),
    );
  }
  const kept = resolvePiiOverlaps(found).filter((d) => d.score >= 0 && d.signals[0]?.startsWith('pii.ner.'));
  // The marker covers the untagged tail whatever was found in it, so it takes part in no overlap.
  if (text.length > config.nerMaxChars) {
    kept.push({
      category: 'pii.person',
      start: config.nerMaxChars,
      end: text.length,
      score: config.minScore,
      message: 'text beyond the tagging bound was not checked for names',
      signals: ['pii.ner.truncated'],
      rank: RANK.person + 2,
    });
  }
  return toFindings(kept, config);
}

export const piiNer = {
  name: 'pii-ner',
  description: 'person, place and organisation names tagged by compromise (slower than pii)',
  /** The pii scanner's options; it reads minScore, entities and nerMaxChars. */
  options: PiiConfig,
  stages: ['input', 'output', 'retrieval', 'tool_call', 'tool_result'],
  cost: 'model',
  scan: (text, ctx) => findPiiNer(text, ctx.options),
} satisfies Scanner<PiiConfig>;
