// The structured-output thread's protocol: ready once warmed up, then one reply per task, with its id,
// whatever the task holds.
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StructuredReply, StructuredTask } from '../../src/rag/structured-worker.js';
import { startWorker } from '../../src/telemetry/start-worker.js';

const worker = startWorker(
  new URL('../../src/rag/x.ts', import.meta.url).href,
  'structured-worker',
  undefined,
);
afterAll(() => worker.terminate());
beforeAll(async () => {
  // Its first message says it has loaded ajv and recheck.
  expect(await once(worker, 'message')).toEqual([{ ready: true }]);
}, 30_000);

async function ask(task: StructuredTask): Promise<StructuredReply> {
  worker.postMessage(task);
  const [reply] = (await once(worker, 'message')) as [StructuredReply];
  return reply;
}

describe('structured-worker', () => {
  it('answers each task with its id: per schema null or the refusal, per check valid and issues', async () => {
    const reply = await ask({
      id: 7,
      schemas: [JSON.stringify({ type: 'array', maxItems: 1 }), JSON.stringify({ $id: 'x', type: 'string' })],
      checks: [
        { schema: 0, text: '[1]' },
        { schema: 0, text: '[1,2]' },
        { schema: 1, text: '"a"' },
      ],
    });
    expect(reply).toEqual({
      id: 7,
      compiled: [null, '$id is not supported (use $defs and local $refs)'],
      results: [
        { valid: true, issues: [] },
        { valid: false, issues: [{ path: '', message: 'must NOT have more than 1 items' }] },
        { valid: false, issues: [{ path: '', message: 'has no usable schema' }] },
      ],
    });
  });

  it('reports a schema that is not JSON as a failed task, not a crash', async () => {
    const reply = await ask({ id: 8, schemas: ['{not json'], checks: [] });
    expect(reply).toEqual({ id: 8, failed: 'SyntaxError' });
    expect(await ask({ id: 9, schemas: [], checks: [] })).toEqual({ id: 9, compiled: [], results: [] });
  });
});
