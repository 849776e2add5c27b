import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRampartError } from '../../../src/core/errors.js';
import { scanFolder, worstAction } from '../../../src/rag/ingest/folder.js';
import {
  CLEAN_HIDDEN,
  HTML_PLACES,
  PAYLOADS,
  VISIBLE,
  htmlDoc,
  ingestTestGuard,
} from '../../helpers/ingest-corpus.js';

const guard = ingestTestGuard();

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-ingest-'));
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'planted.html'), htmlDoc(HTML_PLACES.display_none(PAYLOADS[0]), VISIBLE[0]));
  writeFileSync(join(dir, 'sub', 'copy.html'), htmlDoc(HTML_PLACES.display_none(PAYLOADS[0]), VISIBLE[0]));
  for (let i = 0; i < 10; i++)
    writeFileSync(
      join(dir, `clean-${i}.md`),
      `# Note ${i}\n\n${VISIBLE[i % VISIBLE.length]} ${CLEAN_HIDDEN[i]}\n`,
    );
  writeFileSync(
    join(dir, 'many-hidden.html'),
    htmlDoc(CLEAN_HIDDEN.map((t) => HTML_PLACES.alt(t)).join(''), VISIBLE[2]),
  );
  writeFileSync(join(dir, 'broken.pdf'), 'not a pdf');
  writeFileSync(join(dir, 'big.txt'), 'x'.repeat(5000));
  symlinkSync('/etc/hostname', join(dir, 'link.txt'));
  return dir;
}

describe('scanFolder', () => {
  it('scans every file under a folder, finds near-duplicates and outliers, and quarantines with reasons', async () => {
    const dir = folder();
    const quarantine = join(dir, '..', `${dir.split('/').pop()}-q`);
    const r = await scanFolder(dir, { guard, ocr: false, quarantine, limits: { maxBytes: 4000 } });
    const byPath = Object.fromEntries(r.documents.map((d) => [d.path, d]));
    expect(Object.keys(byPath).sort()).toEqual(
      [
        'big.txt',
        'broken.pdf',
        'many-hidden.html',
        'planted.html',
        'sub/copy.html',
        ...Array.from({ length: 10 }, (_, i) => `clean-${i}.md`),
      ].sort(),
    ); // the symbolic link is not followed
    expect(byPath['planted.html']!.action).toBe('block');
    expect(byPath['clean-0.md']!.action).toBe('allow');
    expect(byPath['broken.pdf']!.error?.code).toBe('DOCUMENT_INVALID');
    expect(byPath['big.txt']!.error?.code).toBe('DOCUMENT_TOO_LARGE');
    expect('text' in byPath['clean-0.md']!).toBe(false); // reports carry no document text
    expect(r.nearDuplicates).toEqual([{ a: 'planted.html', b: 'sub/copy.html', similarity: 1 }]);
    expect(r.outliers).toContainEqual({
      id: 'many-hidden.html',
      reason: "hidden text share far from the folder's median",
    });
    expect(r.summary).toMatchObject({ documents: 15, unreadable: 2, images: 0, ocrMsPerImage: null });
    expect(worstAction(r)).toBe('block');

    const q = Object.fromEntries(r.quarantined.map((x) => [x.path, x]));
    expect(Object.keys(q).sort()).toEqual([
      'big.txt',
      'broken.pdf',
      'many-hidden.html',
      'planted.html',
      'sub/copy.html',
    ]);
    expect(q['sub/copy.html']!.reasons).toContain('near-duplicate of planted.html (similarity 1.00)');
    expect(q['broken.pdf']!.reasons).toEqual(['unreadable: DOCUMENT_INVALID']);
    expect(existsSync(q['planted.html']!.to)).toBe(true);
    const reasons = JSON.parse(readFileSync(`${q['planted.html']!.to}.reasons.json`, 'utf8')) as {
      reasons: string[];
    };
    expect(reasons.reasons[0]).toMatch(/^block: .*hidden_text\.display_none/);
  }, 60_000);

  it('refuses a path that does not exist with INPUT_INVALID', async () => {
    const e = await scanFolder('/nonexistent/rampart-ingest', { guard, ocr: false }).catch((x: unknown) => x);
    expect(isRampartError(e) && e.code).toBe('INPUT_INVALID');
  });
});
