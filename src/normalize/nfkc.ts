// NFKC folds compatibility look-alikes that models read as plain letters but filters do not: fullwidth
// "ｉｇｎｏｒｅ", mathematical "𝐢𝐠𝐧𝐨𝐫𝐞", ligatures, circled and superscript letters. We normalize one chunk at a
// time (a code point and the marks attached to it) so every output chunk maps to the original range it came from.
import { OffsetMapBuilder } from '../core/offset-map.js';
import { MARK, NFKC_STABLE, charFlags } from './char-class.js';
import type { PassResult } from './pass.js';

/**
 * Code points that NFKC turns into something starting with a combining mark (U+0E33 THAI SARA AM, U+0EB3 LAO AM,
 * U+FF9E/U+FF9F halfwidth voiced marks; test/normalize/nfkc.test.ts rederives the list from the Unicode data).
 * They must join the preceding chunk, or normalizing the output again would recombine it differently.
 */
export const ATTACHES_AFTER_NFKC: readonly number[] = [0x0e33, 0x0eb3, 0xff9e, 0xff9f];

function attaches(cp: number): boolean {
  if (cp < 0x300) return false;
  return (charFlags(cp) & MARK) !== 0 || cp === 0x0e33 || cp === 0x0eb3 || cp === 0xff9e || cp === 0xff9f;
}

export function applyNfkc(text: string): PassResult | undefined {
  if (text.normalize('NFKC') === text) return undefined;
  const n = text.length;
  let b: OffsetMapBuilder | undefined;
  let copied = 0;
  let i = 0;
  while (i < n) {
    const start = i;
    const cp = text.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    while (i < n) {
      const m = text.codePointAt(i)!;
      if (!attaches(m)) break;
      i += m > 0xffff ? 2 : 1;
    }
    const single = i - start === (cp > 0xffff ? 2 : 1);
    if (single && charFlags(cp) & NFKC_STABLE) continue;
    const chunk = text.slice(start, i);
    const out = chunk.normalize('NFKC');
    if (out === chunk) continue;
    b ??= new OffsetMapBuilder(n);
    b.copy(text, copied, start);
    b.emit(out, start, i);
    copied = i;
  }
  if (!b) return undefined;
  b.copy(text, copied, n);
  return { ...b.build(), signals: [] };
}
