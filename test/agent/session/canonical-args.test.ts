import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  callFingerprint,
  CANONICAL_MAX_DEPTH,
  canonicalJson,
  jsonDepth,
} from '../../../src/agent/session/canonical-args.js';

/** The same value with every object's keys in reverse order. */
function reorder(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reorder);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.keys(v)
      .reverse()
      .map((k) => [k, reorder((v as Record<string, unknown>)[k])]),
  );
}

describe('callFingerprint', () => {
  it('ignores key order, and tells different tools, values and nesting apart', () => {
    expect(callFingerprint('t', { a: 1, b: [1, { c: 2, d: 3 }] })).toBe(
      callFingerprint('t', { b: [1, { d: 3, c: 2 }], a: 1 }),
    );
    const base = callFingerprint('t', { a: 1 });
    for (const [tool, args] of [
      ['u', { a: 1 }],
      ['t', { a: 2 }],
      ['t', { a: '1' }],
      ['t', { a: [1] }],
      ['t', { b: 1 }],
      ['t', {}],
    ] as const)
      expect(callFingerprint(tool, args), `${tool} ${JSON.stringify(args)}`).not.toBe(base);
  });

  it('is a hash: fixed length, no argument value in it', () => {
    const f = callFingerprint('send', { to: 'secret@x.example' });
    expect(f).toMatch(/^[A-Za-z0-9_-]{43}$/u);
    expect(f).not.toContain('secret');
  });

  it('survives deep nesting without a stack overflow', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(callFingerprint('t', deep)).toMatch(/^[A-Za-z0-9_-]{43}$/u);
  });

  it('equal JSON values in any key order give one fingerprint (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => {
        expect(callFingerprint('t', reorder(v))).toBe(callFingerprint('t', v));
      }),
      { numRuns: 500 },
    );
  });
});

describe('canonicalJson and jsonDepth', () => {
  it('sorts object keys at every depth and counts nesting up to the cap', () => {
    expect(canonicalJson({ b: [1, { d: 1, c: 2 }], a: 'x' })).toBe('{"a":"x","b":[1,{"c":2,"d":1}]}');
    expect(jsonDepth(1)).toBe(0);
    expect(jsonDepth({ a: [1] })).toBe(2);
    let deep: unknown = 1;
    for (let i = 0; i < 1000; i++) deep = [deep];
    expect(jsonDepth(deep)).toBe(CANONICAL_MAX_DEPTH + 1);
  });
});
