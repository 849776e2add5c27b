// `npm run eval`: efficacy over ../shared/data (dev split only; train is for training and tuning).
// 1. `rampart eval` over injection/dev.jsonl as user text (the stable interface outside evaluations use);
// 2. the document rows of the same file scanned as untrusted text (retrieved documents, e-mails, tool
//    results): embedded injections against their clean carriers;
// 3. secrets and PII detection on secrets/secrets.jsonl (plus the rows eval/secrets-shapes.ts generates)
//    and pii/pii.jsonl.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createGuard } from '../src/policy/create-guard.js';
import { judge, runInjectionEval } from '../src/eval/injection-eval.js';
import { formatEvalRun } from '../src/eval/format-report.js';
import { formatHardNegatives, hardNegatives } from './hard-negatives.js';
import { evalInjectionModel, formatModelEval } from './model.js';
import { DOCUMENT_SOURCE, evalPeers, formatPeerTable, PEERS } from './peers.js';
import { evalPii, evalPiiOutOfFamily, formatOofReport, formatPiiReport } from './pii.js';
import { evalSecretRows, evalSecrets, formatSecretsReport } from './secrets.js';
import { secretShapeRows } from './secrets-shapes.js';
import { formatAgentReport, runAgentBenchmark } from '../src/agent/eval/index.js';

const dataDir = resolve(
  process.env.RAMPART_DATA_DIR ?? join(import.meta.dirname, '..', '..', 'shared', 'data'),
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

const guard = createGuard();
console.log(
  '== Injection and jailbreak detection (default policy: rules + model), dev split, user text ==\n',
);
const userRun = await runInjectionEval(guard, { path: devPath, trust: 'user' });
console.log(formatEvalRun(userRun, devPath));
console.log('\n== Documents (carriers and embedded injections), dev split, scanned as untrusted text ==\n');
const documentRun = await runInjectionEval(guard, { path: documentRows(devPath) });
console.log(formatEvalRun(documentRun, 'dev documents (trust: untrusted)'));
console.log('\n== Hard negatives: false positives of the default policy by kind (dev) ==\n');
console.log(formatHardNegatives(hardNegatives(userRun.rows, documentRun.rows)));
if (process.env.RAMPART_EVAL_PEERS !== '0') {
  // Same rows, same process, one run: Rampart's default policy next to the offline JavaScript guards.
  // Slow peers get a time budget and are scored on a uniform sample (marked partial). RAMPART_EVAL_PEERS=0 skips.
  console.log('\n== Rampart vs offline JavaScript guard libraries (dev split) ==\n');
  const rampart = async (text: string, trust: 'user' | 'untrusted') => {
    const { predicted, score } = judge(await guard.check('input', [{ text, trust }]));
    return { flagged: predicted, score };
  };
  console.log(formatPeerTable(await evalPeers(devPath, rampart, PEERS, 120_000)));
}
console.log('\n== Rules alone, model alone, both (dev) ==\n');
console.log(formatModelEval(evalInjectionModel(devPath)));
console.log('\n== Secrets ==\n');
console.log(formatSecretsReport(await evalSecrets(join(dataDir, 'secrets', 'secrets.jsonl'))));
console.log('');
console.log(formatSecretsReport(evalSecretRows(secretShapeRows().rows), 'secrets (eval/secrets-shapes.ts)'));
console.log('\n== PII ==\n');
console.log(formatOofReport(evalPiiOutOfFamily()), '\n');
console.log(formatPiiReport(await evalPii(join(dataDir, 'pii', 'pii.jsonl'))));
console.log('\n== Agent-injection benchmark (tasks written for Rampart; rampart-local as the agent) ==\n');
console.log(formatAgentReport(await runAgentBenchmark()));
