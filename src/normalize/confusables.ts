// Homoglyphs: "іgnоrе" written with Cyrillic і/о/е reads as "ignore" to a model and a human, but not to a keyword
// or n-gram detector. We fold look-alikes to their Latin skeleton (Unicode TR39 confusables, via the unhomoglyph
// data) for matching only, and only where the word is evidently posing as Latin: a genuine Russian or Greek
// sentence stays as it is. ASCII is never folded: TR39 maps "rn" to "m" and "0" to "O", which would corrupt
// ordinary text.
import { createRequire } from 'node:module';
import { OffsetMapBuilder } from '../core/offset-map.js';
import type { ScannerFinding } from '../core/types.js';
import { LATIN, LETTER, MARK, charFlags } from './char-class.js';
import type { PassResult } from './pass.js';

interface Confusable {
  skeleton: string;
  /** Bit of the character's script among SCRIPT_RES (Latin is bit 0). */
  script: number;
}

const ASCII_LETTERS = /^[A-Za-z]+$/u;
const UPPERCASE = /^\p{Lu}$/u;
const SCRIPT_RES: readonly RegExp[] = [
  /^\p{Script=Latin}$/u,
  /^\p{Script=Cyrillic}$/u,
  /^\p{Script=Greek}$/u,
  /^\p{Script=Armenian}$/u,
  /^\p{Script=Cherokee}$/u,
  /^\p{Script=Lisu}$/u,
  /^\p{Script=Coptic}$/u,
];
const LATIN_SCRIPT = 1;
const OTHER_SCRIPT = 1 << SCRIPT_RES.length;

let table: Map<number, Confusable> | undefined;

/** Built on first use: importing Rampart must not read the confusables data. */
function confusables(): Map<number, Confusable> {
  if (table) return table;
  const data = createRequire(import.meta.url)('unhomoglyph/data.json') as Record<string, string>;
  const t = new Map<number, Confusable>();
  for (const [ch, skel] of Object.entries(data)) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80 || ch.length !== (cp > 0xffff ? 2 : 1) || !ASCII_LETTERS.test(skel)) continue;
    if (!(charFlags(cp) & LETTER)) continue;
    // TR39's prototype for I-like glyphs is lowercase "l"; an uppercase look-alike should read as "I".
    const skeleton = skel === 'l' && UPPERCASE.test(ch) ? 'I' : skel;
    const idx = SCRIPT_RES.findIndex((re) => re.test(ch));
    t.set(cp, { skeleton, script: idx < 0 ? OTHER_SCRIPT : 1 << idx });
  }
  table = t;
  return t;
}

const HAS_LATIN = 1;
const HAS_CONFUSABLE = 2;
const HAS_OTHER = 4;
const FOLD = 8;
const SCRIPT_SHIFT = 4;

function popcount(x: number): number {
  let n = 0;
  for (let v = x; v; v &= v - 1) n++;
  return n;
}

function hasConfusable(text: string, t: Map<number, Confusable>): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    if (t.has(cp)) return true;
  }
  return false;
}

export function foldConfusables(text: string): PassResult | undefined {
  const t = confusables();
  if (!hasConfusable(text, t)) return undefined;

  // Words are \p{L}\p{M}* runs; per word we record which kinds of letters it holds.
  const starts: number[] = [];
  const ends: number[] = [];
  const flags: number[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const cp = text.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    if (!(charFlags(cp) & LETTER)) {
      i += w;
      continue;
    }
    const start = i;
    let f = 0;
    while (i < n) {
      const c = text.codePointAt(i)!;
      const cf = charFlags(c);
      if (!(cf & (LETTER | MARK))) break;
      if (cf & LETTER) {
        if (c < 0x80) f |= HAS_LATIN;
        else {
          const conf = t.get(c);
          // Latin letters with diacritics (Turkish İ/ı, Danish ø, …) are Latin text, not a disguise: they
          // never make a word "mixed", or every Turkish and Scandinavian sentence would look like an attack.
          if (conf && conf.script !== LATIN_SCRIPT) f |= HAS_CONFUSABLE | (conf.script << SCRIPT_SHIFT);
          else f |= cf & LATIN ? HAS_LATIN : HAS_OTHER;
        }
      }
      i += c > 0xffff ? 2 : 1;
    }
    starts.push(start);
    ends.push(i);
    flags.push(f);
  }

  const count = flags.length;
  const allConfusable = (f: number): boolean =>
    (f & (HAS_LATIN | HAS_CONFUSABLE | HAS_OTHER)) === HAS_CONFUSABLE;
  let folded = 0;
  let mixed = 0;
  for (let w = 0; w < count; w++) {
    const f = flags[w]!;
    if (f & HAS_LATIN && f & HAS_CONFUSABLE) {
      flags[w] = f | FOLD;
      folded++;
      mixed++;
      continue;
    }
    if (!allConfusable(f)) continue;
    // A maximal run of all-look-alike words folds when it touches a Latin word or is itself mixing scripts.
    // Folded words become Latin, and the run's neighbours are not all-look-alike, so a second pass changes
    // nothing: canonicalize stays idempotent.
    let end = w;
    let evident = false;
    while (end < count && allConfusable(flags[end]!)) {
      const scripts = flags[end]! >> SCRIPT_SHIFT;
      if (popcount(scripts) >= 2 || scripts & LATIN_SCRIPT) evident = true;
      end++;
    }
    if (!evident)
      evident =
        (w > 0 && (flags[w - 1]! & HAS_LATIN) !== 0) || (end < count && (flags[end]! & HAS_LATIN) !== 0);
    if (evident) {
      for (let k = w; k < end; k++) flags[k] = flags[k]! | FOLD;
      folded += end - w;
    }
    w = end - 1;
  }
  if (folded === 0) return undefined;

  const b = new OffsetMapBuilder(n);
  let copied = 0;
  let first = -1;
  let last = -1;
  for (let w = 0; w < count; w++) {
    if (!(flags[w]! & FOLD)) continue;
    const end = ends[w]!;
    if (first < 0) first = starts[w]!;
    last = end;
    for (let j = starts[w]!; j < end;) {
      const cp = text.codePointAt(j)!;
      const width = cp > 0xffff ? 2 : 1;
      const conf = cp < 0x80 ? undefined : t.get(cp);
      if (!conf) {
        j += width;
        continue;
      }
      let k = j + width;
      while (k < end && charFlags(text.codePointAt(k)!) & MARK) k += text.codePointAt(k)! > 0xffff ? 2 : 1;
      b.copy(text, copied, j);
      // Marks stay on the folded letter; recomposing them keeps the result stable under a second NFKC pass.
      b.emit(
        k > j + width ? (conf.skeleton + text.slice(j + width, k)).normalize('NFKC') : conf.skeleton,
        j,
        k,
      );
      copied = k;
      j = k;
    }
  }
  b.copy(text, copied, n);
  // A word mixing scripts inside itself is the disguise; a whole Greek or Cyrillic word in a Latin sentence
  // (an acronym, a quoted name) is folded for matching too, but is weak evidence on its own.
  const signals: ScannerFinding[] = [
    mixed > 0
      ? {
          category: 'evasion.homoglyphs',
          score: 0.6,
          span: [first, last],
          message: `${mixed} word${mixed === 1 ? '' : 's'} mixed Latin with look-alike letters from other scripts`,
        }
      : {
          category: 'evasion.homoglyphs',
          score: 0.3,
          span: [first, last],
          message: `${folded} look-alike word${folded === 1 ? '' : 's'} from another script in Latin text`,
        },
  ];
  return { ...b.build(), signals };
}
