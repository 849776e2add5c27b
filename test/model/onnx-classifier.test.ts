// loadOnnxClassifier and its helpers, called directly on the tiny model and tokenizer.json the test writes
// itself (test/helpers/tiny-classifier.ts): real onnxruntime-node, real tokenizer, nothing downloaded. The
// scanner built on it is tested in test/scanners/onnx-classifier.test.ts.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RampartError } from '../../src/core/errors.js';
import {
  RUNTIME_PACKAGE,
  TOKENIZER_PACKAGE,
  assertInstalled,
  importOptional,
  loadOnnxClassifier,
  type ClassifierFiles,
  type WindowSettings,
} from '../../src/model/onnx-classifier.js';
import { TINY_LABELS, writeTinyClassifier } from '../helpers/tiny-classifier.js';

const tiny = writeTinyClassifier();
afterAll(() => rmSync(tiny.dir, { recursive: true, force: true }));

const files = (extra: Partial<ClassifierFiles> = {}): ClassifierFiles => ({
  model: tiny.modelPath,
  modelSha256: tiny.modelSha256,
  tokenizer: tiny.tokenizerPath,
  tokenizerSha256: tiny.tokenizerSha256,
  labels: [...TINY_LABELS],
  threads: 1,
  ...extra,
});
const SOFTMAX: WindowSettings = { activation: 'softmax', maxLength: 16, maxWindows: 4, overlap: 2 };

const errorOf = async (fn: () => unknown): Promise<RampartError> => {
  try {
    await fn();
  } catch (e) {
    if (e instanceof RampartError) return e;
    throw e;
  }
  throw new Error('expected a RampartError');
};

const softmax = (logits: number[]) => {
  const exps = logits.map(Math.exp);
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
};
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

describe('loadOnnxClassifier: classify', () => {
  // The tiny model's logits are [2·(any ordinary word), 6·(injection trigger), 6·(jailbreak trigger)].
  it('gives softmax probabilities of the pooled logits, one per label in order, with the text as span', async () => {
    const c = await loadOnnxClassifier(files());
    const text = 'hello IGNORE';
    const scores = await c.classify(text, SOFTMAX);
    expect(scores.map((s) => s.label)).toEqual(['BENIGN', 'INJECTION', 'JAILBREAK']);
    const expected = softmax([2, 6, 0]);
    scores.forEach((s, k) => {
      expect(s.score).toBeCloseTo(expected[k]!, 5);
      expect(s.span).toEqual([0, text.length]);
    });
  });

  it('applies a sigmoid per label when asked', async () => {
    const c = await loadOnnxClassifier(files());
    const scores = await c.classify('hello dan', { ...SOFTMAX, activation: 'sigmoid' });
    expect(scores.map((s) => s.score)).toEqual([
      expect.closeTo(sigmoid(2), 5),
      expect.closeTo(sigmoid(0), 5),
      expect.closeTo(sigmoid(6), 5),
    ]);
  });

  it('returns no scores for a text without tokens', async () => {
    const c = await loadOnnxClassifier(files());
    expect(await c.classify('', SOFTMAX)).toEqual([]);
    expect(await c.classify(' \n\t ', SOFTMAX)).toEqual([]);
  });

  it('scores each label by its best window, and gives that window as the span', async () => {
    const c = await loadOnnxClassifier(files());
    const text = `${'hello the weather is nice today '.repeat(40)}now ignore that`; // 1,295 chars, 3 pieces
    const scores = await c.classify(text, { ...SOFTMAX, maxWindows: 64 });
    const injection = scores.find((s) => s.label === 'INJECTION')!;
    expect(injection.score).toBeCloseTo(softmax([2, 6, 0])[1]!, 5);
    // The trigger is in the last window, which ends at the last token, in the last piece.
    expect(injection.span[1]).toBe(text.length);
    expect(injection.span[0]).toBeGreaterThan(0);
    expect(injection.span[0]).toBeLessThanOrEqual(text.indexOf('ignore'));
    const benign = scores.find((s) => s.label === 'BENIGN')!;
    expect(benign.score).toBeCloseTo(softmax([2, 0, 0])[0]!, 5);
    expect(benign.span[0]).toBe(0); // first of the equally benign windows
    expect(benign.span[1]).toBeLessThan(text.length);
  });

  it('is INPUT_TOO_LARGE when the text needs more windows than maxWindows', async () => {
    const c = await loadOnnxClassifier(files());
    const e = await errorOf(() =>
      c.classify('hello the weather is nice today '.repeat(20), { ...SOFTMAX, maxWindows: 2 }),
    );
    expect(e.code).toBe('INPUT_TOO_LARGE');
    expect(e.message).toMatch(/^the text needs \d+ classifier windows; the limit \(maxWindows\) is 2$/u);
  });

  it('is POLICY_INVALID when maxLength leaves no room past the special tokens and the overlap', async () => {
    const c = await loadOnnxClassifier(files());
    const e = await errorOf(() => c.classify('hello', { ...SOFTMAX, maxLength: 4, overlap: 2 }));
    expect(e.code).toBe('POLICY_INVALID');
    expect(e.message).toBe(
      'onnx-classifier: maxLength 4 leaves no room past 2 special tokens and an overlap of 2',
    );
    // One content token and no overlap is the least that works.
    expect(await c.classify('ignore', { ...SOFTMAX, maxLength: 3, overlap: 0 })).toHaveLength(3);
  });
});

describe('loadOnnxClassifier: pinned files', () => {
  it('accepts an upper-case sha256 pin', async () => {
    const c = await loadOnnxClassifier(
      files({
        modelSha256: tiny.modelSha256.toUpperCase(),
        tokenizerSha256: tiny.tokenizerSha256.toUpperCase(),
      }),
    );
    expect(await c.classify('ignore', SOFTMAX)).toHaveLength(3);
  });

  it('refuses a tokenizer whose sha256 differs, naming the file and both hashes', async () => {
    const e = await errorOf(() => loadOnnxClassifier(files({ tokenizerSha256: 'b'.repeat(64) })));
    expect(e.code).toBe('MODEL_WEIGHTS_INVALID');
    expect(e.message).toBe(
      `tokenizer ${tiny.tokenizerPath} has sha256 ${tiny.tokenizerSha256}; the policy pins ${'b'.repeat(64)}`,
    );
  });

  it('checks a tokenizer config only when its sha256 is given too, and then pins it', async () => {
    const cfg = join(tiny.dir, 'tokenizer_config.json');
    writeFileSync(cfg, '{}');
    const e = await errorOf(() =>
      loadOnnxClassifier(files({ tokenizerConfig: cfg, tokenizerConfigSha256: 'c'.repeat(64) })),
    );
    expect(e.code).toBe('MODEL_WEIGHTS_INVALID');
    expect(e.message).toContain(`tokenizer config ${cfg} has sha256`);
  });

  it('is MODEL_WEIGHTS_INVALID for a missing file, without a stack in the message', async () => {
    const missing = join(tiny.dir, 'nope.onnx');
    const e = await errorOf(() => loadOnnxClassifier(files({ model: missing })));
    expect(e.code).toBe('MODEL_WEIGHTS_INVALID');
    expect(e.message).toBe(`ONNX model ${missing} cannot be read`);
  });

  it('is MODEL_WEIGHTS_INVALID for a pinned file that is not a tokenizer.json, or not an ONNX model', async () => {
    const t = writeTinyClassifier();
    try {
      const { createHash } = await import('node:crypto');
      const sha = (s: string) => createHash('sha256').update(s).digest('hex');
      writeFileSync(t.tokenizerPath, '{"model": 1');
      const badTok = await errorOf(() =>
        loadOnnxClassifier(files({ tokenizer: t.tokenizerPath, tokenizerSha256: sha('{"model": 1') })),
      );
      expect(badTok.code).toBe('MODEL_WEIGHTS_INVALID');
      expect(badTok.message).toBe(`tokenizer ${t.tokenizerPath} is not a valid tokenizer.json`);

      writeFileSync(t.modelPath, 'not protobuf');
      const badModel = await errorOf(() =>
        loadOnnxClassifier(files({ model: t.modelPath, modelSha256: sha('not protobuf') })),
      );
      expect(badModel.code).toBe('MODEL_WEIGHTS_INVALID');
      expect(badModel.message).toBe(`ONNX model ${t.modelPath} cannot be opened`);
    } finally {
      rmSync(t.dir, { recursive: true, force: true });
    }
  });
});

describe('optional packages', () => {
  it('names the real package names', () => {
    expect([RUNTIME_PACKAGE, TOKENIZER_PACKAGE]).toEqual(['onnxruntime-node', '@huggingface/tokenizers']);
    expect(() => assertInstalled(RUNTIME_PACKAGE)).not.toThrow();
    expect(() => assertInstalled(TOKENIZER_PACKAGE)).not.toThrow();
  });

  it('is POLICY_INVALID with the exact install line for a missing package, at import or at load', async () => {
    const e = await errorOf(() => importOptional('rampart-test-absent-package'));
    expect(e.code).toBe('POLICY_INVALID');
    expect(e.message).toBe(
      'scanner onnx-classifier needs the optional package rampart-test-absent-package, which is not installed: npm install rampart-test-absent-package',
    );
    const viaTokenizer = await errorOf(() =>
      loadOnnxClassifier(files(), { tokenizer: 'rampart-test-absent-tokenizer' }),
    );
    expect(viaTokenizer.message).toContain('npm install rampart-test-absent-tokenizer');
    expect(await importOptional<{ Tokenizer: unknown }>(TOKENIZER_PACKAGE)).toHaveProperty('Tokenizer');
  });
});
