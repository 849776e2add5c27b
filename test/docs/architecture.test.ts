// docs/architecture.md is the map of the code: every folder under src/ and tools/ must be named in it (as
// `src/<path>/`, `tools/<path>/`), so a new folder cannot appear without its line, and the README links the
// map instead of a file outside the repository.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function folders(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }))
    if (e.isDirectory()) out.push(join(dir, e.name), ...folders(join(dir, e.name)));
  return out;
}

describe('docs/architecture.md', () => {
  const doc = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');

  it('names every folder under src/', () => {
    const all = folders(join(root, 'src')).map(
      (d) => `src/${relative(join(root, 'src'), d).split('\\').join('/')}/`,
    );
    expect(all.length).toBeGreaterThan(10);
    expect(all.filter((f) => !doc.includes(`\`${f}\``))).toEqual([]);
  });

  it('names every folder under tools/ (the training and evaluation scripts)', () => {
    const all = folders(join(root, 'tools')).map(
      (d) => `tools/${relative(join(root, 'tools'), d).split('\\').join('/')}/`,
    );
    expect(all).toContain('tools/model/');
    expect(all.filter((f) => !doc.includes(`\`${f}\``))).toEqual([]);
  });

  it('is what the README links to, and the README links nothing outside the repository', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain('](docs/architecture.md)');
    expect(readme).not.toMatch(/\]\(\.\.\//u);
  });
});
