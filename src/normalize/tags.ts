// Unicode TAG characters (U+E0000–U+E007F) render as nothing, yet each of U+E0020–U+E007E mirrors one ASCII
// character: "ASCII smuggling" hides a whole instruction inside an innocent-looking string. Models read the
// tags; humans and naive filters do not. We spell them out so scanners see what the model sees.
import { OffsetMapBuilder } from '../core/offset-map.js';
import type { ScannerFinding } from '../core/types.js';
import type { PassResult } from './pass.js';

const TAG_HIGH = 0xdb40;
const BLACK_FLAG_HIGH = 0xd83c;
const BLACK_FLAG_LOW = 0xdff4;
const CANCEL_TAG_LOW = 0xdc7f;

function isTagLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdc7f;
}

/**
 * Length in code units of a subdivision flag tag sequence starting at `i` (🏴 + a–z/0–9 tags + CANCEL TAG, as in
 * the flag of Scotland), or 0. Those are the one benign use of tags, and we drop them silently.
 */
function flagSequenceLength(text: string, i: number): number {
  if (text.charCodeAt(i - 2) !== BLACK_FLAG_HIGH || text.charCodeAt(i - 1) !== BLACK_FLAG_LOW) return 0;
  for (let j = i, count = 0; j + 1 < text.length && count <= 7; j += 2, count++) {
    if (text.charCodeAt(j) !== TAG_HIGH) return 0;
    const lo = text.charCodeAt(j + 1);
    if (lo === CANCEL_TAG_LOW) return count >= 2 ? j + 2 - i : 0;
    const v = lo - 0xdc00;
    if (!((v >= 0x61 && v <= 0x7a) || (v >= 0x30 && v <= 0x39))) return 0;
  }
  return 0;
}

export function decodeTagCharacters(text: string): PassResult | undefined {
  let i = text.indexOf('\uDB40');
  if (i < 0) return undefined;
  let b: OffsetMapBuilder | undefined;
  let copied = 0;
  let first = -1;
  let last = -1;
  let decoded = 0;
  while (i >= 0 && i + 1 < text.length) {
    const lo = text.charCodeAt(i + 1);
    if (!isTagLow(lo)) {
      i = text.indexOf('\uDB40', i + 1);
      continue;
    }
    b ??= new OffsetMapBuilder(text.length);
    b.copy(text, copied, i);
    const flag = flagSequenceLength(text, i);
    if (flag > 0) {
      copied = i + flag;
      i = text.indexOf('\uDB40', copied);
      continue;
    }
    const v = lo - 0xdc00;
    if (v >= 0x20 && v <= 0x7e) {
      b.emit(String.fromCharCode(v), i, i + 2);
      decoded++;
    }
    if (first < 0) first = i;
    last = i + 2;
    copied = i + 2;
    i = text.indexOf('\uDB40', copied);
  }
  if (!b) return undefined;
  b.copy(text, copied, text.length);
  const signals: ScannerFinding[] = [];
  if (first >= 0) {
    signals.push({
      category: 'evasion.tag_characters',
      score: 0.9,
      span: [first, last],
      message: `Invisible Unicode tag characters spell ${decoded} hidden ASCII characters`,
    });
  }
  return { ...b.build(), signals };
}
