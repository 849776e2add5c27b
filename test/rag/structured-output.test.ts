import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isRampartError } from '../../src/core/errors.js';
import * as rampart from '../../src/index.js';
import * as rag from '../../src/rag/index.js';
import {
  checkStructuredOutput,
  compileStructuredSchema,
  MAX_SCHEMA_BYTES,
} from '../../src/rag/structured-output.js';

const PERSON = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1 },
    age: { type: 'integer', minimum: 0 },
    email: { type: 'string', format: 'email' },
    code: { type: 'string', pattern: '^[A-Z]{2}-\\d{3}$' },
  },
  required: ['name', 'age'],
  additionalProperties: false,
};

async function refusal(schema: unknown): Promise<string> {
  try {
    await compileStructuredSchema(schema);
  } catch (e) {
    expect(isRampartError(e) && e.code).toBe('SCHEMA_INVALID');
    return (e as Error).message;
  }
  throw new Error('the schema was accepted');
}

describe('checkStructuredOutput', () => {
  it('is exported by rampart and rampart/rag', async () => {
    expect(rampart.checkStructuredOutput).toBe(checkStructuredOutput);
    expect(rag.checkStructuredOutput).toBe(checkStructuredOutput);
    expect(rampart.createStructuredChecker).toBe(rag.createStructuredChecker);
    expect((await rag.checkStructuredOutput('[1]', { type: 'array' })).valid).toBe(true);
  });

  it('never throws on any JSON value or text, and agrees between text and value (property)', async () => {
    const v = await compileStructuredSchema(PERSON);
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), (value, text) => {
        const r = v.checkValue(value);
        expect(v.check(JSON.stringify(value)).valid).toBe(r.valid);
        expect(r.issues.length).toBeLessThanOrEqual(10);
        expect(typeof v.check(text).valid).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });

  it('accepts an answer that matches the schema and returns the parsed value', async () => {
    const r = await checkStructuredOutput('{"name":"Ada","age":36,"code":"AB-123"}', PERSON);
    expect(r).toEqual({ valid: true, value: { name: 'Ada', age: 36, code: 'AB-123' }, issues: [] });
  });

  it('lists what is wrong with an answer that does not match', async () => {
    const r = await checkStructuredOutput('{"name":"","age":-1,"email":"nope","code":"x","extra":1}', PERSON);
    expect(r.valid).toBe(false);
    const text = r.issues.map((i) => `${i.path} ${i.message}`);
    expect(text).toEqual(
      expect.arrayContaining([
        '/name must NOT have fewer than 1 characters',
        '/age must be >= 0',
        '/email must match format "email"',
        '/code must match pattern "^[A-Z]{2}-\\d{3}$"',
        " must NOT have property 'extra'",
      ]),
    );
  });

  it('reports text that is not JSON, or a missing property', async () => {
    expect((await checkStructuredOutput('Sure! {"name": "Ada"}', PERSON)).issues).toEqual([
      { path: '', message: 'is not valid JSON' },
    ]);
    expect((await checkStructuredOutput('{"name":"Ada"}', PERSON)).issues).toEqual([
      { path: '', message: "must have required property 'age'" },
    ]);
  });

  it('refuses $id, so that no caller reaches the schema of another', async () => {
    expect(await refusal({ $id: 'https://x.test/s', type: 'object' })).toMatch(/\$id is not supported/);
    expect(
      await refusal({ type: 'object', properties: { a: { $id: 'https://x.test/a', type: 'string' } } }),
    ).toMatch(/\$id is not supported/);
    const defs = {
      type: 'object',
      properties: { a: { $ref: '#/$defs/name' } },
      $defs: { name: { type: 'string' } },
    };
    expect((await checkStructuredOutput('{"a":"x"}', defs)).valid).toBe(true);
    expect((await checkStructuredOutput('{"a":1}', defs)).valid).toBe(false);
  });

  it('reads draft-07 (default), 2019-09 and 2020-12 by $schema, e.g. what zod 4 writes', async () => {
    const zod = z.toJSONSchema(z.object({ city: z.string(), days: z.array(z.number()).max(3) }));
    expect(zod.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect((await checkStructuredOutput('{"city":"Oslo","days":[1,2]}', zod)).valid).toBe(true);
    expect((await checkStructuredOutput('{"city":"Oslo","days":[1,2,3,4]}', zod)).valid).toBe(false);
    const tuple = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'array',
      prefixItems: [{ type: 'string' }, { type: 'number' }],
      minItems: 2,
      items: false,
    };
    expect((await checkStructuredOutput('["a",1]', tuple)).valid).toBe(true);
    expect((await checkStructuredOutput('["a",1,2]', tuple)).valid).toBe(false);
    const d7 = { $schema: 'http://json-schema.org/draft-07/schema#', type: 'string' };
    expect((await checkStructuredOutput('"x"', d7)).valid).toBe(true);
    const d19 = {
      $schema: 'https://json-schema.org/draft/2019-09/schema',
      type: 'object',
      unevaluatedProperties: false,
    };
    expect((await checkStructuredOutput('{"a":1}', d19)).valid).toBe(false);
    expect(await refusal({ $schema: 'http://json-schema.org/draft-04/schema#', type: 'string' })).toMatch(
      /\$schema must be draft-07, 2019-09 or 2020-12/,
    );
  });

  it('follows local $refs, recursive ones included, and fails closed on data too deep for them', async () => {
    const tree = {
      type: 'object',
      properties: { kids: { type: 'array', items: { $ref: '#' } } },
      additionalProperties: false,
    };
    expect((await checkStructuredOutput('{"kids":[{"kids":[]}]}', tree)).valid).toBe(true);
    expect((await checkStructuredOutput('{"kids":[{"kid":[]}]}', tree)).valid).toBe(false);
    const deep = '{"kids":['.repeat(20_000) + '{}' + ']}'.repeat(20_000);
    const r = await checkStructuredOutput(deep, tree);
    expect(typeof r.valid).toBe('boolean');
  });
});

describe('compileStructuredSchema refuses hostile or invalid schemas', () => {
  it('refuses what is not a schema object', async () => {
    for (const s of [null, 'string', [], 42]) expect(await refusal(s)).toMatch(/must be a JSON object/);
  });

  it('refuses unknown keywords and formats (ajv strict mode)', async () => {
    expect(await refusal({ type: 'object', propertees: {} })).toMatch(/unknown keyword/);
    expect(await refusal({ type: 'string', format: 'credit-card' })).toMatch(/unknown format/);
    expect(await refusal({ type: 'strin' })).toMatch(/invalid JSON Schema/);
  });

  it('never fetches a remote $ref', async () => {
    expect(await refusal({ $ref: 'https://evil.test/schema.json' })).toMatch(/can't resolve reference/);
  });

  it('bounds size and depth', async () => {
    const big = { type: 'object', description: 'x'.repeat(MAX_SCHEMA_BYTES) };
    expect(await refusal(big)).toMatch(/over 65536 bytes/);
    let deep: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 40; i++) deep = { type: 'array', items: deep };
    expect(await refusal(deep)).toMatch(/deeper than 32/);
  });

  it('refuses patterns that can backtrack catastrophically or that cannot be proven safe', async () => {
    expect(await refusal({ type: 'string', pattern: '^(a+)+$' })).toMatch(/exponential/);
    expect(await refusal({ type: 'string', pattern: 'a*a*a*b' })).toMatch(/polynomial/);
    expect(await refusal({ type: 'string', pattern: '^(?=.*[A-Z]).{8,}$' })).toMatch(/cannot be proven/);
    expect(await refusal({ type: 'object', patternProperties: { '(x|x)*y': {} } })).toMatch(
      /catastrophically/,
    );
    expect(await refusal({ type: 'string', pattern: '[' })).toMatch(/not a valid regular expression/);
  });

  it('stops at the first pattern it cannot prove safe, in bounded time', async () => {
    // Each takes recheck its whole per-pattern time (0.2 s) and stays undecided; the schema's total is bounded.
    const slow = (i: number) => `(${'(a|ab)'.repeat(20)})*$${i}`;
    const properties = Object.fromEntries(
      Array.from({ length: 16 }, (_, i) => [`p${i}`, { type: 'string', pattern: slow(i) }]),
    );
    const started = Date.now();
    expect(await refusal({ type: 'object', properties })).toMatch(
      /cannot be proven safe|in time|catastrophically/,
    );
    expect(Date.now() - started).toBeLessThan(5_000); // generous: the budget is 0.4 s a schema
  });

  it('refuses uniqueItems without a small maxItems (pairwise comparison)', async () => {
    expect(await refusal({ type: 'array', uniqueItems: true })).toMatch(/maxItems/);
    expect(await refusal({ type: 'array', uniqueItems: true, maxItems: 100_000 })).toMatch(/maxItems/);
    const ok = await compileStructuredSchema({ type: 'array', uniqueItems: true, maxItems: 10 });
    expect(ok.check('[1,1]').valid).toBe(false);
  });

  it('checks long hostile strings against every allowed format in bounded time', async () => {
    const formats = [
      'date-time',
      'date',
      'time',
      'duration',
      'email',
      'hostname',
      'ipv4',
      'ipv6',
      'uri',
      'uuid',
    ];
    const hostile = [
      'a'.repeat(50_000) + '!',
      '1'.repeat(50_000) + 'x',
      'a@'.repeat(25_000),
      'P1'.repeat(25_000),
    ];
    const started = Date.now();
    for (const format of formats) {
      const v = await compileStructuredSchema({ type: 'string', format });
      for (const s of hostile) expect(v.checkValue(s).valid).toBe(false);
    }
    expect(Date.now() - started).toBeLessThan(10_000); // generous: each check is linear
  });

  it('never throws anything but SCHEMA_INVALID, and its validators never throw (random schemas and values)', async () => {
    const keyword = fc.constantFrom(
      'type',
      'properties',
      'items',
      'required',
      'enum',
      'const',
      'minimum',
      'maxLength',
      'pattern',
      'anyOf',
      'oneOf',
      'not',
      'additionalProperties',
      '$ref',
      'format',
      'uniqueItems',
      'maxItems',
      'bogus',
    );
    const schema = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.dictionary(keyword, fc.oneof(fc.jsonValue({ maxDepth: 2 }), tie('node')), { maxKeys: 4 }),
        fc.constant({ type: 'string' }),
      ),
    })).node;
    await fc.assert(
      fc.asyncProperty(
        schema,
        fc.array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 5 }),
        async (s, values) => {
          let v;
          try {
            v = await compileStructuredSchema(s);
          } catch (e) {
            expect(isRampartError(e) && e.code).toBe('SCHEMA_INVALID');
            return;
          }
          for (const value of values) {
            const r = v.checkValue(value);
            expect(typeof r.valid).toBe('boolean');
            expect(v.check(JSON.stringify(value)).valid).toBe(r.valid);
          }
          expect(v.check('{"unterminated').valid).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});
