// OCR with tesseract.js and the English data shipped in @tesseract.js-data/eng: fully offline, in tesseract's
// own worker thread, started on first use and reused. Each call is bounded: past its time the worker is
// terminated (the next call starts a fresh one) and the call reports a timeout instead of text.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type OcrResult = { text: string; ms: number } | { error: 'timeout' | 'failed'; ms: number };

export interface Ocr {
  /** Text in the image, or why there is none; never throws. */
  recognize(bytes: Uint8Array, timeoutMs: number): Promise<OcrResult>;
  /** Stops the worker thread (call when done; a later recognize starts it again). */
  close(): Promise<void>;
}

interface TesseractWorker {
  recognize(image: Buffer): Promise<{ data: { text: string } }>;
  terminate(): Promise<unknown>;
}

const langPath = (): string =>
  join(
    dirname(createRequire(import.meta.url).resolve('@tesseract.js-data/eng/package.json')),
    '4.0.0_best_int',
  );

async function startWorker(): Promise<TesseractWorker> {
  const { createWorker } = await import('tesseract.js');
  return (await createWorker('eng', 1, {
    langPath: langPath(),
    cacheMethod: 'none',
    gzip: true,
    errorHandler: () => undefined, // a failed job rejects its promise; nothing is printed
  })) as unknown as TesseractWorker;
}

export function createOcr(): Ocr {
  let worker: Promise<TesseractWorker> | undefined;
  let generation = 0; // bumped when a worker is stopped: a job queued on a stopped worker never starts
  const stop = async (): Promise<void> => {
    const w = worker;
    worker = undefined;
    generation++;
    if (w) await w.then((x) => x.terminate()).catch(() => undefined);
  };
  return {
    async recognize(bytes, timeoutMs) {
      const started = Date.now();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), Math.max(0, timeoutMs));
      });
      try {
        worker ??= startWorker();
        const mine = generation;
        const job = worker.then((w) => {
          if (mine !== generation) throw new Error('OCR worker stopped');
          return w.recognize(Buffer.from(bytes));
        });
        job.catch(() => undefined);
        const r = await Promise.race([job, timeout]);
        if (r === 'timeout') {
          await stop();
          return { error: 'timeout', ms: Date.now() - started };
        }
        return { text: r.data.text, ms: Date.now() - started };
      } catch {
        await stop(); // a worker that failed once is not trusted with the next image
        return { error: 'failed', ms: Date.now() - started };
      } finally {
        clearTimeout(timer);
      }
    },
    close: stop,
  };
}
