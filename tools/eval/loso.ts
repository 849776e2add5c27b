// Leave-one-source-out: for each source group with attacks, train on every other group (train.jsonl only),
// take the thresholds on dev as `npm run train` does, and report recall on the held-out group's train rows,
// which the fold never saw. Each group is scored the way the product scans it: embedded-injection rows are
// documents, so they are scored as untrusted text (untrusted threshold: 1.5% FPR on dev clean documents); every
// other group is user text (user threshold: 1% FPR on dev benign rows). Groups with several sources also get a
// per-source line. `tsx tools/eval/loso.ts [group ...] [--opts '<TrainOptions JSON>']` (minutes; not part of
// `npm run train`).
import { join, resolve } from 'node:path';
import { canonical } from '../model/corpus.js';
import { isAttack, readRows, sourceGroup, type Row } from '../model/data.js';
import { trainModel, type TrainOptions } from '../model/train.js';

const root = resolve(import.meta.dirname, '..', '..');
const dataDir = resolve(process.env.RAMPART_DATA_DIR ?? join(root, '..', 'shared', 'data'));
const trainPath = join(dataDir, 'injection', 'train.jsonl');
const devPath = join(dataDir, 'injection', 'dev.jsonl');
const rows = readRows(trainPath);
const groups = [...new Set(rows.filter(isAttack).map((r) => sourceGroup(r.source)))].sort();
const args = process.argv.slice(2);
const at = args.indexOf('--opts');
const extra = (at >= 0 ? JSON.parse(args[at + 1] ?? '{}') : {}) as Partial<TrainOptions>;
const only = args.filter((a, i) => a !== '--opts' && (at < 0 || i !== at + 1));
const isDocumentGroup = (g: string): boolean => g.includes('embedded-injection');

/**
 * Source label for the per-source lines: the repository, its path up to the first '/', '*' or '(' and one
 * more segment ("JailbreakBench/artifacts:attack-artifacts/GCG"). A scan, not a regex: the regex form of
 * this backtracks quadratically (the ReDoS audit flags it).
 */
function sub(r: Row): string {
  const s = r.source;
  const colon = s.indexOf(':');
  const stop = (from: number): number => {
    let i = from;
    while (i < s.length && s[i] !== '/' && s[i] !== '*' && s[i] !== '(') i++;
    return i;
  };
  if (colon <= 0) return s;
  let end = stop(colon + 1);
  if (end === colon + 1) return s;
  if (s[end] === '/' || s[end] === '*') end = stop(end + 1);
  return s.slice(0, end);
}

let caught = 0;
let total = 0;
for (const g of groups.filter((x) => only.length === 0 || only.includes(x))) {
  const held = rows.filter((r) => sourceGroup(r.source) === g && isAttack(r));
  const { detector } = await trainModel({
    dataPath: trainPath,
    devPath,
    outDir: '',
    dryRun: true,
    ...extra,
    exclude: (r) => sourceGroup(r.source) === g,
  });
  const question = isDocumentGroup(g) ? 'untrusted' : 'user';
  const t = detector.manifest.heads[question].threshold;
  const hits = held.map((r) => detector.score(canonical(r.text), question).score >= t);
  const hit = hits.filter(Boolean).length;
  caught += hit;
  total += held.length;
  console.log(
    `${g.padEnd(45)} ${question.padEnd(9)} held-out attacks ${String(held.length).padStart(5)}  recall ${((hit / held.length) * 100).toFixed(1)}%`,
  );
  const bySource = new Map<string, { n: number; hit: number }>();
  held.forEach((r, i) => {
    const k = sub(r);
    const s = bySource.get(k) ?? { n: 0, hit: 0 };
    s.n++;
    if (hits[i]) s.hit++;
    bySource.set(k, s);
  });
  if (bySource.size > 1)
    for (const [k, s] of [...bySource].sort())
      console.log(
        `    ${k.padEnd(70)} ${String(s.n).padStart(5)}  recall ${((s.hit / s.n) * 100).toFixed(1)}%`,
      );
}
console.log(`pooled held-out recall ${((caught / total) * 100).toFixed(1)}% over ${total} attacks`);
