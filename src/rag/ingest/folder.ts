// scanFolder: scans a file or every file under a folder (one shared OCR worker), then looks across the
// documents for near-duplicates and outliers, and copies every document with a reason into a quarantine folder
// beside a JSON file of its reasons. The documents' text never leaves this function (reports carry none).
import { copyFile, lstat, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { RampartError } from '../../core/errors.js';
import { ACTION_SEVERITY, type Action } from '../../core/types.js';
import { mimeForName } from './detect.js';
import { minhash, nearDuplicates, outliers, type NearDuplicate, type Outlier } from './minhash.js';
import { createOcr } from './ocr.js';
import { scanDocument, tooLarge, unreadableReport, type ScanDocumentOptions } from './scan-document.js';
import { DEFAULT_INGEST_LIMITS, type DocumentReport } from './types.js';

/** Files scanned under one folder at most. */
export const MAX_FILES = 10_000;

export interface ScanFolderOptions extends Omit<ScanDocumentOptions, 'name'> {
  /** Folder to copy documents with a reason into (created if missing). */
  quarantine?: string;
}

export type FolderDocument = Omit<DocumentReport, 'text'> & { path: string };

export interface FolderReport {
  documents: FolderDocument[];
  nearDuplicates: NearDuplicate[];
  outliers: Outlier[];
  quarantined: Array<{ path: string; to: string; reasons: string[] }>;
  summary: {
    documents: number;
    byAction: Partial<Record<Action, number>>;
    byCategory: Record<string, number>;
    unreadable: number;
    images: number;
    ocrMsPerImage: { mean: number; max: number } | null;
  };
}

async function listFiles(root: string): Promise<string[]> {
  const info = await lstat(root).catch((cause: unknown) => {
    throw new RampartError('INPUT_INVALID', `cannot read ${root}: no such file or folder`, { cause });
  });
  if (info.isFile()) return [root];
  if (!info.isDirectory()) throw new RampartError('INPUT_INVALID', `${root} is not a file or folder`);
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (out.length >= MAX_FILES) return;
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) out.push(p); // symbolic links are not followed
    }
  };
  await walk(root);
  if (out.length >= MAX_FILES)
    throw new RampartError('INPUT_INVALID', `${root} holds more than ${MAX_FILES} files: scan it in parts`);
  return out;
}

async function readBounded(path: string, maxBytes: number): Promise<Uint8Array | number> {
  const size = (await lstat(path)).size;
  if (size > maxBytes) return size;
  return new Uint8Array(await readFile(path));
}

export async function scanFolder(root: string, options: ScanFolderOptions = {}): Promise<FolderReport> {
  const files = await listFiles(root);
  const limits = { ...DEFAULT_INGEST_LIMITS, ...options.limits };
  const ocr = options.ocr === false ? false : (options.ocr ?? createOcr());
  const documents: FolderDocument[] = [];
  const signatures: Array<{ id: string; signature: Uint32Array }> = [];
  const features: Array<{ id: string; features: Record<string, number> }> = [];
  try {
    for (const path of files) {
      const shown = relative(root, path) || basename(path);
      const data = await readBounded(path, limits.maxBytes).catch(
        (cause: unknown) =>
          new RampartError(
            'DOCUMENT_INVALID',
            `cannot read the file (${String((cause as { code?: unknown }).code ?? 'read error')})`,
          ),
      );
      if (data instanceof RampartError) {
        const { text: _, ...rest } = unreadableReport(
          { format: 'unknown', mime: mimeForName(path), bytes: 0, sha256: '' },
          data,
        );
        documents.push({ path: shown, ...rest });
        continue;
      }
      const report: DocumentReport =
        typeof data === 'number'
          ? unreadableReport(
              { format: 'unknown', mime: mimeForName(path), bytes: data, sha256: '' },
              tooLarge(data, limits.maxBytes),
            )
          : await scanDocument(data, mimeForName(path), { ...options, ocr, name: path });
      const { text, ...rest } = report;
      documents.push({ path: shown, ...rest });
      if (!report.error) {
        signatures.push({ id: shown, signature: minhash(text) });
        const { chars, hiddenChars } = report.stats;
        features.push({
          id: shown,
          features: {
            'text length': Math.log1p(chars),
            'hidden text share': chars === 0 ? 0 : hiddenChars / chars,
          },
        });
      }
    }
  } finally {
    if (ocr && options.ocr === undefined) await ocr.close();
  }
  const dups = nearDuplicates(signatures);
  const odd = outliers(features);
  const reasons = new Map<string, string[]>();
  const add = (path: string, reason: string): void => {
    reasons.set(path, [...(reasons.get(path) ?? []), reason]);
  };
  for (const d of documents) {
    if (d.error) add(d.path, `unreadable: ${d.error.code}`);
    else if (d.action !== 'allow') {
      const cats = [...new Set(d.findings.filter((f) => f.action !== 'allow').map((f) => f.category))];
      add(d.path, `${d.action}: ${cats.join(', ')}`);
    }
  }
  for (const p of dups) add(p.b, `near-duplicate of ${p.a} (similarity ${p.similarity.toFixed(2)})`);
  for (const o of odd) add(o.id, `outlier: ${o.reason}`);
  const quarantined: FolderReport['quarantined'] = [];
  if (options.quarantine && reasons.size > 0) {
    await mkdir(options.quarantine, { recursive: true });
    for (const [path, why] of reasons) {
      const doc = documents.find((d) => d.path === path)!;
      const source = files.find((f) => (relative(root, f) || basename(f)) === path)!;
      const to = join(options.quarantine, `${(doc.sha256 || 'large').slice(0, 12)}-${basename(path)}`);
      await copyFile(source, to).catch(() => undefined);
      await writeFile(
        `${to}.reasons.json`,
        `${JSON.stringify({ path, sha256: doc.sha256, reasons: why }, null, 2)}\n`,
      );
      quarantined.push({ path, to, reasons: why });
    }
  }
  const byAction: Partial<Record<Action, number>> = {};
  const byCategory: Record<string, number> = {};
  for (const d of documents) {
    byAction[d.action] = (byAction[d.action] ?? 0) + 1;
    for (const f of d.findings)
      if (f.action !== 'allow') byCategory[f.category] = (byCategory[f.category] ?? 0) + 1;
  }
  const ocrMs = documents.flatMap((d) => d.stats.ocrMs);
  return {
    documents,
    nearDuplicates: dups,
    outliers: odd,
    quarantined,
    summary: {
      documents: documents.length,
      byAction,
      byCategory,
      unreadable: documents.filter((d) => d.error).length,
      images: documents.reduce((n, d) => n + d.stats.images, 0),
      ocrMsPerImage: ocrMs.length
        ? { mean: Math.round(ocrMs.reduce((a, b) => a + b, 0) / ocrMs.length), max: Math.max(...ocrMs) }
        : null,
    },
  };
}

/** The worst action over a folder's documents. */
export const worstAction = (report: FolderReport): Action =>
  report.documents.reduce<Action>(
    (a, d) => (ACTION_SEVERITY[d.action] > ACTION_SEVERITY[a] ? d.action : a),
    'allow',
  );
