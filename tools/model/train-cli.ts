// `npm run train` (tsx tools/model/train-cli.ts): trains the shipped injection detector (train.ts) on
// train.jsonl + extra-train.jsonl with thresholds chosen on out-of-family predictions (oof.ts; the fold models
// are cached under .cache/oof, a cold cache trains them first) and writes models/injection-v1.{bin,json}.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readRows } from './data.js';
import { createDetector, loadDetectorParts } from '../../src/model/detector.js';
import { evaluateDev } from '../eval/dev-metrics.js';
import type { Manifest } from '../../src/model/weights-format.js';
import { chooseThresholds, outOfFamily, candidateOofOptions } from './oof.js';
import { trainModel, type Thresholds } from './train.js';

export interface TrainCliArgs {
  /** Directory the model files are written to (default: models/). */
  out?: string;
  /** Re-choose the thresholds of the weights already in `out`, without refitting. */
  thresholdsOnly: boolean;
}

/** Command-line arguments: `--out DIR`, `--thresholds-only`; anything else is a clear error. */
export function parseTrainCliArgs(args: readonly string[]): TrainCliArgs {
  const out: TrainCliArgs = { thresholdsOnly: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--thresholds-only') out.thresholdsOnly = true;
    else if (a === '--out' && args[i + 1] !== undefined && !args[i + 1]!.startsWith('--'))
      out.out = args[++i]!;
    else
      throw new Error(
        `npm run train: unknown or incomplete argument ${JSON.stringify(a)} (use --out DIR, --thresholds-only)`,
      );
  }
  return out;
}

async function main(): Promise<void> {
  const cli = parseTrainCliArgs(process.argv.slice(2));
  const arg = (k: string): string | undefined => (k === '--out' ? cli.out : undefined);
  const root = resolve(import.meta.dirname, '..', '..');
  const dataDir = resolve(process.env.RAMPART_DATA_DIR ?? join(root, '..', 'shared', 'data'));
  const t0 = performance.now();
  const log = (l: string): void => console.log(`[${((performance.now() - t0) / 1000).toFixed(1)}s] ${l}`);
  // Thresholds from out-of-family predictions: fold models (cached; a cold cache trains every fold first).
  const oofOpts = candidateOofOptions(log);
  let tm = 0;
  const thresholds = async (): Promise<Thresholds> => {
    tm = performance.now() - t0;
    const t = chooseThresholds(await outOfFamily(oofOpts));
    log(`thresholds from out-of-family scores: ${JSON.stringify(t)}`);
    return t;
  };
  const devPaths = [join(dataDir, 'injection', 'dev.jsonl'), join(dataDir, 'injection', 'extra-dev.jsonl')];
  if (cli.thresholdsOnly) {
    // Re-choose the thresholds of the weights already in --out (the fitted weights do not depend on them),
    // exactly as a full run would set them, and report dev again.
    const path = join(arg('--out') ?? join(root, 'models'), 'injection-v1.json');
    const t = await thresholds();
    const m = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
    m.heads.user.threshold = t.user;
    m.heads.user.thresholdRule = t.rule;
    m.heads.untrusted.threshold = t.untrusted;
    m.heads.untrusted.thresholdRule = t.rule;
    delete m.documents;
    if (t.documentsUser !== undefined)
      m.documents = {
        heads: ['untrusted', 'user'],
        userThreshold: t.documentsUser,
        rule: 'untrusted text is flagged when either head reaches its threshold (both chosen on out-of-family scores); the score is the untrusted head, or the user head mapped onto its scale (equal log-odds margin)',
      };
    const parts = loadDetectorParts(path);
    const det = createDetector(
      m,
      {
        user: { ...parts.heads.user, threshold: t.user },
        untrusted: { ...parts.heads.untrusted, threshold: t.untrusted },
      },
      parts.lm,
    );
    const dev = evaluateDev(
      det,
      devPaths.flatMap((p) => readRows(p)),
    );
    m.heads.user.devMetrics = { inDistribution: true, ...dev.user.summary };
    m.heads.untrusted.devMetrics = { inDistribution: true, ...dev.untrusted.summary };
    writeFileSync(path, `${JSON.stringify(m, null, 2)}\n`);
    console.log(JSON.stringify({ heads: m.heads, documents: m.documents }, null, 2));
    return;
  }
  const [dataPath, ...extraDataPaths] = oofOpts.trainFiles;
  const result = await trainModel({
    dataPath: dataPath!,
    extraDataPaths,
    devPath: devPaths[0]!,
    extraDevPaths: devPaths.slice(1),
    thresholds,
    outDir: arg('--out') ?? join(root, 'models'),
    log,
  });
  console.log(JSON.stringify({ stats: result.stats, heads: result.manifest.heads }, null, 2));
  console.log(`weights ${result.manifest.weights.bytes} bytes, sha256 ${result.manifest.weights.sha256}`);
  console.log(
    `fitting the shipped model took ${(tm / 1000).toFixed(1)} s; ${((performance.now() - t0) / 1000).toFixed(1)} s in all, with the out-of-family folds and dev metrics`,
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    await main();
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 1;
  }
}
