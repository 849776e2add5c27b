// The checker for untrusted schemas: compilation and validation on their own thread under a deadline. A
// schema whose validation is exponential (anyOf fan-out through a chain of $refs: each level tries its
// child twice) would hold the request thread for minutes; here it is stopped at the deadline and the next
// check runs on a fresh thread.
import { afterAll, describe, expect, it } from 'vitest';
import { isRampartError } from '../../src/core/errors.js';
import { createStructuredChecker } from '../../src/rag/structured-pool.js';

const checker = createStructuredChecker({ timeoutMs: 1500 });
afterAll(() => checker.close());

/** 2^levels evaluations for data nested `levels` deep. */
function fanOut(levels: number): { schema: string; data: string } {
  const $defs: Record<string, unknown> = { d0: { type: 'array', items: { type: 'number' } } };
  for (let i = 1; i <= levels; i++)
    $defs[`d${i}`] = {
      anyOf: [
        { $ref: `#/$defs/d${i - 1}` },
        { type: 'object', properties: { a: { $ref: `#/$defs/d${i - 1}` } } },
      ],
    };
  let data: unknown = ['x'];
  for (let i = 0; i < levels; i++) data = { a: data };
  return { schema: JSON.stringify({ $defs, $ref: `#/$defs/d${levels}` }), data: JSON.stringify(data) };
}

const PERSON = JSON.stringify({
  type: 'object',
  properties: { name: { type: 'string' } },
  required: ['name'],
});

describe('createStructuredChecker', () => {
  it('compiles, refuses and checks on its thread', async () => {
    const r = await checker.run(
      [PERSON, JSON.stringify({ type: 'strin' })],
      [
        { schema: 0, text: '{"name":"Ada"}' },
        { schema: 0, text: '{}' },
        { schema: 1, text: '"x"' },
      ],
    );
    expect(r.compiled[0]).toBeNull();
    expect(r.compiled[1]).toMatch(/invalid JSON Schema/);
    expect(r.results.map((x) => x.valid)).toEqual([true, false, false]);
    expect(r.results[1]!.issues).toEqual([{ path: '', message: "must have required property 'name'" }]);
    expect(r.results[2]!.issues).toEqual([{ path: '', message: 'has no usable schema' }]);
  });

  it('refuses an oversized schema without sending it to the thread', async () => {
    const r = await checker.run([JSON.stringify({ description: 'x'.repeat(70_000) })]);
    expect(r.compiled[0]).toMatch(/over 65536 bytes/);
  });

  it('stops an exponential validation at the deadline, fails closed, and then works again', async () => {
    const { schema, data } = fanOut(40);
    const started = Date.now();
    let err: unknown;
    try {
      await checker.run([schema], [{ schema: 0, text: data }]);
    } catch (e) {
      err = e;
    }
    expect(isRampartError(err) && err.code).toBe('SCHEMA_VIOLATION');
    expect((err as Error).message).toMatch(/did not finish within 1500 ms/);
    expect(Date.now() - started).toBeLessThan(30_000); // generous; unstopped it runs for hours
    const r = await checker.run([PERSON], [{ schema: 0, text: '{"name":"Ada"}' }]);
    expect(r.results[0]!.valid).toBe(true);
  }, 60_000);
});
