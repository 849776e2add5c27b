// The gateway's audit log, written on its own thread. The request thread validates each entry (a bad entry
// still throws at its caller) and posts the rows; the writer thread (audit-worker-thread.ts) hashes and
// commits them, one transaction per turn of its loop. The SQLite work — about a tenth of the gateway's CPU
// per request when it ran on the request thread — now runs on the other core.
//
// Same guarantees as AuditLog.enqueue()/committed(): committed() resolves once every row enqueued before
// it is on disk and rejects (STORE_UNAVAILABLE) if their commit fails, so a gateway that awaits it before
// answering keeps "answered ⇒ audited" and fails closed. Rows are committed in enqueue order; a failed
// batch stays queued in the writer and is retried; until a retry succeeds every enqueue() throws
// STORE_UNAVAILABLE, so a gateway that does not await committed() (audit.wait_for_commit: false) still fails
// closed, and one that does refuses at once instead of each request waiting out SQLite's busy timeout. If
// the writer thread dies, every later enqueue() throws STORE_UNAVAILABLE.
import type { Worker } from 'node:worker_threads';
import { RampartError } from '../core/errors.js';
import { auditFields, type AuditEntry, type AuditFields } from './audit-fields.js';
import type { AuditOpenOptions } from './audit-log.js';
import type { AuditWorkerData, FromWorker, ToWorker } from './audit-worker-thread.js';
import { startWorker } from './start-worker.js';

/** What the gateway needs from an audit log. */
export interface AuditSink {
  enqueue(entry: AuditEntry): void;
  committed(): Promise<void>;
  close(): Promise<void>;
}

interface Waiter {
  upTo: number;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** The writer holds rows only until their commit: a small heap is plenty (tens of thousands of rows). */
const WRITER_HEAP = { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 2 };

/** Rows queued before they are sent without anyone waiting, and how long they may wait at most. */
const MAX_PENDING = 64;
const POST_DELAY_MS = 5;
/** After a failed commit, how often the writer is asked to retry the rows it still holds. */
const RETRY_MS = 200;

export class AuditWriter implements AuditSink {
  private pending: AuditFields[] = [];
  private postTimer: NodeJS.Timeout | undefined;
  private sent = 0;
  private acked = 0;
  private waiters: Waiter[] = [];
  private dead: RampartError | undefined;
  /** Set while the writer's last commit failed; cleared by the next successful one. */
  private failing: RampartError | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private closing: Promise<void> | undefined;
  private onClosed: ((error?: string) => void) | undefined;

  private constructor(
    private readonly worker: Worker,
    readonly path: string,
    private readonly storeText: boolean,
  ) {
    worker.on('message', (m: FromWorker) => this.onMessage(m));
    worker.on('error', () => this.fail('the audit writer thread failed'));
    worker.on('exit', () => {
      if (this.onClosed) this.onClosed();
      else this.fail('the audit writer thread exited');
    });
  }

  /** Opens the log on a new writer thread; resolves once it is open (AUDIT_INVALID as AuditLog.open). */
  static async open(path: string, opts: AuditOpenOptions = {}): Promise<AuditWriter> {
    const data: AuditWorkerData = { path, options: opts };
    const worker = startWorker(import.meta.url, 'audit-worker-thread', data, WRITER_HEAP);
    const first = await new Promise<FromWorker>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    }).catch((cause: unknown) => {
      throw new RampartError('AUDIT_INVALID', `cannot start the audit writer for ${path}`, { cause });
    });
    if (first.type !== 'ready') {
      await worker.terminate();
      const message = first.type === 'openFailed' ? first.message : `cannot open audit log ${path}`;
      const code =
        first.type === 'openFailed' && first.code === 'STORE_UNAVAILABLE' ? first.code : 'AUDIT_INVALID';
      throw new RampartError(code, message);
    }
    // Idle, the writer must not keep the process alive (it is ref'd while a committed() waits).
    worker.unref();
    return new AuditWriter(worker, path, opts.storeText ?? false);
  }

  /**
   * Validates now (INPUT_INVALID throws here) and queues the row for the writer thread. Rows travel when a
   * committed() call waits for them, when MAX_PENDING are queued, or at most POST_DELAY_MS later: each
   * message wakes the writer thread, and on a virtual machine a wake-up costs as much as the commit.
   */
  enqueue(entry: AuditEntry): void {
    if (this.dead) throw this.dead;
    if (this.closing) throw new RampartError('STORE_UNAVAILABLE', 'the audit log is closed');
    if (this.failing) throw this.failing;
    this.pending.push(auditFields(entry, this.storeText));
    this.sent++;
    if (this.pending.length >= MAX_PENDING) this.post(false);
    else this.postTimer ??= setTimeout(this.postLater, POST_DELAY_MS).unref();
  }

  private readonly postLater = (): void => {
    this.postTimer = undefined;
    this.post(false);
  };

  /** Sends the pending rows; with `ack` the writer reports back once they are committed. */
  private post(ack: boolean): void {
    if (this.pending.length === 0 || this.dead) return;
    const rows = this.pending;
    this.pending = [];
    this.worker.postMessage({ type: 'rows', rows, ack } satisfies ToWorker);
  }

  /** Resolves once every row enqueued so far is committed; rejects (STORE_UNAVAILABLE) if that fails. */
  committed(): Promise<void> {
    if (this.dead) return Promise.reject(this.dead);
    if (this.acked >= this.sent) return Promise.resolve();
    const upTo = this.sent;
    // Someone waits on the writer: keep the process alive until it answers (unref'd when idle).
    if (this.waiters.length === 0) this.worker.ref();
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ upTo, resolve, reject }));
    if (this.pending.length > 0) this.post(true);
    else this.worker.postMessage({ type: 'ack' } satisfies ToWorker); // rows already sent without ack
    return done;
  }

  private onMessage(m: FromWorker): void {
    if (m.type === 'committed') {
      this.acked = m.upTo;
      this.failing = undefined;
      this.settle(m.upTo, undefined);
    } else if (m.type === 'failed') {
      this.failing = new RampartError('STORE_UNAVAILABLE', m.message);
      this.retryTimer ??= setTimeout(this.retry, RETRY_MS).unref();
      this.settle(m.upTo, this.failing);
    } else if (m.type === 'closed') {
      this.onClosed?.(m.error);
    }
  }

  /** Asks the writer to commit the rows it still holds; it answers committed (recovered) or failed again. */
  private readonly retry = (): void => {
    this.retryTimer = undefined;
    if (this.failing && !this.dead && !this.closing)
      this.worker.postMessage({ type: 'ack' } satisfies ToWorker);
  };

  /** Settles the waiters whose rows are all in the batch the writer just reported on. */
  private settle(upTo: number, error: RampartError | undefined): void {
    const keep: Waiter[] = [];
    for (const w of this.waiters) {
      if (w.upTo > upTo) keep.push(w);
      else if (error) w.reject(error);
      else w.resolve();
    }
    this.waiters = keep;
    if (keep.length === 0) this.worker.unref();
  }

  private fail(message: string): void {
    if (this.dead) return;
    this.dead = new RampartError('STORE_UNAVAILABLE', `${message}; audit log ${this.path} unavailable`);
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w.reject(this.dead);
  }

  /** Sends what is pending, lets the writer commit it and close the file; throws if that commit failed. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve, reject) => {
      if (this.dead) {
        void this.worker.terminate();
        resolve();
        return;
      }
      this.onClosed = (error) => {
        this.onClosed = () => {};
        if (error) reject(new RampartError('STORE_UNAVAILABLE', `${error} (${this.path})`));
        else resolve();
      };
      clearTimeout(this.postTimer);
      clearTimeout(this.retryTimer);
      this.worker.ref(); // a process shutting down must wait for the last commit, not exit under it
      this.post(false);
      this.worker.postMessage({ type: 'close' } satisfies ToWorker);
    });
    return this.closing;
  }
}
