// `npm run eval`: efficacy over ../shared/data.
// 1. Out-of-family validation first (tools/model/oof.ts): every source family scored by a fold model that never
//    saw it (fold scores cached under .cache/oof; a cold cache trains every fold, see README); the table is
//    also written to tools/eval/out/out-of-family.json; then the peer comparison on those rows.
// 2. In-distribution: `rampart eval` over injection/dev.jsonl as user text (the stable interface outside
//    evaluations use), the document rows of the same file as untrusted text, the peers on dev;
// 3. secrets and PII detection on secrets/secrets.jsonl (plus the rows tools/eval/secrets-shapes.ts generates)
//    and pii/pii.jsonl (after the PII tagger's out-of-family table).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createGuard } from '../../src/policy/create-guard.js';
import { judge, runInjectionEval } from '../../src/eval/injection-eval.js';
import { formatEvalRun } from '../../src/eval/format-report.js';
import { formatHardNegatives, hardNegatives } from './hard-negatives.js';
import { evalInjectionModel, formatModelEval } from './model.js';
import { DOCUMENT_SOURCE, evalPeers, formatPeerTable, PEERS } from './peers.js';
import {
  evalPii,
  evalPiiOutOfFamily,
  formatOofReport as formatPiiOofReport,
  formatPiiReport,
} from './pii.js';
import { evalSecretRows, evalSecrets, formatSecretsReport } from './secrets.js';
import { secretShapeRows } from './secrets-shapes.js';
import { formatAgentReport, runAgentBenchmark } from '../../src/eval/agent/index.js';
import { canonicalize } from '../../src/normalize/canonicalize.js';
import { scanInjectionRules } from '../../src/scanners/injection-rules.js';
import { getInjectionDetector } from '../../src/scanners/injection-model.js';
import {
  documentScore,
  formatOofReport,
  manifestThresholds,
  oofReport,
  outOfFamily,
  shippedOofOptions,
  type OofRow,
} from '../model/oof.js';

const dataDir = resolve(
  process.env.RAMPART_DATA_DIR ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'data'),
);
const devPath = join(dataDir, 'injection', 'dev.jsonl');

function documentRows(path: string): string {
  const out = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { source?: string })
    .filter((r) => DOCUMENT_SOURCE.test(r.source ?? ''))
    .map((r) => JSON.stringify({ ...r, trust: 'untrusted' }));
  const file = join(mkdtempSync(join(tmpdir(), 'rampart-eval-')), 'documents.jsonl');
  writeFileSync(file, `${out.join('\n')}\n`);
  return file;
}

const peerBudgetMs = Number(process.env.RAMPART_EVAL_PEER_BUDGET_MS ?? 60_000);
const t0 = performance.now();
console.log('== Out-of-family validation: each source family scored by a model trained without it ==\n');
const oof = await outOfFamily(
  shippedOofOptions((l) => console.log(`  [${((performance.now() - t0) / 1000).toFixed(0)} s] ${l}`)),
);
const shipped = manifestThresholds(getInjectionDetector().manifest);
const oofOut = oofReport(oof, shipped);
console.log(formatOofReport(oofOut));
const outDir = join(import.meta.dirname, 'out');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'out-of-family.json'), `${JSON.stringify(oofOut, null, 2)}\n`);
console.log(
  `(written to tools/eval/out/out-of-family.json; ${((performance.now() - t0) / 1000).toFixed(0)} s)`,
);
if (process.env.RAMPART_EVAL_PEERS !== '0') {
  // Rampart's verdict on an out-of-family row: the rules, or the fold model that never saw the row's family
  // at the shipped thresholds. Peers never saw any of these rows.
  console.log(
    '\n== Rampart (rules + out-of-family model) vs offline JavaScript guard libraries, out-of-family rows ==\n',
  );
  console.log(formatPeerTable(await evalPeers(oofRowsFile(oof), oofDetect(oof), PEERS, peerBudgetMs)));
}

function oofRowsFile(rows: readonly OofRow[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'rampart-oof-')), 'oof.jsonl');
  writeFileSync(file, `${rows.map((x) => JSON.stringify(x.row)).join('\n')}\n`);
  return file;
}

function oofDetect(rows: readonly OofRow[]) {
  const byText = new Map<string, OofRow>();
  for (const x of rows) byText.set(x.row.text.slice(0, 4000), x);
  return (text: string, trust: 'user' | 'untrusted') => {
    const x = byText.get(text);
    const canon = canonicalize(text).text;
    const rule = scanInjectionRules(canon, trust).reduce((m, f) => Math.max(m, f.score), 0);
    const model =
      x === undefined
        ? 0
        : trust === 'untrusted' && x.untrusted !== undefined
          ? documentScore(x, shipped)
          : x.user;
    const th = trust === 'untrusted' ? shipped.untrusted : shipped.user;
    return Promise.resolve({ flagged: rule > 0 || model >= th, score: Math.max(model, rule) });
  };
}

const guard = createGuard();
console.log(
  '\n== In-distribution (dev split; families also in training): default policy (rules + model), user text ==\n',
);
const userRun = await runInjectionEval(guard, { path: devPath, trust: 'user' });
console.log(formatEvalRun(userRun, devPath));
console.log(
  '\n== In-distribution: documents (carriers and embedded injections), dev split, scanned as untrusted text ==\n',
);
const documentRun = await runInjectionEval(guard, { path: documentRows(devPath) });
console.log(formatEvalRun(documentRun, 'dev documents (trust: untrusted)'));
console.log('\n== Hard negatives: false positives of the default policy by kind (dev) ==\n');
console.log(formatHardNegatives(hardNegatives(userRun.rows, documentRun.rows)));
if (process.env.RAMPART_EVAL_PEERS !== '0') {
  // Same rows, same process, one run: Rampart's default policy next to the offline JavaScript guards.
  // Slow peers get a time budget and are scored on a uniform sample (marked partial). RAMPART_EVAL_PEERS=0 skips.
  console.log(
    '\n== Rampart vs offline JavaScript guard libraries (dev split, in-distribution for Rampart) ==\n',
  );
  const rampart = async (text: string, trust: 'user' | 'untrusted') => {
    const { predicted, score } = judge(await guard.check('input', [{ text, trust }]));
    return { flagged: predicted, score };
  };
  console.log(formatPeerTable(await evalPeers(devPath, rampart, PEERS, peerBudgetMs)));
}
console.log('\n== Rules alone, model alone, both (dev, in-distribution) ==\n');
console.log(formatModelEval(evalInjectionModel(devPath)));
console.log('\n== Secrets ==\n');
console.log(formatSecretsReport(await evalSecrets(join(dataDir, 'secrets', 'secrets.jsonl'))));
console.log('');
console.log(
  formatSecretsReport(evalSecretRows(secretShapeRows().rows), 'secrets (tools/eval/secrets-shapes.ts)'),
);
console.log('\n== PII ==\n');
console.log(formatPiiOofReport(evalPiiOutOfFamily()), '\n');
console.log(formatPiiReport(await evalPii(join(dataDir, 'pii', 'pii.jsonl'))));
console.log('\n== Agent-injection benchmark (tasks written for Rampart; rampart-local as the agent) ==\n');
console.log(formatAgentReport(await runAgentBenchmark()));
