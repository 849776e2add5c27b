// Large inputs are scanned on worker threads. A scan is synchronous CPU work of ~200 ms per MB here, and on
// the request thread eight 1 MB bodies at once held every other request (/healthz included) for over a
// second. offloadScans(guard) returns a guard whose check sends inputs over `offloadBytes` to a pool of
// threads that rebuilt the same guard from its policy; smaller inputs, the common prompt, stay in-process
// (a thread round trip would cost more than their scan). Redaction is applied here with the caller's vault,
// by the same function guard.check uses, so both paths decide and redact alike.
// The pool is bounded: `workers` threads, started on first use, and at most `queueMax` texts waiting for
// one; beyond that an input check throws SCAN_QUEUE_FULL (the gateway answers 503 + retry-after) instead
// of holding ever more megabytes of text, and an answer's check runs in-process. A thread that dies fails its scan closed (SCAN_WORKER_FAILED) and is
// replaced on the next scan.
import type { Worker } from 'node:worker_threads';
import { isRampartError, RampartError, RAMPART_CODES, type RampartCode } from '../core/errors.js';
import type { Decision, Logger, Segment, Stage } from '../core/types.js';
import { utf8Length } from '../core/utf8.js';
import {
  applyDecisionRedaction,
  guardOrigin,
  type Guard,
  type GuardCheckOptions,
} from '../policy/create-guard.js';
import type { Policy } from '../policy/schema.js';
import { startWorker } from '../telemetry/start-worker.js';
import type { FromScanWorker, ScanFailure, ScanTask, ScanWorkerData } from './scan-worker.js';

export interface ScanPoolOptions {
  /** Threads; 0 scans everything in-process. */
  workers: number;
  /** Inputs waiting for a free thread; one more is refused with SCAN_QUEUE_FULL. */
  queueMax: number;
  /** Inputs of more UTF-8 bytes than this (all segments together) go to a thread. */
  offloadBytes: number;
  /** Where a thread that fails (it could not start, or ran out of memory) is reported. */
  log?: Logger;
}

export interface OffloadingGuard {
  guard: Guard;
  /** Threads alive now (they start on first use and end on close). */
  threads(): number;
  /** Ends every thread; scans still waiting or running fail with SCAN_WORKER_FAILED. */
  close(): Promise<void>;
}

interface Pending {
  task: ScanTask;
  resolve(d: Decision): void;
  reject(e: unknown): void;
}

interface Slot {
  worker: Worker;
  running?: Pending;
}

/**
 * Whether `input` is over `limit` UTF-8 bytes, counted only when the UTF-16 length (1 to 3 bytes a unit)
 * cannot tell. Input that is not a string or an array of segments is not: the in-process check rejects it.
 */
function overLimit(input: unknown, limit: number): boolean {
  const texts: string[] = [];
  if (typeof input === 'string') texts.push(input);
  else if (Array.isArray(input)) {
    for (const s of input as unknown[]) {
      const text = (s as { text?: unknown } | null)?.text;
      if (typeof text !== 'string') return false;
      texts.push(text);
    }
  } else return false;
  let units = 0;
  for (const t of texts) units += t.length;
  if (units > limit) return true;
  if (units * 3 <= limit) return false;
  let bytes = 0;
  for (const t of texts) bytes += utf8Length(t);
  return bytes > limit;
}

function failureError(e: ScanFailure): Error {
  if ('code' in e && (RAMPART_CODES as readonly string[]).includes(e.code))
    return new RampartError(e.code as RampartCode, e.message);
  const err = new Error('the scan failed');
  err.name = 'name' in e ? e.name : 'Error';
  return err;
}

const workerFailed = (why: string): RampartError =>
  new RampartError('SCAN_WORKER_FAILED', `the scan thread ${why}; request refused (fail closed)`);

/** Wraps a guard made by createGuard/loadGuard; any other guard (no policy to rebuild) is used as is. */
export function offloadScans(guard: Guard, options: ScanPoolOptions): OffloadingGuard {
  const origin = guardOrigin(guard);
  if (!origin || options.workers < 1) return { guard, threads: () => 0, close: async () => {} };
  const pool = createPool(origin.policy, origin.log, options);
  const check: Guard['check'] = async (stage, input, opts: GuardCheckOptions = {}) => {
    if (!overLimit(input, options.offloadBytes)) return guard.check(stage, input, opts);
    const scanOptions = {
      ...(opts.canaries ? { canaries: opts.canaries } : {}),
      ...(opts.systemPrompts ? { systemPrompts: opts.systemPrompts } : {}),
    };
    let decision: Decision;
    try {
      decision = await pool.scan(stage, input, scanOptions);
    } catch (e) {
      // An answer (or a tool call in it) already cost an upstream call: refusing it for load would waste
      // that and stop the answer, so it is scanned here instead, as before there was a pool.
      if (stage === 'input' || !isRampartError(e) || e.code !== 'SCAN_QUEUE_FULL') throw e;
      return guard.check(stage, input, opts);
    }
    return applyDecisionRedaction(decision, input, opts.vault);
  };
  return { guard: { ...guard, check }, threads: pool.threads, close: pool.close };
}

function createPool(policy: Policy, log: Logger, options: ScanPoolOptions) {
  const data: ScanWorkerData = { policy };
  const slots: Slot[] = [];
  const queue: Pending[] = [];
  let nextId = 0;
  let closed = false;

  const run = (slot: Slot, p: Pending): void => {
    slot.running = p;
    slot.worker.ref(); // a scan in progress keeps the process alive; an idle thread does not
    slot.worker.postMessage(p.task);
  };

  const finished = (slot: Slot): void => {
    slot.running = undefined;
    const next = queue.shift();
    if (next) run(slot, next);
    else slot.worker.unref();
  };

  const start = (): Slot => {
    const slot: Slot = { worker: startWorker(import.meta.url, 'scan-worker', data) };
    const { worker } = slot;
    worker.on('message', (m: FromScanWorker) => {
      if (m.type === 'log') return log.warn(m.fields, m.msg);
      const p = slot.running;
      if (!p || p.task.id !== m.id) return;
      if (m.type === 'done') p.resolve(m.decision);
      else p.reject(failureError(m.error));
      finished(slot);
    });
    // 'error' (failed to start, an uncaught exception, a heap limit) is followed by 'exit', which fails
    // the scan. Name and code only: a message could quote what it was scanning.
    worker.on('error', (e: Error & { code?: unknown }) =>
      options.log?.warn({ error: e.name, code: String(e.code ?? '') }, 'scan thread failed'),
    );
    worker.once('exit', () => {
      const i = slots.indexOf(slot);
      if (i >= 0) slots.splice(i, 1);
      slot.running?.reject(workerFailed(closed ? 'was stopped' : 'stopped'));
      slot.running = undefined;
      // Its queued scans go to a fresh thread rather than waiting for the next request to start one.
      if (!closed && queue.length > 0) run(start(), queue.shift()!);
    });
    slots.push(slot);
    return slot;
  };

  const scan = (stage: Stage, input: string | readonly Segment[], scanOptions: ScanTask['options']) =>
    new Promise<Decision>((resolve, reject) => {
      if (closed) return reject(workerFailed('pool is closed'));
      const p: Pending = { task: { id: nextId++, stage, input, options: scanOptions }, resolve, reject };
      const idle = slots.find((s) => !s.running);
      if (idle) return run(idle, p);
      if (slots.length < options.workers) return run(start(), p);
      if (queue.length >= options.queueMax)
        return reject(
          new RampartError(
            'SCAN_QUEUE_FULL',
            `${queue.length} large inputs are already waiting to be scanned; retry shortly`,
          ),
        );
      queue.push(p);
    });

  const close = async (): Promise<void> => {
    closed = true;
    for (const p of queue.splice(0)) p.reject(workerFailed('pool is closed'));
    await Promise.all(slots.map((s) => s.worker.terminate()));
  };

  return { scan, close, threads: () => slots.length };
}
