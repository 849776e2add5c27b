// curl's -u / --user "user:password": the password (everything after the first ':') is found in every
// spelling curl accepts, on continued lines too, and only on the command line of a curl word.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanSecrets } from '../../../src/scanners/secrets.js';
import { curlUser } from '../../../src/scanners/secrets/curl-user.js';
import { isPlaceholder } from '../../../src/scanners/secrets/placeholder.js';
import type { SecretsOptions } from '../../../src/scanners/secrets/rule.js';

const OPTS: SecretsOptions = { entropyMin: 3.5, allowPublishable: true, generic: true };
const PW = 'Tq7vXk2pLm9wRz4s';

const found = (text: string): string[] => curlUser.find(text, OPTS).map((h) => text.slice(h.start, h.end));

describe('curl-user', () => {
  it.each([
    ['-u user:pass', `curl -u admin:${PW} https://api.example.test/v1`],
    ["--user 'u:p'", `curl --user 'admin:${PW}' https://api.example.test`],
    ['--user "u:p"', `curl --user "admin:${PW}" https://api.example.test`],
    ['-uuser:pass', `curl -uadmin:${PW} https://api.example.test`],
    ['--user=u:p', `curl --user=admin:${PW} https://api.example.test`],
    ['-u after other flags', `curl -sS -X POST -H 'Accept: application/json' -u admin:${PW} https://x.test`],
    ['curl.exe', `curl.exe -u admin:${PW} https://x.test`],
    ['a password holding ":"', `curl -u admin:${PW}:tail https://x.test`],
  ])('finds the password in %s', (_, text) => {
    const expected = text.includes(':tail') ? `${PW}:tail` : PW;
    expect(found(text)).toEqual([expected]);
    const [hit] = curlUser.find(text, OPTS);
    expect(hit).toEqual({
      start: text.indexOf(expected),
      end: text.indexOf(expected) + expected.length,
      score: 0.85,
      signals: ['curl-user'],
    });
  });

  it.each([
    ['\\ (sh)', '\\\n'],
    ['\\ with CRLF', '\\\r\n'],
    ['` (PowerShell)', '`\n'],
    ['^ (cmd)', '^\n'],
  ])('reads continuation lines ending in %s', (_, cont) => {
    const text = `curl -X POST ${cont}  -H 'Accept: */*' ${cont}  -u admin:${PW} ${cont}  https://x.test`;
    expect(found(text)).toEqual([PW]);
  });

  it('stops at a newline that is not continued', () => {
    expect(found(`curl https://x.test\n-u admin:${PW}`)).toEqual([]);
    expect(found(`curl https://x.test\r\nfoo -u admin:${PW}`)).toEqual([]);
  });

  it.each([
    ['a user without a password (curl prompts)', 'curl -u admin https://x.test'],
    ['an empty password after ":"', 'curl -u admin: https://x.test'],
    ['-u in another command', `sort -u admin:${PW} file.txt`],
    ['--user in another command', `useradd --user admin:${PW}`],
    ['curl inside a longer word', `libcurl -u admin:${PW}`],
    ['curl as a path segment suffix', `my-curl -u admin:${PW}`],
    ['a placeholder password', 'curl -u admin:<password> https://x.test'],
    ['a password equal to the user', 'curl -u admin:admin https://x.test'],
    ['-u glued to a word', `curl x-u admin:${PW}`],
  ])('reports nothing for %s', (_, text) => {
    expect(found(text)).toEqual([]);
  });

  it('scores a short or low-entropy password lower, with a note', () => {
    expect(curlUser.find('curl -u admin:hunter2 https://x.test', OPTS)).toEqual([
      { start: 14, end: 21, score: 0.6, note: 'low-entropy password', signals: ['curl-user'] },
    ]);
  });

  it('reads at most four flags per command and one finding per curl command', () => {
    const text = `curl ${Array.from({ length: 6 }, (_, i) => `-u u${i}:${PW}${i}`).join(' ')}`;
    expect(found(text)).toEqual([0, 1, 2, 3].map((i) => `${PW}${i}`));
    const two = `curl -u a:${PW}1 https://x.test\ncurl -u b:${PW}2 https://y.test`;
    expect(found(two)).toEqual([`${PW}1`, `${PW}2`]);
  });

  it('is reported by scanSecrets as secret.cli_password on the password span', () => {
    const text = `run: curl --user "deploy:${PW}" https://ci.example.test/hook`;
    const hits = scanSecrets(text).filter((f) => f.category === 'secret.cli_password');
    expect(hits.map((f) => text.slice(f.span![0], f.span![1]))).toEqual([PW]);
  });

  it('never crashes and keeps every span inside the text, on the password (property)', () => {
    const piece = fc.constantFrom(
      'curl',
      'curl.exe',
      ' ',
      '\n',
      '\\\n',
      '`\r\n',
      '^\n',
      '-u',
      '--user',
      '=',
      ':',
      "'",
      '"',
      'admin',
      PW,
      'x',
      '😀',
      '\t',
      '-uadmin:',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(piece, { maxLength: 60 }).map((a) => a.join('')),
          fc.string({ maxLength: 500 }),
        ),
        (text) => {
          for (const h of curlUser.find(text, OPTS)) {
            expect(0 <= h.start && h.start < h.end && h.end <= text.length).toBe(true);
            const value = text.slice(h.start, h.end);
            expect(/[\s'"]/u.test(value)).toBe(false);
            expect(text.slice(0, h.start)).toMatch(/:$/u); // the password follows the user's ':'
            expect(text.slice(0, h.start)).toMatch(/curl/u);
          }
        },
      ),
    );
  });

  it('finds a generated password in every spelling (property)', () => {
    const password = fc
      .string({
        unit: fc.constantFrom(...'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!#%+'.split('')),
        minLength: 1,
        maxLength: 40,
      })
      .filter((p) => p !== 'admin');
    const spelling = fc.constantFrom(
      (p: string) => `curl -u admin:${p} https://x.test`,
      (p: string) => `curl --user 'admin:${p}' https://x.test`,
      (p: string) => `curl -uadmin:${p}`,
      (p: string) => `curl --user=admin:${p} -sS https://x.test`,
      (p: string) => `curl -X GET \\\n  --user "admin:${p}" \\\n  https://x.test`,
    );
    fc.assert(
      fc.property(password, spelling, (p, spell) => {
        const text = spell(p);
        const hits = curlUser.find(text, OPTS);
        // A placeholder-looking value (xxxx, changeme…) is skipped on purpose; anything else is found, exactly.
        expect(hits.map((h) => text.slice(h.start, h.end))).toEqual(isPlaceholder(p) ? [] : [p]);
      }),
    );
  });
});
