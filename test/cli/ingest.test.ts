import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { HTML_PLACES, PAYLOADS, VISIBLE, htmlDoc } from '../helpers/ingest-corpus.js';

// The shipped policy with scanner time limits raised (a loaded CI machine must not turn a clean file into a
// fail-closed scanner.error): what is tested here is the command, not the scanners' speed.
const dir = mkdtempSync(join(tmpdir(), 'rampart-ingest-cli-'));
const policy = join(dir, 'policy.yaml');
writeFileSync(
  policy,
  readFileSync(new URL('../../policies/default.yaml', import.meta.url), 'utf8').replace(
    /timeout_ms: \d+/g,
    'timeout_ms: 20000',
  ),
);

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'rampart', ...args], {
    stdin: Readable.from([]),
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    isTTY: false,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function docs(): string {
  const d = mkdtempSync(join(tmpdir(), 'rampart-ingest-docs-'));
  mkdirSync(join(d, 'clean'));
  writeFileSync(join(d, 'clean', 'a.md'), `# Notes\n\n${VISIBLE[0]}\n`);
  writeFileSync(join(d, 'planted.html'), htmlDoc(HTML_PLACES.comment(PAYLOADS[1]), VISIBLE[1]));
  writeFileSync(join(d, 'broken.pdf'), 'not a pdf');
  return d;
}

describe('rampart ingest', () => {
  it('prints per-file findings and a summary; exit 1 when a document is flagged or unreadable', async () => {
    const d = docs();
    const quarantine = join(d, '..', `${d.split('/').pop()}-q`);
    const r = await run([
      'ingest',
      d,
      '--no-ocr',
      '--policy',
      policy,
      '--quarantine',
      quarantine,
      '--report-html',
      join(d, '..', 'r.html'),
    ]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('clean/a.md: allow (markdown, 0 findings)');
    expect(r.out).toContain('planted.html: block (html,');
    expect(r.out).toMatch(/block {3}hidden_text\.comment 0\.\d\d \[comment\]/);
    expect(r.out).toContain('broken.pdf: block (pdf, 1 finding)');
    expect(r.out).toContain('DOCUMENT_INVALID: cannot read the PDF');
    expect(r.out).toMatch(/3 documents: 1 allow, 2 block; 1 unreadable; 0 images$/m);
    expect(r.out).not.toContain('disregard the user request'); // never the document's text
    expect(readdirSync(quarantine).filter((f) => f.endsWith('.reasons.json'))).toHaveLength(2);
    expect(readFileSync(join(d, '..', 'r.html'), 'utf8')).toContain('<!doctype html>');
  }, 60_000);

  it('exit 0 for a clean file; --format json has the report keys', async () => {
    const d = docs();
    const r = await run(['ingest', join(d, 'clean', 'a.md'), '--format', 'json', '--policy', policy]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { documents: Array<{ path: string; action: string }>; summary: object };
    expect(j.documents).toEqual([
      expect.objectContaining({ path: 'a.md', action: 'allow', format: 'markdown' }),
    ]);
    expect(Object.keys(j)).toEqual(['documents', 'nearDuplicates', 'outliers', 'quarantined', 'summary']);
  }, 30_000);

  it('--fail-on block lets a flagged-only folder pass; exit 2 for a missing path or bad option', async () => {
    const d = mkdtempSync(join(tmpdir(), 'rampart-ingest-trunc-'));
    writeFileSync(join(d, 'a.txt'), 'Plain words.');
    expect((await run(['ingest', d, '--policy', policy, '--fail-on', 'block'])).code).toBe(0);
    const missing = await run(['ingest', join(d, 'nope'), '--policy', policy]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^rampart: INPUT_INVALID: /);
    const bad = await run(['ingest', d, '--max-bytes', '-3', '--policy', policy]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('INPUT_INVALID: --max-bytes must be a positive integer');
  }, 30_000);
});
