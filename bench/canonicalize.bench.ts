// Canonicalization runs on every segment of every request, before any scanner: its cost is paid by all traffic,
// and its worst case is chosen by the attacker. These cases cover the common prompt and the adversarial inputs.
import { Buffer } from 'node:buffer';
import { canonicalize } from '../src/normalize/canonicalize.js';
import { measure, type BenchRow } from './measure.js';

const PROSE =
  'Please summarize the following quarterly report for the board. Focus on revenue growth, churn, and the ' +
  'hiring plan for the next two quarters. Keep the tone neutral, use short paragraphs, and list any risks that ' +
  'the finance team flagged in their appendix. If a figure is missing, say so instead of guessing. ';
const MIB = 1 << 20;

function english2k(): string {
  return PROSE.repeat(Math.ceil(2048 / PROSE.length)).slice(0, 2048);
}

/** Deterministic pseudo-random code points over all planes, surrogates excluded. */
function randomUnicode(units: number): string {
  let seed = 0x2545f491;
  const parts: string[] = [];
  let len = 0;
  while (len < units) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    let cp = seed % 0x110000;
    if (cp >= 0xd800 && cp <= 0xdfff) cp -= 0x800;
    const s = String.fromCodePoint(cp);
    parts.push(s);
    len += s.length;
  }
  return parts.join('');
}

function nestedBase64(bytes: number): string {
  const inner = PROSE.repeat(Math.ceil((bytes * 27) / 64 / PROSE.length));
  const b64 = (s: string): string => Buffer.from(s).toString('base64');
  return b64(b64(b64(inner))).slice(0, bytes - (bytes % 4));
}

export async function benchCanonicalize(): Promise<BenchRow[]> {
  const big = { minRuns: 10, warmup: 3, budgetMs: 2000 };
  const cases: Array<[string, string, Parameters<typeof measure>[2]]> = [
    ['canonicalize english prompt 2 KB', english2k(), {}],
    ['canonicalize 1 MiB zero-width characters', '\u200B'.repeat(MIB), big],
    ['canonicalize 1 MiB nested base64 (x3)', nestedBase64(MIB), big],
    ['canonicalize 1 MiB random Unicode', randomUnicode(MIB), big],
  ];
  const rows: BenchRow[] = [];
  for (const [name, input, opts] of cases) rows.push(await measure(name, () => canonicalize(input), opts));
  return rows;
}
