import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileArgValidator, createAjv } from '../../../src/agent/firewall/arg-validator.js';

const ajv = createAjv();
const str = { type: 'string' };

describe('compileArgValidator (JSON Schema)', () => {
  const send = compileArgValidator(ajv, 'send', {
    type: 'object',
    properties: { to: { type: 'string', format: 'email' }, body: str },
    required: ['to'],
  });

  it('accepts arguments that fit', () => {
    expect(send({ to: 'a@b.example', body: 'hi' })).toEqual([]);
  });

  it('refuses an undeclared argument when the schema says nothing about additionalProperties', () => {
    expect(send({ to: 'a@b.example', bcc: 'loot@evil.example' })).toEqual([
      { path: '', message: "has unexpected argument 'bcc'" },
    ]);
    const open = compileArgValidator(ajv, 'open', {
      type: 'object',
      properties: { a: str },
      additionalProperties: true,
    });
    expect(open({ a: 'x', extra: 1 })).toEqual([]);
  });

  it('reports every problem with its JSON pointer, formats included, up to 10', () => {
    expect(send({ body: 5 })).toEqual([
      { path: '', message: "is missing required argument 'to'" },
      { path: '/body', message: 'must be string' },
    ]);
    expect(send({ to: 'not an email' })).toEqual([{ path: '/to', message: 'must match format "email"' }]);
    const many = compileArgValidator(ajv, 'many', { type: 'array', items: { type: 'number' } });
    expect(many(Array.from({ length: 50 }, () => 'x'))).toHaveLength(10);
  });

  it('bounds an attacker-chosen argument name in the message', () => {
    const [issue] = send({ to: 'a@b.example', ['k'.repeat(10_000)]: 1 });
    expect(issue!.message).toBe(`has unexpected argument '${'k'.repeat(64)}'`);
  });

  it('refuses a schema with a typo or that is not an object, with TOOL_SCHEMA_INVALID naming the tool', () => {
    for (const bad of [{ type: 'object', propertiez: {} }, { type: 'strnig' }, [], 'string', null])
      expect(() => compileArgValidator(ajv, 'tool_x', bad), JSON.stringify(bad)).toThrow(
        expect.objectContaining({
          code: 'TOOL_SCHEMA_INVALID',
          message: expect.stringContaining("'tool_x'"),
        }),
      );
  });
});

describe('compileArgValidator (zod)', () => {
  it('uses safeParse, with pointers to the offending value', () => {
    const v = compileArgValidator(ajv, 'z', z.strictObject({ to: z.string(), list: z.array(z.number()) }));
    expect(v({ to: 'x', list: [1] })).toEqual([]);
    expect(v({ to: 'x', list: [1, 'two'] })).toEqual([{ path: '/list/1', message: expect.any(String) }]);
  });

  it('a parser that throws refuses the call instead of passing it', () => {
    const throwing = {
      safeParse: () => {
        throw new Error('boom');
      },
    };
    expect(compileArgValidator(ajv, 't', throwing)({})).toEqual([
      { path: '', message: 'schema check failed' },
    ]);
  });
});
