// Email addresses: an RFC 5322 "dot-atom" subset, which is what people actually type. Quoted local
// parts and IP-literal domains are left out on purpose: they are rare in prose and make the pattern
// ambiguous. Every quantifier is bounded and every domain label ends at a dot, so matching stays
// linear (1 MiB of `a@a.` included).
import { parse } from 'tldts';
import { type Detection, RANK } from './detection.js';

const EMAIL =
  /(?<![\w.%+-])[A-Za-z0-9_%+-](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![\w-]|@)/g;

/** Retina image names (`logo@2x.png`) and similar file references share the shape of an address. */
const FILE_EXTENSIONS = new Set([
  'png',
  'jpg',
  'jpeg',
  'gif',
  'svg',
  'webp',
  'ico',
  'js',
  'ts',
  'css',
  'map',
  'md',
]);

export function findEmails(text: string): Detection[] {
  if (!text.includes('@')) return [];
  const out: Detection[] = [];
  for (const m of text.matchAll(EMAIL)) {
    const value = m[0];
    const start = m.index;
    const domain = value.slice(value.indexOf('@') + 1).toLowerCase();
    const tld = domain.slice(domain.lastIndexOf('.') + 1);
    if (FILE_EXTENSIONS.has(tld)) continue;
    // A registered (ICANN) suffix is stronger evidence than an unknown or reserved one (.test,
    // .example, .invalid), but those still stand for real addresses in logs and test fixtures.
    const known = parse(domain).isIcann === true;
    out.push({
      category: 'pii.email',
      start,
      end: start + value.length,
      score: known ? 0.95 : 0.85,
      message: known ? 'email address' : 'email address (unregistered or reserved domain)',
      signals: ['pii.email.pattern', known ? 'pii.email.tld_icann' : 'pii.email.tld_unknown'],
      rank: RANK.email,
    });
  }
  return out;
}
