// The audit log's writer thread: owns the SQLite connection, commits the rows the gateway posts (one
// transaction for every row that arrived in one turn of this thread's loop) and acknowledges how many
// rows are on disk. Hashing and SQLite run here, off the thread that answers requests.
// Checkpoints too: SQLite's automatic WAL checkpoint runs inside the commit that crosses 1,000 pages and
// fsyncs the database, a 5–25 ms stall every few hundred commits that every request waiting for its row
// sat through (it was much of the gateway's p99). Here it is off, and the thread checkpoints (PASSIVE)
// after it has acknowledged a commit, so the waiting requests are answered first.
// Protocol (see audit-writer.ts): in { rows, ack } | { ack } | { close }; out { ready } | { openFailed } |
// { committed: upTo } | { failed: upTo, message } | { closed } — upTo counts rows received so far. A
// commit is reported only when asked for (ack) — each report wakes the request thread — and a failure
// always.
import { parentPort, workerData } from 'node:worker_threads';
import { isRampartError } from '../core/errors.js';
import { AuditLog, type AuditFields, type AuditOpenOptions } from './audit-log.js';

export interface AuditWorkerData {
  path: string;
  options: AuditOpenOptions;
}

export type ToWorker =
  { type: 'rows'; rows: AuditFields[]; ack: boolean } | { type: 'ack' } | { type: 'close' };
export type FromWorker =
  | { type: 'ready' }
  | { type: 'openFailed'; code: string; message: string }
  | { type: 'committed'; upTo: number }
  | { type: 'failed'; upTo: number; message: string }
  | { type: 'closed'; error?: string };

const port = parentPort;
if (port === null) throw new Error('audit-worker-thread runs as a worker thread only');
const post = (m: FromWorker): void => port.postMessage(m);
const { path, options } = workerData as AuditWorkerData;

/** Only our own error messages cross: they name the file, never row content. */
const describe = (e: unknown): string =>
  isRampartError(e) ? e.message : 'the audit log could not be written';

/** Commits between two checkpoints: a commit writes a few WAL pages, so this is near SQLite's 1,000. */
const CHECKPOINT_EVERY = 256;

let log: AuditLog | undefined;
try {
  log = AuditLog.open(path, options);
  log.pauseAutoCheckpoint();
  post({ type: 'ready' });
} catch (e) {
  post({
    type: 'openFailed',
    code: isRampartError(e) ? e.code : 'AUDIT_INVALID',
    message: describe(e),
  });
}

let queue: AuditFields[] = [];
let received = 0;
let scheduled = false;
let commitsSinceCheckpoint = 0;
let checkpointScheduled = false;

/** After the loop turn's messages (setImmediate), so rows that arrived meanwhile are committed first. */
function checkpoint(): void {
  checkpointScheduled = false;
  commitsSinceCheckpoint = 0;
  try {
    log?.checkpoint();
  } catch {
    // Busy (another process checkpoints) or I/O: the next round tries again.
  }
}
/** Someone waits: report the next commit (or, with nothing queued, that everything is committed). */
let ackWanted = false;

/** Commits what is queued. On failure the rows stay queued: the next message or close() retries them. */
function flush(): void {
  scheduled = false;
  if (log === undefined) return;
  if (queue.length === 0) {
    if (ackWanted) post({ type: 'committed', upTo: received });
    ackWanted = false;
    return;
  }
  try {
    log.commitFields(queue);
    queue = [];
    if (ackWanted) post({ type: 'committed', upTo: received });
    ackWanted = false;
    if (++commitsSinceCheckpoint >= CHECKPOINT_EVERY && !checkpointScheduled) {
      checkpointScheduled = true;
      setImmediate(checkpoint);
    }
  } catch (e) {
    post({ type: 'failed', upTo: received, message: describe(e) });
  }
}

port.on('message', (m: ToWorker) => {
  if (m.type === 'rows' || m.type === 'ack') {
    if (m.type === 'rows') {
      for (const row of m.rows) queue.push(row);
      received += m.rows.length;
    }
    if (m.type === 'ack' || m.ack) ackWanted = true;
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
    return;
  }
  let error: string | undefined;
  try {
    flush();
    if (queue.length > 0) error = 'queued audit rows could not be committed before closing';
    log?.close();
  } catch (e) {
    error = describe(e);
  }
  post(error === undefined ? { type: 'closed' } : { type: 'closed', error });
  port.close();
});
