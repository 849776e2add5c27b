// `rampart ingest FILE|DIR`: scans documents before they are chunked or embedded and prints per-file findings
// and a summary. Exit codes as `rampart scan`: 0 every document allowed (or below --fail-on), 1 a document's
// action is --fail-on or worse (an unreadable document is `block`: fail closed), 2 usage or input error.
import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { RampartError } from '../core/errors.js';
import { ACTION_SEVERITY, type Action } from '../core/types.js';
import type { FolderReport } from '../rag/ingest/folder.js';
import { formatLocation } from '../rag/ingest/report-html.js';
import { FAIL_ON, failsOn, type FailOn } from './scan.js';

export interface IngestArgs {
  format: 'text' | 'json';
  quarantine?: string;
  reportHtml?: string;
  policy?: string;
  failOn: FailOn;
  ocr: boolean;
  maxBytes?: string;
  ocrBudgetMs?: string;
}

export interface IngestIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

const positiveInt = (name: string, v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0)
    throw new RampartError('INPUT_INVALID', `${name} must be a positive integer`);
  return n;
};

export function formatIngestText(report: FolderReport): string[] {
  const lines: string[] = [];
  for (const d of report.documents) {
    lines.push(
      `${d.path}: ${d.action} (${d.format}, ${d.findings.length} finding${d.findings.length === 1 ? '' : 's'})`,
    );
    for (const f of d.findings)
      lines.push(
        `  ${f.action.padEnd(7)} ${f.category} ${f.score.toFixed(2)} [${formatLocation(f.location)}] ${f.message}`,
      );
  }
  for (const p of report.nearDuplicates)
    lines.push(`near-duplicate: ${p.a} ~ ${p.b} (${p.similarity.toFixed(2)})`);
  for (const o of report.outliers) lines.push(`outlier: ${o.id}: ${o.reason}`);
  for (const q of report.quarantined) lines.push(`quarantined: ${q.path} -> ${q.to}`);
  const s = report.summary;
  const actions = (Object.keys(ACTION_SEVERITY) as Action[])
    .filter((a) => s.byAction[a])
    .map((a) => `${s.byAction[a]} ${a}`)
    .join(', ');
  const ocr = s.ocrMsPerImage
    ? `; OCR ${s.ocrMsPerImage.mean} ms per image (max ${s.ocrMsPerImage.max})`
    : '';
  lines.push(
    `${s.documents} document${s.documents === 1 ? '' : 's'}: ${actions || 'none'}; ${s.unreadable} unreadable; ${s.images} images${ocr}`,
  );
  return lines;
}

export async function ingestCommand(path: string, args: IngestArgs, io: IngestIo): Promise<number> {
  const [{ scanFolder }, { renderIngestHtml }, { createGuard, loadGuard }] = await Promise.all([
    import('../rag/ingest/folder.js'),
    import('../rag/ingest/report-html.js'),
    import('../policy/create-guard.js'),
  ]);
  const guard = args.policy
    ? loadGuard(args.policy, { warmUp: ['retrieval'] })
    : createGuard(undefined, { warmUp: ['retrieval'] });
  const maxBytes = positiveInt('--max-bytes', args.maxBytes);
  const ocrBudgetMs = positiveInt('--ocr-budget-ms', args.ocrBudgetMs);
  const report = await scanFolder(path, {
    guard,
    ...(args.quarantine ? { quarantine: args.quarantine } : {}),
    ...(args.ocr ? {} : { ocr: false as const }),
    limits: { ...(maxBytes ? { maxBytes } : {}), ...(ocrBudgetMs ? { ocrBudgetMs } : {}) },
  });
  if (args.reportHtml) await writeFile(args.reportHtml, renderIngestHtml(report));
  if (args.format === 'json') io.out(JSON.stringify(report));
  else for (const line of formatIngestText(report)) io.out(line);
  return report.documents.some((d) => failsOn(d.action, args.failOn)) ? 1 : 0;
}

/** Adds `ingest` to the program; the scanners and parsers load when it runs. */
export function registerIngestCommand(
  program: Command,
  io: IngestIo,
  setExit: (code: number) => void,
): Command {
  return program
    .command('ingest')
    .description(
      'scan documents (HTML, Markdown, SVG, PDF, DOCX, images) for hidden text and injected instructions ' +
        'before they are chunked or embedded; exit 0 all allowed (or below --fail-on), 1 a document is ' +
        '--fail-on or worse (unreadable documents are blocked), 2 error',
    )
    .argument('<path>', 'a file, or a folder scanned recursively (symbolic links are not followed)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option(
      '--quarantine <dir>',
      'copy documents with a reason (flagged, unreadable, near-duplicate, outlier) here, each with a .reasons.json',
    )
    .option('--report-html <file>', 'also write a self-contained HTML report')
    .option('--policy <file>', 'policy YAML file (default: the shipped default policy)')
    .addOption(
      new Option('--fail-on <action>', "exit 1 when a document's action is this or worse (as rampart scan)")
        .choices(FAIL_ON)
        .default('flag'),
    )
    .option('--no-ocr', 'do not OCR images (their metadata is still scanned)')
    .option('--max-bytes <n>', 'largest document in bytes (default 20 MiB)')
    .option('--ocr-budget-ms <n>', 'OCR time per document, all images together (default 30000)')
    .action(async (path: string, o: IngestArgs) => {
      setExit(await ingestCommand(path, o, io));
    });
}
