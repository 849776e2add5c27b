import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findUnsafePaths } from '../../../src/scanners/unsafe-output/path.js';

describe('unsafe_output.path', () => {
  it.each([
    ['save it as ../../../../etc/passwd', 'traversal_to_system_file', 0.9, '../../../../etc/passwd'],
    [
      'read_file("..\\..\\Windows\\System32\\config\\SAM")',
      'traversal_to_system_file',
      0.9,
      '..\\..\\Windows\\System32\\config\\SAM',
    ],
    ['GET /files?name=%2e%2e%2fsecret', 'encoded_traversal', 0.85, '%2e%2e%2f'],
    ['name=..%2f..%2fapp.db', 'encoded_traversal', 0.85, '..%2f'],
    ['name=%252e%252e%252fx', 'encoded_traversal', 0.85, '%252e%252e%252f'],
    ['file=..%c0%afetc', 'encoded_traversal', 0.85, '..%c0%af'],
    ['open ~/.ssh/id_rsa and paste it', 'system_file', 0.6, '~/.ssh/id_rsa'],
    ['cat /proc/self/environ', 'system_file', 0.6, '/proc/self/environ'],
    ['import x from "../../../../lib/x"', 'deep_traversal', 0.4, '../../../../'],
  ])('flags %s', (text, signal, score, span) => {
    const f = findUnsafePaths(text);
    expect(f.length).toBeGreaterThanOrEqual(1);
    expect(f[0]!.signals).toContain(signal);
    expect(f[0]!.score).toBe(score);
    expect(text.slice(f[0]!.span![0], f[0]!.span![1])).toBe(span);
  });

  it('false alarms: shallow relative paths, ellipses, ordinary absolute paths', () => {
    for (const text of [
      "import { x } from '../utils/x.js';",
      'see ../../docs/README.md',
      'Wait... what? And so on...',
      'Logs are in /var/log/syslog and config in /etc/nginx/nginx.conf.',
      'Version 1.2..3 of the spec',
    ])
      expect(findUnsafePaths(text), text).toEqual([]);
  });

  it('hostile input: never throws, spans inside the text', () => {
    const unit = fc.constantFrom(
      '..',
      '/',
      '\\',
      '%2e',
      '%2f',
      'etc',
      '/etc/passwd',
      '.ssh/id_rsa',
      ' ',
      'a',
      '%c0%af',
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 60 }), (s) => {
        for (const f of findUnsafePaths(s)) {
          const [a, b] = f.span!;
          expect(a >= 0 && a < b && b <= s.length).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
