// Which src and tools files have logic, and which have a test at the same path under test/ (test-mirror.test.ts):
// src/a/b.ts → test/a/b.test.ts, tools/a/b.ts → test/tools/a/b.test.ts.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export const ROOT = join(import.meta.dirname, '..', '..');
export const ALLOW_LIST = join(import.meta.dirname, 'untested-src.txt');

export function walk(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return walk(path, keep);
    return e.isFile() && keep(e.name) ? [relative(ROOT, path).split('\\').join('/')] : [];
  });
}

/** True when a top-level statement does something at run time (not a type, an import or a re-export). */
function isLogic(s: ts.Statement): boolean {
  if (ts.isImportDeclaration(s) || ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) return false;
  if (ts.isEmptyStatement(s)) return false;
  // `export { a } from './x.js'`, `export * from`, `export type { T }`: a re-export.
  if (ts.isExportDeclaration(s)) return false;
  // `declare ...` describes something defined elsewhere.
  const mods = ts.canHaveModifiers(s) ? ts.getModifiers(s) : undefined;
  if (mods?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)) return false;
  return true;
}

export function hasLogic(path: string, text: string): boolean {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  return file.statements.some(isLogic);
}

/** test/ files that count as the same-path test of src/<p>.ts (test/<p>.test.ts) or tools/<p>.ts (test/tools/<p>.test.ts). */
export function hasSamePathTest(srcPath: string, tests: ReadonlySet<string>): boolean {
  const stem = `test/${(srcPath.startsWith('src/') ? srcPath.slice('src/'.length) : srcPath).slice(0, -'.ts'.length)}`;
  if (tests.has(`${stem}.test.ts`)) return true;
  for (const t of tests)
    if (t.startsWith(`${stem}.`) && /^\.[\w-]+\.test\.ts$/u.test(t.slice(stem.length))) return true;
  return false;
}

/** src and tools files with logic and no same-path test, sorted. */
export function untestedSrcFiles(): string[] {
  const isTs = (n: string): boolean => n.endsWith('.ts') && !n.endsWith('.d.ts');
  const srcFiles = [...walk(join(ROOT, 'src'), isTs), ...walk(join(ROOT, 'tools'), isTs)].sort();
  const testFiles = new Set(walk(join(ROOT, 'test'), (n) => n.endsWith('.test.ts')));
  return srcFiles
    .filter((p) => hasLogic(p, readFileSync(join(ROOT, p), 'utf8')))
    .filter((p) => !hasSamePathTest(p, testFiles));
}

/** The allow-list's entries (blank lines and # comments skipped), in file order. */
export function allowListed(): string[] {
  return readFileSync(ALLOW_LIST, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}
