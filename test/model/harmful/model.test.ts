import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractFeatures, newFeatureSink, type FeatureSettings } from '../../../src/model/features.js';
import {
  DEFAULT_HARM_MANIFEST,
  bestWindow,
  loadHarmModel,
  windowStarts,
  type LinearWeights,
} from '../../../src/model/harmful/model.js';

/** The window scorer as first written: every feature added to every window that holds its anchor. */
function referenceBestWindow(
  text: string,
  head: LinearWeights,
  settings: FeatureSettings,
  windows: { size: number; stride: number },
): { logit: number; span: readonly [number, number]; bySpan: Map<string, number> } {
  const mask = (1 << settings.bits) - 1;
  const n = text.length;
  const bySpan = new Map<string, number>();
  const f = extractFeatures(text, settings);
  const starts = windowStarts(n, windows.size, windows.stride);
  let best = -Infinity;
  let span: readonly [number, number] = [0, n];
  for (const s of starts) {
    let sum = 0;
    let count = 0;
    for (let k = 0; k < f.length; k++) {
      const a = f.anchors[k]!;
      if (a >= s && a < s + windows.size) {
        sum += head.w[f.buckets[k]! & mask]!;
        count++;
      }
    }
    const z = head.bias + sum / Math.sqrt(Math.max(1, count));
    bySpan.set(`${s}:${Math.min(n, s + windows.size)}`, z);
    if (z > best) {
      best = z;
      span = [s, Math.min(n, s + windows.size)];
    }
  }
  return { logit: best, span, bySpan };
}

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

  it('scores long text window by window exactly as the per-window reference does (block sums)', () => {
    const settings: FeatureSettings = { bits: 12, charMin: 1, charMax: 4, wordMax: 2 };
    const w = Float32Array.from({ length: 1 << 12 }, (_, i) => Math.sin(i * 12.9898) * 0.7);
    const head: LinearWeights = { w, bias: -0.3 };
    const sink = newFeatureSink(16);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('bomb ', 'how ', 'to ', 'the ', 'café ', 'process ', '爆弾', '. ', '\n'), {
          maxLength: 900,
        }),
        fc.constantFrom([100, 50], [120, 40], [1000, 500], [90, 35]),
        (parts, [size, stride]) => {
          const text = parts.join('');
          const win = { size: size!, stride: stride! };
          const got = bestWindow(text, head, settings, win, sink);
          const want = referenceBestWindow(text, head, settings, win);
          expect(got.logit).toBeCloseTo(want.logit, 9);
          // Windows that tie may be chosen either way: the chosen one scores the best under the reference.
          expect(want.bySpan.get(got.span.join(':'))).toBeCloseTo(want.logit, 9);
        },
      ),
      { numRuns: 200 },
    );
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
