// Percent-encoding, HTML character references and \u / \x escapes hide single letters inside otherwise readable
// text ("ign&#111;re previous"), which breaks keyword and model detectors but not the model. We decode the whole
// line holding them, so the derived text reads as the sentence the model will see.
import { Buffer, isUtf8 } from 'node:buffer';
import { decodeHTML } from 'entities';
import type { Decoded } from './decoded.js';

const PERCENT_RUN_RE = /(?:%[0-9A-Fa-f]{2})+/gu;
const ENTITY_RE = /&(?:#[0-9]{1,7};?|#[xX][0-9A-Fa-f]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};)/gu;
const ESCAPE_RE = /(?:\\x[0-9A-Fa-f]{2})+|\\u\{[0-9A-Fa-f]{1,6}\}|\\u[0-9A-Fa-f]{4}/gu;
/**
 * Encoding an ASCII letter or digit has no legitimate purpose (URLs and HTML escape punctuation and non-ASCII
 * text), so a line only counts as evasion when some sequence in it stands for one.
 */
const ASCII_ALNUM_RE = /[A-Za-z0-9]/u;

function hexBytes(run: string, step: number, skip: number): Uint8Array {
  const bytes = new Uint8Array(Math.floor(run.length / step));
  for (let i = 0, k = 0; i + step <= run.length; i += step, k++) {
    bytes[k] = parseInt(run.slice(i + skip, i + step), 16);
  }
  return bytes;
}

/** UTF-8 bytes as text, falling back to Latin-1 (each byte one character) when they are not UTF-8. */
function bytesAsText(bytes: Uint8Array): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  return isUtf8(bytes) ? buf.toString('utf8') : buf.toString('latin1');
}

function decodePercentRun(run: string): string {
  return bytesAsText(hexBytes(run, 3, 1));
}

function decodeEscape(seq: string): string {
  if (seq.charCodeAt(1) === 0x78) return bytesAsText(hexBytes(seq, 4, 2));
  const hex = seq.charCodeAt(2) === 0x7b ? seq.slice(3, -1) : seq.slice(2);
  const cp = parseInt(hex, 16);
  return cp <= 0x10ffff ? String.fromCodePoint(cp) : seq;
}

interface LineDecoder {
  via: string;
  /** Cheap test: the text cannot hold the encoding without this character. */
  marker: string;
  re: RegExp;
  decodeOne(seq: string): string;
  decodeLine(line: string): string;
}

const DECODERS: readonly LineDecoder[] = [
  {
    via: 'percent',
    marker: '%',
    re: PERCENT_RUN_RE,
    decodeOne: decodePercentRun,
    decodeLine: (line) => line.replace(PERCENT_RUN_RE, decodePercentRun),
  },
  {
    via: 'html_entity',
    marker: '&',
    re: ENTITY_RE,
    decodeOne: (seq) => decodeHTML(seq),
    decodeLine: (line) => decodeHTML(line),
  },
  {
    via: 'escape',
    marker: '\\',
    re: ESCAPE_RE,
    decodeOne: decodeEscape,
    decodeLine: (line) => line.replace(ESCAPE_RE, decodeEscape),
  },
];

function lineBounds(text: string, at: number): [number, number] {
  const start = text.lastIndexOf('\n', at) + 1;
  const nl = text.indexOf('\n', at);
  return [start, nl < 0 ? text.length : nl];
}

/** One decoded line per line holding a sequence that stands for an ASCII letter or digit. */
export function decodeEscapes(text: string): Decoded[] {
  const out: Decoded[] = [];
  for (const d of DECODERS) {
    if (text.indexOf(d.marker) < 0) continue;
    let doneUpTo = -1;
    for (const m of text.matchAll(d.re)) {
      if (m.index < doneUpTo || !ASCII_ALNUM_RE.test(d.decodeOne(m[0]))) continue;
      let [start, end] = lineBounds(text, m.index);
      doneUpTo = end;
      while (start < end && text.charCodeAt(start) <= 0x20) start++;
      while (end > start && text.charCodeAt(end - 1) <= 0x20) end--;
      const decoded = d.decodeLine(text.slice(start, end));
      out.push({ text: decoded, span: [start, end], via: d.via });
    }
  }
  return out;
}
