// Memory the loaded injection model keeps: heap + array buffers after a full GC, before and after loading
// the weights and scanning (which also fills the scorer's reusable buffers). Run by injection-model.bench.ts
// in a fresh process with --expose-gc, because RSS of a process that has been benchmarking for a while says
// more about the allocator than about the model.
import { scanInjectionModel } from '../src/scanners/injection-model.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const retained = (): number => {
  gc();
  gc();
  const u = process.memoryUsage();
  return u.heapUsed + u.external + u.arrayBuffers;
};
const before = retained();
const doc = 'The Normans gave their name to Normandy. Please reply by Friday.\n'.repeat(1600);
for (let i = 0; i < 5; i++) {
  scanInjectionModel(doc, 'untrusted');
  scanInjectionModel(doc, 'user');
}
process.stdout.write(`${((retained() - before) / 2 ** 20).toFixed(1)}\n`);
