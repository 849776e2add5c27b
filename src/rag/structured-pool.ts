// Structured-output checks for schemas from callers you do not trust (the gateway's): compilation and
// validation run on one worker thread (structured-worker.ts) under a deadline. A task over it ends the thread
// — the only way to stop a runaway ajv validation — and fails, with the other tasks that thread had; the
// next task starts a fresh thread. The thread is started on first use, holds at most 256 MB of heap, and
// does not keep the process alive.
import type { Worker } from 'node:worker_threads';
import { RampartError } from '../core/errors.js';
import { startWorker } from '../telemetry/start-worker.js';
import { MAX_SCHEMA_BYTES } from './structured-output.js';
import type { CheckResult, StructuredReply, StructuredTask } from './structured-worker.js';

export type { CheckResult } from './structured-worker.js';

export interface StructuredRun {
  /** Per schema: null when it compiled, else why it was refused (SCHEMA_INVALID's message). */
  compiled: Array<string | null>;
  /** Per check, in order. */
  results: CheckResult[];
}

export interface StructuredChecker {
  /**
   * Compiles `schemas` (JSON text) and checks each text against its schema. Rejects with SCHEMA_VIOLATION
   * when the work is not done by the deadline (or the thread failed): fail closed.
   */
  run(
    schemas: readonly string[],
    checks?: ReadonlyArray<{ schema: number; text: string }>,
  ): Promise<StructuredRun>;
  close(): Promise<void>;
}

export const DEFAULT_STRUCTURED_TIMEOUT_MS = 5000;

interface Pending {
  worker: Worker;
  resolve: (r: StructuredRun) => void;
  reject: (e: unknown) => void;
  timer: NodeJS.Timeout;
}

interface Thread {
  worker: Worker;
  /** Settles when the thread has loaded its libraries (rejects if it died first). */
  ready: Promise<void>;
}

export function createStructuredChecker(opts: { timeoutMs?: number } = {}): StructuredChecker {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_STRUCTURED_TIMEOUT_MS;
  let current: Thread | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const failAll = (w: Worker, message: string): void => {
    if (current?.worker === w) current = undefined;
    for (const [id, p] of pending) {
      if (p.worker !== w) continue;
      clearTimeout(p.timer);
      pending.delete(id);
      p.reject(new RampartError('SCHEMA_VIOLATION', message));
    }
    void w.terminate();
  };

  const thread = (): Thread => {
    if (current) return current;
    const w = startWorker(import.meta.url, 'structured-worker', undefined, { maxOldGenerationSizeMb: 256 });
    w.unref();
    let onReady!: () => void;
    let onDead!: (e: unknown) => void;
    const ready = new Promise<void>((resolve, reject) => {
      onReady = resolve;
      onDead = reject;
    });
    ready.catch(() => undefined);
    w.on('message', (m: StructuredReply) => {
      if ('ready' in m) return onReady();
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      clearTimeout(p.timer);
      if ('failed' in m)
        p.reject(new RampartError('SCHEMA_VIOLATION', `the schema check failed (${m.failed})`));
      else p.resolve({ compiled: m.compiled, results: m.results });
    });
    const dead = (message: string) => () => {
      onDead(new RampartError('SCHEMA_VIOLATION', message));
      failAll(w, message);
    };
    w.on('error', dead('the schema check thread failed'));
    w.on('exit', dead('the schema check thread stopped'));
    current = { worker: w, ready };
    return current;
  };

  return {
    async run(schemas, checks = []) {
      // The cheap refusal stays here: an oversized schema is never copied to the thread.
      const tooBig = schemas.map((s) =>
        Buffer.byteLength(s, 'utf8') > MAX_SCHEMA_BYTES
          ? `the schema is over ${MAX_SCHEMA_BYTES} bytes of JSON`
          : null,
      );
      if (tooBig.some((m) => m !== null))
        return {
          compiled: tooBig,
          results: checks.map(() => ({
            valid: false,
            issues: [{ path: '', message: 'has no usable schema' }],
          })),
        };
      const t = thread();
      await t.ready;
      const w = t.worker;
      const id = nextId++;
      return new Promise<StructuredRun>((resolve, reject) => {
        const timer = setTimeout(
          () => failAll(w, `the schema check did not finish within ${timeoutMs} ms`),
          timeoutMs,
        );
        pending.set(id, { worker: w, resolve, reject, timer });
        const task: StructuredTask = { id, schemas: [...schemas], checks: [...checks] };
        w.postMessage(task);
      });
    },
    async close() {
      const w = current?.worker;
      current = undefined;
      if (w) failAll(w, 'the schema checker is closed');
      await w?.terminate();
    },
  };
}
