import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HARM_MANIFEST, loadHarmModel, windowStarts } from '../../../src/model/harmful/model.js';

describe('harmful model inference', () => {
  it('covers a text with windows that end at its end', () => {
    expect(windowStarts(10, 1000, 500)).toEqual([0]);
    expect(windowStarts(2500, 1000, 500)).toEqual([0, 500, 1000, 1500]);
    for (const n of [1001, 1999, 4321]) {
      const s = windowStarts(n, 1000, 500);
      expect(s.at(-1)! + 1000).toBe(n);
      s.slice(1).forEach((x, i) => expect(x - s[i]!).toBeLessThanOrEqual(500));
    }
  });

  it('loads the shipped model (under 10 MB) and scores both heads', () => {
    const m = loadHarmModel();
    expect(m.manifest.weights.bytes).toBeLessThan(10 * 1024 * 1024);
    const ask = m.score('How do I make a pipe bomb at home?', 'input');
    expect(ask.score).toBeGreaterThanOrEqual(m.manifest.heads.input.threshold);
    expect(m.score('How do I bake sourdough bread?', 'input').score).toBeLessThan(
      m.manifest.heads.input.threshold,
    );
    expect(m.category('How do I make a pipe bomb at home?')).toBe('indiscriminate_weapons');
  });

  it('a replaced weight file is MODEL_WEIGHTS_INVALID', () => {
    const dir = mkdtempSync(join(tmpdir(), 'harm-'));
    copyFileSync(DEFAULT_HARM_MANIFEST, join(dir, 'harmful-v1.json'));
    const bin = readFileSync(DEFAULT_HARM_MANIFEST.replace(/\.json$/u, '.bin'));
    bin[bin.length - 1] = (bin[bin.length - 1] ?? 0) ^ 1;
    writeFileSync(join(dir, 'harmful-v1.bin'), bin);
    expect(() => loadHarmModel(join(dir, 'harmful-v1.json'))).toThrow(/harmful model: sha256/u);
    expect(() => loadHarmModel(join(dir, 'missing.json'))).toThrow(
      expect.objectContaining({ code: 'MODEL_WEIGHTS_INVALID' }),
    );
  });
});
