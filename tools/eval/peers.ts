// Side-by-side evaluation of Rampart and the JavaScript guard libraries that can run offline (issue 5).
// Every system sees the same dev rows (injection + jailbreak positive, benign negative) in one process, one
// after the other, so latencies are comparable. Rampart scans the document rows a second time as untrusted
// text; the peers have no notion of trust, so their document numbers come from the same plain-text pass.
// Network access (fetch, sockets) is blocked and counted while a peer loads and runs: a peer that needs the
// network fails here and is reported as not running offline, never scored on made-up results.
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { binaryMetrics, percentile, type BinaryMetrics } from '../../src/eval/metrics.js';
import { parseRow, type EvalRow } from '../../src/eval/injection-eval.js';
import { haiGuardrails } from './peers/hai-guardrails.js';
import { llmGuard } from './peers/llm-guard.js';
import { llmGuardrail } from './peers/llm-guardrail.js';
import { openaiGuardrails } from './peers/openai-guardrails.js';
import { vard } from './peers/vard.js';
import type { PeerAdapter, PeerDetect, RampartDetect } from './peers/adapter.js';

export type { PeerAdapter, PeerDetect, PeerVerdict, RampartDetect } from './peers/adapter.js';

/** Detection metrics on one subset of rows (AUC and F1 left out: peers give no comparable scores). */
export interface SubsetResult extends Omit<BinaryMetrics, 'f1' | 'auc'> {
  p50_ms: number | null;
  p99_ms: number | null;
}

export interface PeerRow {
  name: string;
  version: string;
  offline: { ok: boolean; reason: string };
  /** Rows on which the detector threw (counted as not flagged). */
  errors: number;
  /** Dev rows scored / dev rows in the file: fewer when the system ran out of its time budget. */
  rowsScored: number;
  rowsTotal: number;
  firstError?: string;
  /** All dev rows (Rampart: as user text). Null when the peer could not run. */
  all: SubsetResult | null;
  /** Document rows (Rampart: as untrusted text; peers: the plain-text results of those rows). */
  documents: SubsetResult | null;
  /** Rows with lang ≠ 'en' (same pass as `all`). */
  nonEnglish: Pick<SubsetResult, 'n' | 'recall' | 'fpr'> | null;
}

/** Rows that are documents (carriers and their injected twins), per ../shared/data/README.md. */
export const DOCUMENT_SOURCE =
  /embedded-injection|google-deepmind\/xquad|UniversalDependencies\/|colinhacks\/zod|fastify\/fastify|honojs\/hono|tldr-pages\/tldr|stdlib-js\/datasets-spam-assassin/u;

/** Per-row work bound: the dataset is truncated to 4,000 chars; longer inputs are cut, never passed whole. */
export const MAX_TEXT_CHARS = 4_000;

/**
 * Wall-clock budget per system for the pass over all rows. Rows are visited in a fixed pseudo-random order,
 * so a system that runs out of budget is scored on a uniform sample (reported as partial, with its n).
 */
export const DEFAULT_BUDGET_MS = 300_000;

export const PEERS: readonly PeerAdapter[] = [llmGuardrail, vard, llmGuard, haiGuardrails, openaiGuardrails];

interface Scored {
  positive: boolean;
  predicted: boolean;
  ms: number;
}

function subset(results: readonly Scored[]): SubsetResult {
  const m = binaryMetrics(
    results.map((r) => r.predicted),
    results.map((r) => r.positive),
    results.map(() => 0),
  );
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  const { f1: _f1, auc: _auc, ...rates } = m;
  return { ...rates, p50_ms: percentile(ms, 50), p99_ms: percentile(ms, 99) };
}

// ---- network guard -------------------------------------------------------------------------------------

interface NetworkLog {
  attempts: string[];
}

/** Runs `fn` with fetch and outgoing sockets refused; every attempt is recorded. Restores both afterwards. */
async function withNetworkBlocked<T>(fn: () => Promise<T>): Promise<{ value: T; log: NetworkLog }> {
  const log: NetworkLog = { attempts: [] };
  const origFetch = globalThis.fetch;
  const origConnect = net.Socket.prototype.connect;
  globalThis.fetch = (input: Parameters<typeof fetch>[0]): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    log.attempts.push(`fetch ${url}`);
    return Promise.reject(new Error(`network blocked by the peer eval (fetch ${url})`));
  };
  net.Socket.prototype.connect = function blockedConnect(this: net.Socket, ...args: unknown[]): net.Socket {
    const o = args[0] as { host?: string; port?: number; path?: string } | number | string | undefined;
    const where =
      typeof o === 'object' && o !== null ? (o.path ?? `${o.host ?? '?'}:${o.port ?? '?'}`) : String(o);
    log.attempts.push(`socket ${where}`);
    // Fail the way a refused connection does: asynchronously, through the socket's 'error' event.
    process.nextTick(() => this.destroy(new Error(`network blocked by the peer eval (socket ${where})`)));
    return this;
  } as typeof net.Socket.prototype.connect;
  try {
    return { value: await fn(), log };
  } finally {
    globalThis.fetch = origFetch;
    net.Socket.prototype.connect = origConnect;
  }
}

// ---- rows ----------------------------------------------------------------------------------------------

export function readDevRows(path: string): EvalRow[] {
  const rows: EvalRow[] = [];
  const lines = readFileSync(path, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const row = parseRow(JSON.parse(line) as unknown, 'user');
    if (typeof row === 'string') throw new Error(`${path}:${i + 1}: ${row}`);
    rows.push({ ...row, text: row.text.slice(0, MAX_TEXT_CHARS) });
  });
  return rows;
}

const errMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e));

interface Pass {
  /** Indexed like the rows passed in; undefined where the budget ran out first. */
  results: Array<Scored | undefined>;
  errors: number;
  firstError?: string;
}

/** Visiting order: a fixed permutation (multiplicative hash), so any prefix is a spread-out sample. */
function visitOrder(n: number): number[] {
  const key = (i: number): number => Math.imul(i + 1, 0x9e3779b1) >>> 0;
  return Array.from({ length: n }, (_, i) => i).sort((a, b) => key(a) - key(b));
}

async function runPass(rows: readonly EvalRow[], detect: PeerDetect, budgetMs: number): Promise<Pass> {
  const pass: Pass = { results: new Array<Scored | undefined>(rows.length).fill(undefined), errors: 0 };
  const start = performance.now();
  for (const i of visitOrder(rows.length)) {
    if (performance.now() - start > budgetMs) break;
    const row = rows[i]!;
    let predicted = false;
    const t0 = performance.now();
    try {
      predicted = (await detect(row.text)).flagged === true;
    } catch (e) {
      pass.errors++;
      pass.firstError ??= errMessage(e);
    }
    const ms = performance.now() - t0;
    pass.results[i] = { positive: row.label !== 'benign', predicted, ms };
  }
  return pass;
}

function installedVersion(packageName: string): string | null {
  try {
    const pkg = JSON.parse(
      readFileSync(
        join(import.meta.dirname, '..', '..', 'node_modules', packageName, 'package.json'),
        'utf8',
      ),
    ) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : null;
  } catch {
    return null;
  }
}

function rampartVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? '?';
  } catch {
    return '?';
  }
}

interface System {
  name: string;
  version: string;
  load(): Promise<RampartDetect>;
  /** Whether the document rows get a pass of their own as untrusted text. */
  trustAware: boolean;
}

const defined = <T>(xs: ReadonlyArray<T | undefined>): T[] => xs.filter((x): x is T => x !== undefined);

/** A row for a system that was not scored, with the reason. */
function notRunRow(name: string, version: string, rowsTotal: number, reason: string): PeerRow {
  return {
    name,
    version,
    offline: { ok: false, reason },
    errors: 0,
    rowsScored: 0,
    rowsTotal,
    all: null,
    documents: null,
    nonEnglish: null,
  };
}

async function evalSystem(sys: System, rows: readonly EvalRow[], budgetMs: number): Promise<PeerRow> {
  const base = { name: sys.name, version: sys.version };
  const notRun = (reason: string): PeerRow => notRunRow(sys.name, sys.version, rows.length, reason);
  const docIdx = rows.flatMap((r, i) => (DOCUMENT_SOURCE.test(r.source) ? [i] : []));
  let run: { value: { all: Pass; docs: Pass | null }; log: NetworkLog };
  try {
    run = await withNetworkBlocked(async () => {
      const detect = await sys.load();
      // One untimed warm-up call (lazy model loading, JIT) so the first row does not carry start-up cost.
      await detect('Hello, how are you today?', 'user').catch(() => undefined);
      const all = await runPass(rows, (t) => detect(t, 'user'), budgetMs);
      // Rampart's untrusted pass covers the document rows its user pass scored (all of them unless partial).
      const scoredDocs = docIdx.filter((i) => all.results[i] !== undefined).map((i) => rows[i]!);
      const docs = sys.trustAware
        ? await runPass(scoredDocs, (t) => detect(t, 'untrusted'), Number.POSITIVE_INFINITY)
        : null;
      return { all, docs };
    });
  } catch (e) {
    return notRun(`does not run offline: ${errMessage(e)}`);
  }
  const { all, docs } = run.value;
  const attempts = run.log.attempts;
  if (attempts.length > 0) {
    return notRun(
      `does not run offline: tried to reach the network ${attempts.length}× (first: ${attempts[0]})`,
    );
  }
  const nonEn = subset(defined(all.results.filter((_, i) => rows[i]!.lang !== 'en')));
  const scored = defined(all.results);
  const errors = all.errors + (docs?.errors ?? 0);
  const firstError = all.firstError ?? docs?.firstError;
  return {
    ...base,
    offline: {
      ok: true,
      reason: `no network access attempted (fetch and sockets blocked) over load + ${
        scored.length + (docs ? defined(docs.results).length : 0)
      } rows`,
    },
    errors,
    ...(firstError !== undefined ? { firstError } : {}),
    rowsScored: scored.length,
    rowsTotal: rows.length,
    all: subset(scored),
    documents: docs ? subset(defined(docs.results)) : subset(defined(docIdx.map((i) => all.results[i]))),
    nonEnglish: { n: nonEn.n, recall: nonEn.recall, fpr: nonEn.fpr },
  };
}

/**
 * Scores Rampart (`rampart`, built by the caller from `createGuard()` + `judge`) and every peer adapter on
 * the rows of `devPath`. Systems run one after the other in this process.
 */
export async function evalPeers(
  devPath: string,
  rampart: RampartDetect,
  peers: readonly PeerAdapter[] = PEERS,
  budgetMs: number = DEFAULT_BUDGET_MS,
): Promise<PeerRow[]> {
  const rows = readDevRows(devPath);
  const out: PeerRow[] = [];
  out.push(
    await evalSystem(
      { name: 'rampart', version: rampartVersion(), load: () => Promise.resolve(rampart), trustAware: true },
      rows,
      budgetMs,
    ),
  );
  for (const p of peers) {
    let version = p.version;
    if (p.packageName !== undefined) {
      const installed = installedVersion(p.packageName);
      if (installed === null) {
        out.push(
          notRunRow(
            p.name,
            version,
            rows.length,
            `not installed (npm install --save-dev ${p.packageName}@${version})`,
          ),
        );
        continue;
      }
      if (installed !== version) version = `${installed} (adapter written for ${p.version})`;
    }
    out.push(
      await evalSystem(
        {
          name: p.name,
          version,
          load: async () => {
            const detect = await p.load();
            return (text) => detect(text);
          },
          trustAware: false,
        },
        rows,
        budgetMs,
      ),
    );
  }
  return out;
}

// ---- report --------------------------------------------------------------------------------------------

const pct = (x: number | null | undefined): string =>
  x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`;
const msFmt = (x: number | null | undefined): string =>
  x === null || x === undefined ? '—' : x < 1 ? x.toFixed(3) : x < 100 ? x.toFixed(2) : x.toFixed(0);

/** Markdown table (one line per system) followed by notes on offline status and per-row errors. */
/** recall, FPR, precision, p50, p99 cells of one subset ('—' style blanks when it was not run). */
function subsetCells(x: SubsetResult | null | undefined): string[] {
  return [pct(x?.recall), pct(x?.fpr), pct(x?.precision), msFmt(x?.p50_ms), msFmt(x?.p99_ms)];
}

export function formatPeerTable(rows: PeerRow[]): string {
  const n = (sel: (r: PeerRow) => number | undefined): string => {
    const v = rows.map(sel).find((x) => x !== undefined);
    return v === undefined ? '?' : String(v);
  };
  const header = [
    'guard',
    'version',
    'offline',
    'rows scored',
    'errors',
    `all rows (n=${n((r) => r.all?.n)}): recall`,
    'FPR',
    'precision',
    'p50 ms',
    'p99 ms',
    `documents (n=${n((r) => r.documents?.n)}): recall`,
    'FPR',
    'precision',
    'p50 ms',
    'p99 ms',
    `non-English (n=${n((r) => r.nonEnglish?.n)}): recall`,
    'FPR',
  ];
  const lines = [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i < 3 ? '---' : '---:')).join('|')}|`,
  ];
  for (const r of rows) {
    const cells = [
      r.name,
      r.version,
      r.offline.ok ? 'yes' : 'no',
      r.offline.ok
        ? r.rowsScored === r.rowsTotal
          ? String(r.rowsScored)
          : `${r.rowsScored} of ${r.rowsTotal} (partial)`
        : '—',
      r.offline.ok ? String(r.errors) : '—',
      ...subsetCells(r.all),
      ...subsetCells(r.documents),
      pct(r.nonEnglish?.recall),
      pct(r.nonEnglish?.fpr),
    ];
    lines.push(`| ${cells.map((c) => c.replace(/\|/gu, '\\|')).join(' | ')} |`);
  }
  lines.push('');
  lines.push(
    'Positives: injection + jailbreak rows; negatives: benign rows. Rampart scans the document rows as ' +
      'untrusted text; the peers have no trust setting and see the same plain text in both columns. ' +
      'A row on which a peer throws counts as not flagged.',
  );
  lines.push('');
  for (const r of rows) {
    const partial =
      r.offline.ok && r.rowsScored < r.rowsTotal
        ? `; PARTIAL: ran out of its time budget after ${r.rowsScored} of ${r.rowsTotal} rows (a uniform sample: its numbers are not on the same rows as the others, and are noisy)`
        : '';
    const err = r.errors > 0 ? `; ${r.errors} row(s) threw (first: ${r.firstError ?? '?'})` : '';
    lines.push(
      `- ${r.name} ${r.version}: ${r.offline.ok ? 'runs offline' : 'not scored'}: ${r.offline.reason}${partial}${err}`,
    );
  }
  return lines.join('\n');
}
