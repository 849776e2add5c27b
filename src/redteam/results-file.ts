// results.jsonl: one CaseResult per line, appended as each case finishes, so a killed run loses at most
// the cases in flight and `--resume` picks up where it stopped. Appends are serialised in-process.
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseResult } from './runner-types.js';

export const RESULTS_FILE = 'results.jsonl';

/** Results already on disk (a torn last line from a crash is skipped). Later lines win for one id. */
export function readResults(dir: string): Map<string, CaseResult> {
  const path = join(dir, RESULTS_FILE);
  const out = new Map<string, CaseResult>();
  if (!existsSync(path)) return out;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as CaseResult;
      if (r && typeof r.id === 'string' && typeof r.success === 'boolean') out.set(r.id, r);
    } catch {
      // torn or foreign line: ignored
    }
  }
  return out;
}

export interface ResultsWriter {
  append(r: CaseResult): void;
}

/** Opens the results file: kept (resume) or truncated (a fresh run). */
export function openResults(dir: string, resume: boolean): ResultsWriter {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, RESULTS_FILE);
  if (!resume || !existsSync(path)) writeFileSync(path, '');
  else {
    // A crash may have left a torn line without its newline: start the next record on a line of its own.
    const text = readFileSync(path, 'utf8');
    if (text && !text.endsWith('\n')) appendFileSync(path, '\n');
  }
  return { append: (r) => appendFileSync(path, `${JSON.stringify(r)}\n`) };
}
