// The import graph (madge, the tool `npx madge --circular --extensions ts --ts-config tsconfig.json src`
// runs): no import cycle anywhere in src/, tools/ or bench/, and no import in src/ against the layer order
// that docs/architecture.md writes down (its "Layers" list, read here, so the doc and the check agree) — nor
// out of src/, so the shipped runtime never reaches into the training and evaluation tools.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import madge from 'madge';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
type Graph = Record<string, readonly string[]>;

/** The layers in the doc, lowest first: `core/` → 0, … (a folder or file directly under src/). */
function layersFrom(doc: string): Map<string, number> {
  const section = doc.split(/^## Layers$/mu)[1]?.split(/^## /mu)[0] ?? '';
  const layers = new Map<string, number>();
  for (const line of section.split('\n')) {
    const m = /^(\d+)\. ((?:`[^`]+`(?:, )?)+)/u.exec(line);
    if (!m) continue;
    for (const [, name] of m[2]!.matchAll(/`([^`]+)`/gu)) layers.set(name!.replace(/\/$/u, ''), Number(m[1]));
  }
  return layers;
}

/** The entry under src/ a path belongs to: src/core/types.ts → core, src/index.ts → index.ts. */
const topOf = (path: string): string | undefined => /^src\/([^/]+)/u.exec(path)?.[1];

/** Edges (as "from -> to") from a lower layer's file to a higher layer's, or to a file outside src/. */
function layerViolations(graph: Graph, layers: ReadonlyMap<string, number>): string[] {
  const out: string[] = [];
  for (const [from, deps] of Object.entries(graph)) {
    const a = topOf(from);
    if (a === undefined) continue;
    for (const to of deps) {
      const b = topOf(to);
      const la = layers.get(a);
      const lb = b === undefined ? undefined : layers.get(b);
      if (la === undefined || lb === undefined || lb > la) out.push(`${from} -> ${to}`);
    }
  }
  return out.sort();
}

/** Every import cycle, as the files of each strongly connected component (Tarjan), sorted. */
function cycles(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph[v] ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const scc: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      scc.push(w);
    } while (w !== v);
    if (scc.length > 1 || (graph[v] ?? []).includes(v)) found.push(scc.sort());
  };
  for (const v of Object.keys(graph)) if (!index.has(v)) visit(v);
  return found;
}

describe('import graph helpers', () => {
  const layers = new Map([
    ['core', 1],
    ['scanners', 3],
    ['model', 3],
    ['policy', 4],
  ]);

  it('read the numbered layer list of the doc', () => {
    const doc =
      '## Layers\n\ntext\n\n1. `core/`\n2. `scanners/`, `model/`\n3. `index.ts`\n\n## Folders\n1. `x/`\n';
    expect([...layersFrom(doc)]).toEqual([
      ['core', 1],
      ['scanners', 2],
      ['model', 2],
      ['index.ts', 3],
    ]);
  });

  it('find an import from a lower layer up, or out of src/, and allow one within a layer', () => {
    const graph: Graph = {
      'src/core/a.ts': ['src/policy/p.ts', 'src/core/b.ts'],
      'src/scanners/s.ts': ['src/model/m.ts', 'src/core/a.ts'],
      'src/model/m.ts': ['src/scanners/s.ts', 'test/helpers/x.ts'],
      'src/policy/p.ts': ['src/scanners/s.ts', 'src/gateway/g.ts'],
    };
    expect(layerViolations(graph, layers)).toEqual([
      'src/core/a.ts -> src/policy/p.ts',
      'src/model/m.ts -> test/helpers/x.ts',
      'src/policy/p.ts -> src/gateway/g.ts',
    ]);
  });

  it('find every cycle, self-imports included, and none in a tree', () => {
    expect(cycles({ a: ['b'], b: ['c'], c: ['a', 'd'], d: [], e: ['e'] })).toEqual([['a', 'b', 'c'], ['e']]);
    expect(cycles({ a: ['b', 'c'], b: ['c'], c: [] })).toEqual([]);
  });
});

describe('the import graph', () => {
  let src: Graph;
  let all: { graph: Graph; circular: string[][] };
  beforeAll(async () => {
    const config = { baseDir: ROOT, fileExtensions: ['ts'], tsConfig: join(ROOT, 'tsconfig.json') };
    const everything = await madge(
      ['src', 'tools', 'bench'].map((d) => join(ROOT, d)),
      config,
    );
    all = { graph: everything.obj(), circular: everything.circular() };
    src = Object.fromEntries(Object.entries(all.graph).filter(([f]) => f.startsWith('src/')));
  }, 180_000);

  it('is read whole: every src file is in it, dynamic imports included', () => {
    expect(Object.keys(src).length).toBeGreaterThan(300);
    expect(src['src/cli/main.ts']).toContain('src/cli/eval.ts'); // `await import('./eval.js')`
    expect(src['src/scanners/registry.ts']).toContain('src/scanners/injection-rules.ts');
  });

  it('reads the tools as well, and the tools are not shipped (not built into dist/, not in the package)', () => {
    expect(all.graph['tools/model/train-cli.ts']).toContain('tools/model/train.ts');
    expect(all.graph['tools/eval/run.ts']).toContain('src/eval/injection-eval.ts');
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      files: string[];
      scripts: Record<string, string>;
    };
    expect(pkg.files.filter((f) => f.startsWith('tools') || f.startsWith('src'))).toEqual([]);
    const build = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')) as {
      include: string[];
    };
    expect(build.include).toEqual(['src']);
    for (const name of ['train', 'train:pii', 'train:harmful', 'eval', 'eval:pii'])
      expect(pkg.scripts[name]).toMatch(/^tsx tools\//u);
  });

  it('has no import cycle in src/, tools/ or bench/', () => {
    expect(cycles(all.graph)).toEqual([]);
    expect(all.circular).toEqual([]);
  });

  it('follows the layer order of docs/architecture.md (core/ imports nothing outside core/)', () => {
    const layers = layersFrom(readFileSync(join(ROOT, 'docs', 'architecture.md'), 'utf8'));
    const entries = readdirSync(join(ROOT, 'src'));
    expect(entries.filter((e) => !layers.has(e))).toEqual([]);
    expect([...layers.keys()].filter((l) => !entries.includes(l))).toEqual([]);
    expect([...layers].filter(([, n]) => n === layers.get('core'))).toEqual([['core', layers.get('core')]]);
    expect(Math.min(...layers.values())).toBe(layers.get('core'));
    expect(layerViolations(src, layers)).toEqual([]);
  });
});
