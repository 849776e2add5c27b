// Secret scanner latency: 2 KB of prose, 2 KB holding credentials of many formats (every rule family
// wakes up), and 1 MiB adversarial shapes (runs of token characters, repeated prefixes and keywords,
// base64), which must stay linear. Tokens are generated here at run time, never stored in the repo.
import { benignText } from './corpus.js';
import { type BenchRow, measure } from './measure.js';
import { base62, crc32 } from '../src/scanners/secrets/checksum.js';
import { scanSecrets } from '../src/scanners/secrets.js';

let seed = 0x5ec2e75;
function rand(): number {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return (seed >>> 8) / 16777216;
}
const AN = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const rs = (alphabet: string, n: number): string =>
  Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');

function githubToken(): string {
  const body = rs(AN, 30);
  return `ghp_${body}${base62(crc32(body), 6)}`;
}

const b64url = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');

export function secretsText(bytes: number): string {
  const lines = [
    `export AWS_ACCESS_KEY_ID=AKIA${rs('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
    `export AWS_SECRET_ACCESS_KEY=${rs(`${AN}+/`, 40)}`,
    `git remote set-url origin https://x-access-token:${githubToken()}@example.test/org/repo.git`,
    `SLACK_BOT_TOKEN=xoxb-${rs('0123456789', 12)}-${rs('0123456789', 13)}-${rs(AN, 24)}`,
    `stripe.api_key = "sk_live_${rs(AN, 24)}"`,
    `Authorization: Bearer ${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: '42', iat: 1700000000 })}.${rs(AN, 43)}`,
    `DATABASE_URL=postgres://app:${rs(AN, 20)}@db.internal:5432/prod`,
    `DB_PASSWORD=${rs(`${AN}!#%`, 18)}`,
    `-----BEGIN PRIVATE KEY-----\n${rs(AN, 64)}\n${rs(AN, 64)}\n-----END PRIVATE KEY-----`,
  ];
  const secret = lines.join('\n');
  const prose = benignText(Math.max(0, bytes - secret.length - 2));
  const half = Math.floor(prose.length / 2);
  return `${prose.slice(0, half)}\n${secret}\n${prose.slice(half)}`;
}

const MIB = 1024 * 1024;
const fill = (unit: string): string => unit.repeat(Math.ceil(MIB / unit.length)).slice(0, MIB);

export function hostileSecretInputs(): Array<{ name: string; text: string }> {
  const base64 = Buffer.from(Array.from({ length: (MIB * 3) / 4 }, () => Math.floor(rand() * 256))).toString(
    'base64',
  );
  return [
    { name: 'A x1MiB', text: fill('A') },
    { name: 'ghp_ x1MiB', text: fill('ghp_') },
    { name: 'password= x1MiB', text: fill('password=') },
    { name: 'base64 x1MiB', text: base64.slice(0, MIB) },
    { name: 'sk-ant- x1MiB', text: fill('sk-ant-') },
    { name: 'eyJ. x1MiB', text: fill('eyJhbGciOi.') },
    { name: '://a:b@ x1MiB', text: fill('x://a:b@') },
    // URL passwords run to the last '@' a host follows: texts with no such '@', or a quote opening every URL.
    { name: 'ab://a:b x1MiB', text: fill('ab://a:b') },
    { name: '"ab://a:\\"@[ x1MiB', text: fill('"ab://a:\\"@[') },
    { name: 'curl -u a: x1MiB', text: fill('curl -u a:') },
    { name: 'Authorization: Token x x1MiB', text: fill('Authorization: Token x') },
    { name: 'EAA + alphanumerics x1MiB', text: `EAA${fill('aB3')}` },
    { name: 'BEGIN PRIVATE KEY x1MiB', text: fill('-----BEGIN PRIVATE KEY-----\n') },
    { name: 'token: x1MiB', text: fill('token: ') },
    { name: 'sPass x1MiB', text: fill('sPas') },
  ];
}

export async function benchSecrets(): Promise<BenchRow[]> {
  const benign = benignText(2048);
  const withSecrets = secretsText(2048);
  const rows: BenchRow[] = [
    await measure('secrets 2KB benign', () => scanSecrets(benign)),
    await measure('secrets 2KB with secrets', () => scanSecrets(withSecrets)),
  ];
  for (const h of hostileSecretInputs()) {
    rows.push(
      await measure(`secrets ${h.name}`, () => scanSecrets(h.text), {
        minRuns: 3,
        maxRuns: 5,
        warmup: 1,
        budgetMs: 1,
      }),
    );
  }
  return rows;
}
