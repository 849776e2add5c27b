// Checkpoints the audit log's write-ahead log on its own thread. SQLite's automatic checkpoint runs inside
// the commit that crosses 1,000 WAL pages and fsyncs the database: a 5–25 ms stall every few hundred
// commits, which every request waiting for its audit row then waited for too (it was most of the
// gateway's p99). The writer thread turns the automatic checkpoint off and this thread runs PASSIVE
// checkpoints on its own connection instead; in WAL mode they proceed while the writer keeps committing.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

export interface CheckpointWorkerData {
  path: string;
  intervalMs: number;
}

const { path, intervalMs } = workerData as CheckpointWorkerData;
const db = new Database(path, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or I/O error: the next tick tries again; the writer re-enables automatic checkpoints if we die.
  }
}, intervalMs);

parentPort?.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort?.close();
});
