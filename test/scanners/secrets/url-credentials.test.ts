// Passwords in connection strings and URLs, found whole even when they hold unencoded '#', '@', '/', '?'
// (issue 16 item 4), and never left partly in clear by the guard when an e-mail detector reads part of
// them as an address.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Decision } from '../../../src/core/types.js';
import { createGuard } from '../../../src/policy/create-guard.js';
import { scanSecrets } from '../../../src/scanners/secrets.js';
import { isPlaceholder } from '../../../src/scanners/secrets/placeholder.js';

const passwordOf = (text: string): string[] =>
  scanSecrets(text)
    .filter((f) => f.category === 'secret.db_connection_string' || f.category === 'secret.url_credentials')
    .map((f) => text.slice(f.span![0], f.span![1]));

describe('url-credentials: passwords with URL delimiters in them', () => {
  it('finds a password holding an unencoded "#" whole (the reported leak)', () => {
    const text = 'DATABASE_URL=postgres://admin:Xk9#pQ2vLm7zR4t@db.internal.example:5432/prod';
    expect(passwordOf(text)).toEqual(['Xk9#pQ2vLm7zR4t']);
  });

  it.each([
    ['@', 'mysql://app:Qm7@vL2x9#Tz@10.0.3.12:3306/orders', 'Qm7@vL2x9#Tz'],
    ['/', 'mongodb+srv://svc_api:Lp4/Xw9?rT2z@cluster0.example.test/orders?retryWrites=true', 'Lp4/Xw9?rT2z'],
    ['?', 'amqp://bus:Hq3?Vn8!Kc5w@rabbit:5672/vhost', 'Hq3?Vn8!Kc5w'],
    ['":" and no user', 'redis://:Zt6:Wq1#Pm4x@localhost:6379', 'Zt6:Wq1#Pm4x'],
    ['an IPv6 host', 'postgres://admin:Rb8#Yk2@Nd7@[::1]:5432/app', 'Rb8#Yk2@Nd7'],
    ['a MongoDB host list', 'mongodb://app:Fv5#Gq8@Lw3@h1.example:27017,h2.example:27017/db', 'Fv5#Gq8@Lw3'],
    ['a web URL', 'git clone https://deploy:Jn4#Ux7/Cs2@git.example.test/org/repo.git', 'Jn4#Ux7/Cs2'],
  ])('finds a password holding %s', (_, text, password) => {
    expect(passwordOf(text)).toEqual([password]);
  });

  it('reads a quoted URL to its closing quote: spaces and escaped quotes stay in the password', () => {
    expect(passwordOf('url = "postgres://admin:Wd3 Kx8#Mz1@db.example:5432/app"')).toEqual(['Wd3 Kx8#Mz1']);
    expect(passwordOf('{"url": "postgres://admin:Wd3\\"Kx8#Mz1@db.example/app"}')).toEqual(['Wd3\\"Kx8#Mz1']);
  });

  it('keeps the user name and host readable', () => {
    const text = 'postgres://admin:Xk9#pQ2vLm7zR4t@db.internal.example:5432/prod';
    const [f] = scanSecrets(text);
    expect(text.slice(0, f!.span![0])).toBe('postgres://admin:');
    expect(text.slice(f!.span![1])).toBe('@db.internal.example:5432/prod');
  });

  it('still reports nothing for a port, a path with "@", or an e-mail in a query', () => {
    for (const text of [
      'http://example.com:8080/profile/@alice',
      'http://localhost:3000/@scope/pkg',
      'https://registry.example.test:443?next=bob@example.com',
      'https://example.test/login?user=a:b@example.com',
      'ssh://git@github.example:22/org/repo.git',
      'postgres://localhost:5432/app',
      'see http://docs.example/a:b for details, mail ops@example.com',
    ])
      expect(passwordOf(text), text).toEqual([]);
  });

  it('keeps skipping placeholders and templates', () => {
    for (const text of [
      'postgres://app:${DB_PASSWORD}@db:5432/app',
      'postgres://postgres:postgres@localhost:5432/app',
      'postgres://app:<password>@db/app',
      'mysql://root:********@db/app',
    ])
      expect(passwordOf(text), text).toEqual([]);
  });
});

// ---- the whole default guard, on random passwords ----

const PRINTABLE = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));
const SCHEMES = ['postgres', 'postgresql', 'mysql', 'mongodb', 'mongodb+srv', 'redis', 'rediss', 'amqp'];
const USERS = ['admin', 'app', 'svc_api', 'deploy-bot', ''];
const HOSTS = [
  'db.internal.example:5432/prod',
  'localhost:6379',
  '10.0.3.12:3306/orders',
  'cluster0.example.test/orders?retryWrites=true&w=majority',
  'rabbit:5672/vhost',
  '[::1]:5432/app',
  'h1.example:27017,h2.example:27017/db?replicaSet=rs0',
];

interface Carrier {
  name: string;
  /** Characters the carrier cannot hold unescaped in the password. */
  excluded: string;
  /** The text and where the password (as written in it) sits. */
  render(url: { before: string; password: string; after: string }): { text: string; at: [number, number] };
}

const wrap =
  (open: string, close: string) =>
  ({ before, password, after }: { before: string; password: string; after: string }) => ({
    text: `${open}${before}${password}${after}${close}`,
    at: [open.length + before.length, open.length + before.length + password.length] as [number, number],
  });

const CARRIERS: Carrier[] = [
  { name: '.env unquoted', excluded: ' ', render: wrap('DATABASE_URL=', '\nLOG_LEVEL=debug') },
  { name: '.env double-quoted', excluded: '"', render: wrap('export DATABASE_URL="', '"\n') },
  { name: '.env single-quoted', excluded: "'", render: wrap("REDIS_URL='", "'") },
  { name: 'code', excluded: '"', render: wrap('engine = create_engine("', '", pool_size=5)') },
  {
    name: 'prose',
    excluded: ' ',
    render: wrap('It fails to connect with ', ' since this morning, any idea?'),
  },
  { name: 'yaml', excluded: ' ', render: wrap('database:\n  url: ', '\n  pool: 5') },
  {
    name: 'json',
    excluded: '',
    render: ({ before, password, after }) => {
      const esc = (s: string) => JSON.stringify(s).slice(1, -1);
      const open = '{"url": "';
      const text = `${open}${esc(before)}${esc(password)}${esc(after)}"}`;
      const start = open.length + esc(before).length;
      return { text, at: [start, start + esc(password).length] };
    },
  },
];

const decodeSafe = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** Every character of [a, b) lies inside a span the decision redacts (or the decision blocks outright). */
function fullyRedacted(d: Decision, [a, b]: [number, number]): boolean {
  if (d.action === 'block') return true;
  const spans = d.findings.filter((f) => f.action === 'redact' && f.span).map((f) => f.span!);
  for (let i = a; i < b; i++) if (!spans.some(([s, e]) => s <= i && i < e)) return false;
  return true;
}

describe('url-credentials through the default guard', () => {
  const guard = createGuard();

  it('leaves no character of a random printable-ASCII password in clear, input and output', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...CARRIERS),
        fc.constantFrom(...SCHEMES),
        fc.constantFrom(...USERS),
        fc.constantFrom(...HOSTS),
        fc.string({ unit: fc.constantFrom(...PRINTABLE), minLength: 1, maxLength: 40 }),
        async (carrier, scheme, user, host, raw) => {
          const password = [...raw].filter((c) => !carrier.excluded.includes(c)).join('');
          // The documented skips: no password, the user name repeated, or an obvious placeholder.
          fc.pre(password.length > 0 && password !== user);
          fc.pre(!isPlaceholder(password) && !isPlaceholder(decodeSafe(password)));
          const { text, at } = carrier.render({
            before: `${scheme}://${user}:`,
            password,
            after: `@${host}`,
          });
          for (const stage of ['input', 'output'] as const) {
            const d = await guard.check(stage, text);
            expect(fullyRedacted(d, at), `${carrier.name} ${stage}: ${JSON.stringify(text)}`).toBe(true);
            if (d.action === 'redact' && password.length >= 4) expect(d.text).not.toContain(password);
          }
        },
      ),
      { numRuns: 300 },
    );
  }, 120_000);

  it('labels the merged redaction as the secret, not as the e-mail it overlaps', async () => {
    const text = 'DATABASE_URL=postgres://admin:Xk9#pQ2vLm7zR4t@db.internal.example:5432/prod';
    for (const stage of ['input', 'output'] as const) {
      const d = await guard.check(stage, text);
      expect(d.text).toBe('DATABASE_URL=postgres://admin:[DB_CONNECTION_STRING_1]:5432/prod');
    }
  });
});
