// Writes the reports of a run into a directory: summary.json, report.html, junit.xml and promptfoo.json
// (promptfoo's results format).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseResult } from '../runner-types.js';
import { renderHtml } from './html.js';
import { renderJunit } from './junit.js';
import { renderPromptfoo } from './promptfoo.js';
import type { AdaptiveSummary, BaselineDiff } from './adaptive.js';
import { summarize, type Summary, type SummaryMeta } from './summary.js';

export function writeReports(
  dir: string,
  results: readonly CaseResult[],
  meta: SummaryMeta,
  extra: { adaptive?: AdaptiveSummary; baseline?: BaselineDiff } = {},
): Summary {
  mkdirSync(dir, { recursive: true });
  const summary: Summary = {
    ...summarize(results, meta),
    ...(extra.adaptive ? { adaptive: extra.adaptive } : {}),
    ...(extra.baseline ? { baseline: extra.baseline } : {}),
  };
  writeFileSync(join(dir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  writeFileSync(join(dir, 'report.html'), renderHtml(summary, results));
  writeFileSync(join(dir, 'junit.xml'), renderJunit(summary, results));
  writeFileSync(
    join(dir, 'promptfoo.json'),
    `${JSON.stringify(renderPromptfoo(summary, results), null, 2)}\n`,
  );
  return summary;
}
