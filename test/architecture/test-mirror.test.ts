// Every src file with logic has a test file at the same path under test/: src/a/b.ts → test/a/b.test.ts
// (or a variant of it, test/a/b.<kind>.test.ts, e.g. b.property.test.ts); so has every file of the tools
// tree (training and evaluation scripts): tools/a/b.ts → test/tools/a/b.test.ts. Files with no logic — only
// types, interfaces, imports and re-exports — need none.
//
// The files that lack one today are listed in untested-src.txt. The list can only shrink: a NEW src file
// without a test fails here, and so does a listed file that has since got its test (remove it from the list).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, allowListed, hasLogic, hasSamePathTest, untestedSrcFiles } from './src-files.js';

const untested = untestedSrcFiles();
const listed = allowListed();

describe('test mirror: src/x.ts has test/x.test.ts', () => {
  it('tells logic from type-only and re-export files', () => {
    expect(
      hasLogic('a.ts', "export type { A } from './a.js';\nexport * from './b.js';\ninterface I { a: 1 }"),
    ).toBe(false);
    expect(
      hasLogic('a.ts', "import type { A } from './a.js';\nexport type B = A | 'x';\ndeclare const c: 1;"),
    ).toBe(false);
    expect(hasLogic('a.ts', 'export const LIMIT = 3;')).toBe(true);
    expect(hasLogic('a.ts', 'export function f() { return 1; }')).toBe(true);
    expect(hasLogic('a.ts', 'export enum E { A }')).toBe(true);
    expect(hasLogic('a.ts', "export { x } from './x.js';\nexport default 1;")).toBe(true);
    expect(hasLogic('src/index.ts', readFileSync(join(ROOT, 'src/index.ts'), 'utf8'))).toBe(false);
  });

  it('finds same-path tests, including variants like x.property.test.ts', () => {
    const tests = new Set(['test/a/b.test.ts', 'test/c/d.property.test.ts', 'test/e/f-g.test.ts']);
    expect(hasSamePathTest('src/a/b.ts', tests)).toBe(true);
    expect(hasSamePathTest('src/c/d.ts', tests)).toBe(true);
    expect(hasSamePathTest('src/e/f.ts', tests)).toBe(false);
    expect(hasSamePathTest('src/a/b/c.ts', tests)).toBe(false);
    expect(hasSamePathTest('tools/a/b.ts', new Set(['test/tools/a/b.test.ts']))).toBe(true);
    expect(hasSamePathTest('tools/a/b.ts', tests)).toBe(false);
  });

  it('the allow-list is sorted, without duplicates', () => {
    expect(listed).toEqual([...new Set(listed)].sort());
  });

  it('no src file with logic is added without a test at the same path', () => {
    const allowed = new Set(listed);
    // A failure here: write test/<path>.test.ts for the new file (do not add it to untested-src.txt).
    expect(untested.filter((p) => !allowed.has(p))).toEqual([]);
  });

  it('every file on the allow-list still exists, has logic and still has no test (the list only shrinks)', () => {
    const stillUntested = new Set(untested);
    // A failure here: remove the file from test/architecture/untested-src.txt.
    expect(listed.filter((p) => !stillUntested.has(p))).toEqual([]);
  });
});
