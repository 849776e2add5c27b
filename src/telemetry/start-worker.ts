// Starts one of our worker-thread modules next to the calling file. The compiled package runs the .js
// file; the tests run the TypeScript sources, so there the thread first registers tsx's loader (a worker
// does not inherit the parent's --import hooks).
import { Worker, type ResourceLimits } from 'node:worker_threads';

/** `callerUrl` is the caller's import.meta.url; `name` the module's file name without extension. Heap
 *  limits keep a helper thread's memory small (a thread over them exits, and its owner fails closed). */
export function startWorker(
  callerUrl: string,
  name: string,
  workerData: unknown,
  resourceLimits?: ResourceLimits,
): Worker {
  if (!callerUrl.endsWith('.ts'))
    return new Worker(new URL(`./${name}.js`, callerUrl), { workerData, resourceLimits });
  const entry = new URL(`./${name}.ts`, callerUrl).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { eval: true, workerData, resourceLimits });
}
