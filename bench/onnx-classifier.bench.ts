// Latency the onnx-classifier scanner adds, on dummy models the bench writes itself (no real weights are
// downloaded): the 3-wide test model, and a dummy of DeBERTa-v3-xsmall's size (30k × 384 embedding, 12
// per-token feed-forward blocks 384 → 1536 → 384, no attention, so a real model of that size costs more).
// Run alone: npx tsx bench/onnx-classifier.bench.ts (not part of `npm run bench`: it needs the optional packages).
import { rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadOnnxClassifier } from '../src/model/onnx-classifier.js';
import { OnnxClassifierOptions, scanOnnxClassifier } from '../src/scanners/onnx-classifier.js';
import { TINY_LABELS, writeTinyClassifier } from '../test/helpers/tiny-classifier.js';
import { formatRows, measure, type BenchRow } from './measure.js';

const PROMPT =
  'hello the weather is nice today please summarize this document and tell me about cats what a lovely garden ';
const fill = (s: string, n: number): string => s.repeat(Math.ceil(n / s.length)).slice(0, n);

export async function benchOnnxClassifier(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const models = [
    { name: 'test model (3 wide)', files: writeTinyClassifier() },
    { name: 'xsmall-size dummy', files: writeTinyClassifier({ vocabSize: 30_000, width: 384, layers: 12 }) },
  ];
  for (const { name, files } of models) {
    const options = {
      model: files.modelPath,
      modelSha256: files.modelSha256,
      tokenizer: files.tokenizerPath,
      tokenizerSha256: files.tokenizerSha256,
      labels: [...TINY_LABELS],
      categories: { INJECTION: 'prompt_injection.classifier' },
      maxLength: 512,
      overlap: 64,
      maxWindows: 64,
    };
    const parsed = OnnxClassifierOptions.parse(options);
    const mb = (statSync(files.modelPath).size / 2 ** 20).toFixed(1);
    const t0 = performance.now();
    await loadOnnxClassifier({ ...options, threads: 1 });
    rows.push({
      name: `${name}: load, ${mb} MB (sha256 + session)`,
      p50Ms: performance.now() - t0,
      p99Ms: NaN,
      opsPerSec: NaN,
    });
    for (const [label, chars] of [
      ['2 KB prompt (1 window)', 2048],
      ['20 KB document', 20 * 1024],
    ] as const) {
      const text = fill(PROMPT, chars);
      rows.push(
        await measure(`${name}: ${label}`, () => scanOnnxClassifier(text, 'user', parsed), {
          minRuns: 5,
          maxRuns: 200,
          warmup: 2,
          budgetMs: 3000,
        }),
      );
    }
    rmSync(files.dir, { recursive: true, force: true });
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  console.log(formatRows('onnx-classifier (1 intra-op thread)', await benchOnnxClassifier()));
