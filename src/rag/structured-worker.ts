// A structured-output thread: compiles callers' JSON Schemas and checks answers against them, off the
// request thread. A hostile schema can make ajv's compilation, or a validation, take very long (anyOf
// fan-out through $refs is exponential in the schema's depth); here the owner (structured-pool.ts) can stop
// it at its deadline by ending the thread. Protocol: out { ready } once warmed up; in StructuredTask, out
// StructuredReply with its id.
import { parentPort } from 'node:worker_threads';
import { isRampartError } from '../core/errors.js';
import { compileStructuredSchema, type SchemaIssue, type StructuredValidator } from './structured-output.js';

export interface StructuredTask {
  id: number;
  /** Schemas as JSON text. */
  schemas: string[];
  /** Texts to check, each against schemas[schema]. */
  checks: Array<{ schema: number; text: string }>;
}

export interface CheckResult {
  valid: boolean;
  issues: SchemaIssue[];
}

export type StructuredReply =
  | { id: number; compiled: Array<string | null>; results: CheckResult[] }
  | { id: number; failed: string }
  | { ready: true };

const port = parentPort;
if (port === null) throw new Error('structured-worker runs as a worker thread only');

async function run(task: StructuredTask): Promise<StructuredReply> {
  const validators: Array<StructuredValidator | undefined> = [];
  const compiled: Array<string | null> = [];
  for (const json of task.schemas) {
    try {
      validators.push(await compileStructuredSchema(JSON.parse(json) as unknown));
      compiled.push(null);
    } catch (e) {
      if (!isRampartError(e)) throw e;
      validators.push(undefined);
      compiled.push(e.message);
    }
  }
  const results = task.checks.map(({ schema, text }): CheckResult => {
    const v = validators[schema];
    if (!v) return { valid: false, issues: [{ path: '', message: 'has no usable schema' }] };
    const r = v.check(text);
    return { valid: r.valid, issues: r.issues };
  });
  return { id: task.id, compiled, results };
}

// Loads ajv and recheck (their first use costs about half a second) before saying it is ready: the
// owner's deadline then measures the work of a task, not the thread's start.
void compileStructuredSchema({ type: 'string', pattern: '^[a-z]+$' }).finally(() =>
  port.postMessage({ ready: true } satisfies StructuredReply),
);

port.on('message', (task: StructuredTask) => {
  run(task).then(
    (reply) => port.postMessage(reply),
    (e: unknown) => port.postMessage({ id: task.id, failed: e instanceof Error ? e.name : 'unknown' }),
  );
});
