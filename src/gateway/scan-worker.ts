// A scan-pool thread: rebuilds the gateway's guard from its (validated) policy and runs the scan half of
// guard.check for the large inputs the request thread hands over. Redaction stays with the request
// thread, which holds the conversation's vault, so placeholders are issued exactly as in-process.
// Protocol (see scan-pool.ts): in ScanTask; out { done, id, decision } | { failed, id, error } |
// { log, fields, msg } (a scanner's warning, for the guard's own logger).
import { parentPort, workerData } from 'node:worker_threads';
import { isRampartError } from '../core/errors.js';
import type { CheckOptions } from '../core/pipeline.js';
import type { Decision, Segment, Stage } from '../core/types.js';
import { createPolicyScan } from '../policy/create-guard.js';
import type { Policy } from '../policy/schema.js';

export interface ScanWorkerData {
  policy: Policy;
}

export interface ScanTask {
  id: number;
  stage: Stage;
  input: string | readonly Segment[];
  options: CheckOptions;
}

/** Only a RampartError's code and message cross (our messages never quote input); anything else by name. */
export type ScanFailure = { code: string; message: string } | { name: string };

export type FromScanWorker =
  | { type: 'done'; id: number; decision: Decision }
  | { type: 'failed'; id: number; error: ScanFailure }
  | { type: 'log'; fields: Record<string, unknown>; msg?: string };

const port = parentPort;
if (port === null) throw new Error('scan-worker runs as a worker thread only');
const post = (m: FromScanWorker): void => port.postMessage(m);
const { policy } = workerData as ScanWorkerData;
const scan = createPolicyScan(policy, { warn: (fields, msg) => post({ type: 'log', fields, msg }) });

port.on('message', (task: ScanTask) => {
  scan(task.stage, task.input, task.options).then(
    (decision) => post({ type: 'done', id: task.id, decision }),
    (e: unknown) =>
      post({
        type: 'failed',
        id: task.id,
        error: isRampartError(e)
          ? { code: e.code, message: e.message }
          : { name: e instanceof Error ? e.name : 'unknown' },
      }),
  );
});
