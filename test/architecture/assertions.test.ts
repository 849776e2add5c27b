// Tests that can fail. Read statically from every test file:
// - each it()/test() callback asserts something (calls `expect`, directly or through a function of its file);
// - no assertion that any value passes: toBeDefined(), toBeTruthy(), or toThrow()/toThrowError() with no
//   expected error (use the RampartError code, the class or the message, e.g.
//   `.toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }))` or `.rejects.toMatchObject({ code })`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT, walk } from './src-files.js';

/** `file:line: what` for each test without an assertion and each assertion that cannot fail. */
export function weakTests(path: string, text: string): string[] {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const where = (n: ts.Node) => `${path}:${file.getLineAndCharacterOfPosition(n.getStart(file)).line + 1}`;
  const found: string[] = [];

  // Functions of this file that assert (transitively): a test may call them instead of expect.
  const fns = new Map<string, ts.Node>();
  const collect = (n: ts.Node): void => {
    if (ts.isFunctionDeclaration(n) && n.name) fns.set(n.name.text, n);
    if (
      ts.isVariableDeclaration(n) &&
      ts.isIdentifier(n.name) &&
      n.initializer &&
      (ts.isArrowFunction(n.initializer) || ts.isFunctionExpression(n.initializer))
    )
      fns.set(n.name.text, n.initializer);
    ts.forEachChild(n, collect);
  };
  collect(file);
  const asserting = new Set(['expect']);
  const mentions = (node: ts.Node): boolean => {
    let hit = false;
    const visit = (n: ts.Node): void => {
      if (hit) return;
      if (ts.isIdentifier(n) && asserting.has(n.text)) hit = true;
      else ts.forEachChild(n, visit);
    };
    visit(node);
    return hit;
  };
  for (let grew = true; grew;) {
    grew = false;
    for (const [name, body] of fns)
      if (!asserting.has(name) && mentions(body)) {
        asserting.add(name);
        grew = true;
      }
  }

  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n)) {
      // it('name', fn), it('name', options, fn), it.each(table)('name', fn), test.concurrent(...)
      let base: ts.Expression = n.expression;
      while (ts.isCallExpression(base) || ts.isPropertyAccessExpression(base)) base = base.expression;
      const isTest = ts.isIdentifier(base) && (base.text === 'it' || base.text === 'test');
      const fn = n.arguments.at(-1);
      if (isTest && n.arguments.length >= 2 && fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)))
        if (!mentions(fn)) found.push(`${where(n)}: test without an assertion`);

      const callee = n.expression;
      if (ts.isPropertyAccessExpression(callee)) {
        const name = callee.name.text;
        if ((name === 'toBeDefined' || name === 'toBeTruthy') && n.arguments.length === 0)
          found.push(`${where(n)}: ${name}() passes for almost any value`);
        if ((name === 'toThrow' || name === 'toThrowError') && n.arguments.length === 0) {
          const negated =
            ts.isPropertyAccessExpression(callee.expression) && callee.expression.name.text === 'not';
          if (!negated) found.push(`${where(n)}: ${name}() with no expected error`);
        }
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(file);
  return found;
}

describe('tests that can fail', () => {
  it('flags tests without an assertion and assertions that any value passes', () => {
    const sample = [
      "it('a', () => { run(); });",
      "it('b', { timeout: 1 }, async () => { await go(); });",
      "it('c', () => { expect(x).toBeDefined(); expect(y).toBeTruthy(); });",
      "it('d', async () => { expect(f).toThrow(); await expect(p).rejects.toThrowError(); });",
      'const check = (v: number) => expect(v).toBe(1);',
      "it('e', () => { check(1); expect(f).not.toThrow(); });",
      "it.each([1])('f', (n) => { expect(n).toBe(1); });",
      "it.todo('g');",
    ].join('\n');
    expect(weakTests('t.ts', sample)).toEqual([
      't.ts:1: test without an assertion',
      't.ts:2: test without an assertion',
      't.ts:3: toBeDefined() passes for almost any value',
      't.ts:3: toBeTruthy() passes for almost any value',
      't.ts:4: toThrow() with no expected error',
      't.ts:4: toThrowError() with no expected error',
    ]);
  });

  it('every test file asserts specific behaviour', () => {
    const files = walk(join(ROOT, 'test'), (n) => n.endsWith('.test.ts')).sort();
    expect(files.length).toBeGreaterThan(100);
    expect(files.flatMap((f) => weakTests(f, readFileSync(join(ROOT, f), 'utf8')))).toEqual([]);
  });
});
