import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRampartError } from '../../src/core/errors.js';
import { foldConfusables } from '../../src/normalize/confusables.js';
import { loadAttackLibrary } from '../../src/redteam/attacks/load.js';
import { buildRunCase, drawValues, expandPlan, runCaseId } from '../../src/redteam/expand.js';
import { MUTATOR_NAMES } from '../../src/redteam/mutators/index.js';
import { defaultPlan, loadPlanFile, parsePlan, parsePlanYaml } from '../../src/redteam/plan.js';
import { mulberry32 } from '../../src/redteam/rng.js';
import { ATTACK_CATEGORIES } from '../../src/redteam/types.js';

const lib = loadAttackLibrary();
const allText = (r: ReturnType<typeof expandPlan>[number]) =>
  [r.system ?? '', ...r.turns, r.document?.text ?? ''].join('\n');

const expectCode = (f: () => unknown, code: string, msg?: RegExp) => {
  try {
    f();
    expect.unreachable();
  } catch (e) {
    expect(isRampartError(e) && e.code).toBe(code);
    if (msg) expect((e as Error).message).toMatch(msg);
  }
};

describe('expandPlan', () => {
  const runs = expandPlan({}, 42);

  it('is deterministic for a seed', () => {
    expect(expandPlan({}, 42)).toEqual(runs);
    expect(expandPlan({ seed: 42 })).toEqual(runs);
  });

  it('draws different values for a different seed, under the same stable ids', () => {
    const other = expandPlan({ mutators: [], strategies: [] }, 43);
    const base = expandPlan({ mutators: [], strategies: [] }, 42);
    expect(other.map((r) => r.id)).toEqual(base.map((r) => r.id));
    expect(other.map((r) => r.id)).toEqual(lib.map((c) => c.id));
    for (let i = 0; i < base.length; i++) expect(other[i]!.values.marker).not.toBe(base[i]!.values.marker);
    // Within a run, values are per case.
    expect(new Set(base.map((r) => r.values.marker)).size).toBe(base.length);
  });

  it('has a default plan of reasonable size covering every category, mutator and strategy', () => {
    expect(runs.length).toBeGreaterThan(lib.length);
    expect(runs.length).toBeLessThanOrEqual(3000);
    expect(new Set(runs.map((r) => r.id)).size).toBe(runs.length);
    for (const cat of ATTACK_CATEGORIES) expect(runs.some((r) => r.case.category === cat)).toBe(true);
    for (const m of MUTATOR_NAMES)
      for (const cat of ATTACK_CATEGORIES)
        expect(
          runs.some((r) => r.mutators[0] === m && r.case.category === cat),
          `${m}/${cat}`,
        ).toBe(true);
    for (const s of ['crescendo', 'context_priming']) expect(runs.some((r) => r.strategy === s)).toBe(true);
    expect(runs.every((r) => r.turns.length <= defaultPlan().maxTurns)).toBe(true);
  });

  it('fills every placeholder, in the system prompt, turns, document and goal', () => {
    for (const r of runs) {
      expect(allText(r), r.id).not.toMatch(/\{\{\w+\}\}/u);
      expect(JSON.stringify(r.goal), r.id).not.toMatch(/\{\{/u);
      if (r.case.goal.kind === 'canary_leak') expect(r.system).toContain(r.values.canary);
      if (r.case.goal.kind === 'secret_leak') expect(r.system).toContain(r.values.secret);
    }
  });

  it('keeps the goal checkable: unmutated runs carry the values the judge looks for', () => {
    for (const r of runs.filter((x) => x.mutators.length === 0)) {
      const text = [...r.turns, r.document?.text ?? ''].join('\n');
      const g = r.goal;
      if (g.kind === 'marker_in_output') expect(text, r.id).toContain(r.values.marker);
      if (g.kind === 'exfil_link') expect(text, r.id).toContain(r.values.attacker_url);
      if (g.kind === 'tool_call' && g.argument) expect(text, r.id).toContain(g.argument);
      if (g.kind === 'no_refusal') expect(new RegExp(g.pattern, 'u').test(text), r.id).toBe(true);
    }
  });

  it('mutates only the payload: the last turn, or the injection inside the document', () => {
    const c = lib.find((x) => x.payload === 'document' && x.goal.kind === 'marker_in_output')!;
    const plain = buildRunCase(c, [], 'single', 5, 4);
    const hidden = buildRunCase(c, ['base64'], 'single', 5, 4);
    expect(hidden.turns).toEqual(plain.turns);
    expect(hidden.document!.text).not.toBe(plain.document!.text);
    const carrierStart = c.document!.text.slice(0, c.document!.text.indexOf(c.injection!));
    expect(hidden.document!.text.startsWith(carrierStart)).toBe(true);
    expect(hidden.document!.text).not.toContain(plain.values.marker);
    expect(hidden.documentTurn).toBe(hidden.turns.length - 1);

    const d = lib.find((x) => x.id === 'override-001')!;
    const r = buildRunCase(d, ['homoglyphs'], 'crescendo', 5, 4);
    expect(r.id).toBe('override-001~homoglyphs@crescendo');
    expect(r.turns).toHaveLength(4);
    expect(r.turns.slice(0, -1).join(' ')).toMatch(/^[\x20-\x7e’—]*$/u);
    const last = r.turns.at(-1)!;
    expect(last).toContain(r.values.marker);
    expect(foldConfusables(last)?.text).toBe(d.turns[0]!.replace('{{marker}}', r.values.marker));
  });

  it('keeps a mutated tool result valid JSON', () => {
    const cases = lib.filter((x) => x.document?.kind === 'tool_result');
    expect(cases.length).toBeGreaterThan(5);
    for (const c of cases)
      for (const m of MUTATOR_NAMES) {
        const r = buildRunCase(c, [m], 'single', 3, 4);
        expect(() => JSON.parse(r.document!.text), `${c.id} ${m}`).not.toThrow();
      }
  });

  it('names runs stably', () => {
    expect(runCaseId('exfil-003', [], 'single')).toBe('exfil-003');
    expect(runCaseId('exfil-003', ['zero_width', 'base64'], 'context_priming')).toBe(
      'exfil-003~zero_width+base64@context_priming',
    );
    const values = drawValues(mulberry32(1));
    expect(values.marker).toMatch(/^RT[A-Z0-9]{10}$/u);
    expect(values.attacker_url).toMatch(/^https:\/\/[a-z0-9]+\.[a-z-]+\.example$/u);
    expect(values.attacker_email).toMatch(/^[a-z0-9]+@[a-z-]+\.example$/u);
  });

  it('honours categories, languages, ids, chains and the case cap', () => {
    const some = expandPlan({ categories: ['tool_misuse'], langs: ['de'], mutators: [], strategies: [] }, 1);
    expect(some.length).toBeGreaterThan(0);
    expect(some.every((r) => r.case.category === 'tool_misuse' && r.case.lang === 'de')).toBe(true);
    const chained = expandPlan(
      {
        ids: ['override-002'],
        baseline: false,
        mutators: [['leetspeak', 'rot13', 'markdown']],
        mutatorSample: 1,
        strategies: [],
      },
      1,
    );
    expect(chained.map((r) => r.id)).toEqual(['override-002~leetspeak+rot13+markdown']);
    const capped = expandPlan({ maxCases: 50 }, 9);
    expect(capped).toHaveLength(50);
    expect(expandPlan({ maxCases: 50 }, 9)).toEqual(capped);
  });
});

describe('plan', () => {
  it('defaults to every category, every mutator and both strategies', () => {
    const p = defaultPlan();
    expect(p.categories).toEqual([...ATTACK_CATEGORIES]);
    expect(p.mutators.map((c) => c.join('+'))).toEqual(MUTATOR_NAMES);
    expect(p.strategies).toEqual(['crescendo', 'context_priming']);
  });

  it('rejects unknown mutators, incoherent chains and unknown keys with CONFIG_INVALID', () => {
    expectCode(() => parsePlan({ mutators: ['rot26'] }), 'CONFIG_INVALID', /unknown mutator "rot26"/u);
    expectCode(() => parsePlan({ mutators: [['base64', 'hex']] }), 'CONFIG_INVALID', /one encoding/u);
    expectCode(() => parsePlan({ strategies: ['gradual'] }), 'CONFIG_INVALID');
    expectCode(() => parsePlan({ categorys: ['exfiltration'] }), 'CONFIG_INVALID', /categorys/u);
    expectCode(() => parsePlan({ maxCases: 10_000_000 }), 'CONFIG_INVALID');
  });

  it('parses YAML with located errors, and reads plan files', () => {
    const p = parsePlanYaml(
      'seed: 7\ncategories: [exfiltration]\nmutators:\n  - base64\n  - [homoglyphs, padding]\n',
    );
    expect(p.seed).toBe(7);
    expect(p.mutators).toEqual([['base64'], ['homoglyphs', 'padding']]);
    expectCode(
      () => parsePlanYaml('seed: 7\nmutators:\n  - nope\n', 'p.yaml'),
      'CONFIG_INVALID',
      /p\.yaml:3:\d+/u,
    );
    const dir = mkdtempSync(join(tmpdir(), 'rampart-plan-'));
    writeFileSync(join(dir, 'plan.yaml'), 'maxCases: 10\n');
    expect(loadPlanFile(join(dir, 'plan.yaml')).maxCases).toBe(10);
    expectCode(() => loadPlanFile(join(dir, 'missing.yaml')), 'CONFIG_NOT_FOUND');
  });
});
