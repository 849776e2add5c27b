// `npm run eval:pii`: the PII tables alone — the token tagger out of family (trained here without 16 locales
// and the held-out templates, a few minutes), the shipped tagger on the same sentences and on the benign dev
// rows, then pii/pii.jsonl in distribution. `--json <file>` also writes the out-of-family report as JSON.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { evalPii, evalPiiOutOfFamily, formatOofReport, formatPiiReport } from './pii.js';

const dataDir = resolve(
  process.env.RAMPART_DATA_DIR ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'data'),
);
const oof = evalPiiOutOfFamily();
console.log(formatOofReport(oof), '\n');
const at = process.argv.indexOf('--json');
if (at >= 0 && process.argv[at + 1])
  writeFileSync(process.argv[at + 1]!, `${JSON.stringify(oof, null, 2)}\n`);
console.log(formatPiiReport(await evalPii(join(dataDir, 'pii', 'pii.jsonl'))));
