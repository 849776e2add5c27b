// Learner comparison on the user question (`tsx tools/eval/compare.ts`): logistic vs one-hidden-layer MLP on the
// same hashed features of train.jsonl (no augmentation, whole texts), scored on dev: recall at 1% FPR and AUC.
import { join, resolve } from 'node:path';
import { recallAtFpr, rocAuc } from '../../src/eval/metrics.js';
import { Corpus, canonical } from '../model/corpus.js';
import { isAttack, readRows } from '../model/data.js';
import { DEFAULT_FEATURES } from '../../src/model/features.js';
import { logit, trainLogistic } from '../../src/model/logistic.js';
import { mlpLogit, trainMlp } from '../model/mlp.js';
import { mulberry32 } from '../../src/model/prng.js';
import { RULE_BITS } from '../../src/model/rule-features.js';
import { DEFAULT_WINDOWS } from '../../src/model/windows.js';

const root = resolve(import.meta.dirname, '..', '..');
const dataDir = resolve(process.env.RAMPART_DATA_DIR ?? join(root, '..', 'shared', 'data'));
const bits = Number(process.argv[2] ?? 16);
const features = { ...DEFAULT_FEATURES, bits };
const train = readRows(join(dataDir, 'injection', 'train.jsonl'));
const dev = readRows(join(dataDir, 'injection', 'dev.jsonl'));
const tc = new Corpus(features, DEFAULT_WINDOWS);
for (const r of train) tc.addUser(canonical(r.text), isAttack(r) ? 1 : 0);
const dc = new Corpus(features, DEFAULT_WINDOWS);
for (const r of dev) dc.addUser(canonical(r.text), isAttack(r) ? 1 : 0);
const labels = dev.map(isAttack);
const report = (name: string, scores: number[], secs: number): void =>
  console.log(
    `${name.padEnd(28)} recall@1%FPR ${(recallAtFpr(scores, labels, 0.01).recall! * 100).toFixed(1)}%  AUC ${rocAuc(scores, labels)!.toFixed(4)}  train ${secs.toFixed(1)} s`,
  );
let t0 = performance.now();
const lr = trainLogistic(tc.docs, tc.user, { bits, ruleBits: RULE_BITS }, mulberry32(1));
report(
  `logistic (2^${bits})`,
  dc.user.map((e) => logit(lr, dc.docs[e.doc]!, e)),
  (performance.now() - t0) / 1000,
);
t0 = performance.now();
const mlp = trainMlp(tc.docs, tc.user, bits, mulberry32(1));
report(
  `mlp H=16 (2^${bits})`,
  dc.user.map((e) => mlpLogit(mlp, dc.docs[e.doc]!, e)),
  (performance.now() - t0) / 1000,
);
