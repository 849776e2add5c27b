// Leave-one-source-out: for each source group with attacks, train on every other group (train.jsonl only),
// take the user-head threshold at 1% FPR on dev benign rows, and report recall on the held-out group's train
// rows, which the fold never saw. `tsx src/model/loso.ts` (minutes; not part of `npm run train`).
import { join, resolve } from 'node:path';
import { canonical } from './corpus.js';
import { isAttack, readRows, sourceGroup } from './data.js';
import { trainModel } from './train.js';

const root = resolve(import.meta.dirname, '..', '..');
const dataDir = resolve(process.env.RAMPART_DATA_DIR ?? join(root, '..', 'shared', 'data'));
const trainPath = join(dataDir, 'injection', 'train.jsonl');
const devPath = join(dataDir, 'injection', 'dev.jsonl');
const rows = readRows(trainPath);
const groups = [...new Set(rows.filter(isAttack).map((r) => sourceGroup(r.source)))].sort();
const only = process.argv.slice(2);
let caught = 0;
let total = 0;
for (const g of groups.filter((x) => only.length === 0 || only.includes(x))) {
  const held = rows.filter((r) => sourceGroup(r.source) === g && isAttack(r));
  const { detector } = await trainModel({
    dataPath: trainPath,
    devPath,
    outDir: '',
    dryRun: true,
    exclude: (r) => sourceGroup(r.source) === g,
  });
  const t = detector.manifest.heads.user.threshold;
  const hit = held.filter((r) => detector.score(canonical(r.text), 'user').score >= t).length;
  caught += hit;
  total += held.length;
  console.log(
    `${g.padEnd(45)} held-out attacks ${String(held.length).padStart(5)}  recall ${((hit / held.length) * 100).toFixed(1)}%`,
  );
}
console.log(`pooled held-out recall ${((caught / total) * 100).toFixed(1)}% over ${total} attacks`);
