// Latency of the learned injection detector: a 2 KB prompt (user head, whole text), a 2 KB and a 100 KB
// document (untrusted head, every sentence), and the one-off load (sha256 check + float16 decode).
// Targets (issue 5): 2 KB prompt p50 < 0.5 ms, 100 KB document < 20 ms, load < 100 ms, memory < 100 MB.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadDetector } from '../src/model/detector.js';
import { scanInjectionModel } from '../src/scanners/injection-model.js';
import { measure, type BenchRow } from './measure.js';

const PROMPT =
  'I am writing a report about the history of Normandy for my class. Could you summarize the main events of the ' +
  '10th and 11th centuries, mention Rollo and the treaty with Charles III, and list three books I could read? ';
const DOC =
  'The Normans were the people who in the 10th and 11th centuries gave their name to Normandy, a region in France. ' +
  'To install the package, run npm install and then open the settings page. Please reply by Friday.\n';

const fill = (s: string, n: number): string => s.repeat(Math.ceil(n / s.length)).slice(0, n);

export async function benchInjectionModel(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  rows.push(
    await measure('load (sha256 + decode)', () => loadDetector(), {
      minRuns: 5,
      maxRuns: 20,
      warmup: 1,
      budgetMs: 1000,
    }),
  );
  const prompt = fill(PROMPT, 2048);
  const doc2 = fill(DOC, 2048);
  const doc100 = fill(DOC, 100 * 1024);
  rows.push(await measure('model, 2 KB prompt (user)', () => scanInjectionModel(prompt, 'user')));
  rows.push(await measure('model, 2 KB document (untrusted)', () => scanInjectionModel(doc2, 'untrusted')));
  rows.push(
    await measure('model, 100 KB document (untrusted)', () => scanInjectionModel(doc100, 'untrusted'), {
      minRuns: 10,
      maxRuns: 200,
    }),
  );
  rows.push(
    await measure('model, 100 KB document (user)', () => scanInjectionModel(doc100, 'user'), {
      minRuns: 10,
      maxRuns: 200,
    }),
  );
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', fileURLToPath(new URL('./model-memory.ts', import.meta.url))],
    { encoding: 'utf8' },
  );
  const mb = child.status === 0 ? child.stdout.trim() : 'n/a';
  rows.push({ name: `memory kept by the loaded model: ${mb} MB`, p50Ms: 0, p99Ms: 0, opsPerSec: 0 });
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { formatRows } = await import('./measure.js');
  console.log(formatRows('Injection model', await benchInjectionModel()));
}
