// PII scanner latency: 2 KB benign prose, 2 KB with PII of every kind (default options, and with the token
// tagger's names on), 1 MiB hostile shapes (bounded work), and the compromise-based pii-ner scanner on 2 KB
// for comparison (cost 'model').
import { benignText } from './corpus.js';
import { type BenchRow, measure } from './measure.js';
import { scanPii } from '../src/scanners/pii.js';
import { scanPiiNer } from '../src/scanners/pii/ner.js';

const PII_LINES = [
  'Hi Maria Garcia, your order will ship today. Questions? Reply to maria.garcia@example.com or call +1 212-555-0123.',
  'Customer: Diego K. Okafor, card on file 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00.',
  'Applicant James Patel, SSN 213-06-2947, DOB 04/12/1987. Failed login from 203.0.113.7 and 2001:db8::7.',
  'Rufen Sie mich bitte unter +49 30 12345678 an. Viele Grüße, Lukas Müller',
];

export function piiText(bytes: number): string {
  const benign = benignText(bytes);
  const pii = PII_LINES.join(' ');
  const half = Math.floor((bytes - pii.length) / 2);
  return `${benign.slice(0, half)} ${pii} ${benign.slice(half)}`.slice(0, bytes);
}

/** The tagger's names as well as its street addresses (the default is addresses only). */
const NAMES_ON = { tagger: true };

const MIB = 1024 * 1024;
const fill = (unit: string): string => unit.repeat(Math.ceil(MIB / unit.length)).slice(0, MIB);

export function hostileInputs(): Array<{ name: string; text: string }> {
  return [
    { name: 'digits x1MiB', text: fill('1234567890') },
    { name: 'spaced digits x1MiB', text: fill('12 34 56 78 ') },
    { name: 'a@a. x1MiB', text: fill('a@a.') },
    { name: '1.1.1.1. x1MiB', text: fill('1.1.1.1.') },
    { name: 'Capitalised Words x1MiB', text: fill('Dear Maria Garcia Lopez Smith ') },
    { name: 'colons x1MiB', text: fill('1:2:') },
  ];
}

export async function benchPii(): Promise<BenchRow[]> {
  const benign = benignText(2048);
  const withPii = piiText(2048);
  const rows: BenchRow[] = [
    await measure('pii 2KB benign', () => scanPii(benign)),
    await measure('pii 2KB with PII', () => scanPii(withPii)),
    await measure('pii 2KB benign, tagger names too', () => scanPii(benign, NAMES_ON)),
    await measure('pii 2KB with PII, tagger names too', () => scanPii(withPii, NAMES_ON)),
    await measure('pii-ner 2KB with PII', () => scanPiiNer(withPii), { maxRuns: 200, budgetMs: 1000 }),
  ];
  for (const h of hostileInputs()) {
    rows.push(
      await measure(`pii ${h.name}`, () => scanPii(h.text), {
        minRuns: 3,
        maxRuns: 5,
        warmup: 1,
        budgetMs: 1,
      }),
    );
  }
  return rows;
}
