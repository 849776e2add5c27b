import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCedarRecord, toCedarValue } from '../../../src/agent/firewall/cedar-values.js';

const SPECIAL = ['__entity', '__extn', '__expr'];

/** Every key of every record in a value. */
function keysOf(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) for (const x of v) keysOf(x, out);
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      out.push(k);
      keysOf(x, out);
    }
  return out;
}

describe('toCedarValue', () => {
  it('drops entity references and extension values from arguments, at any depth', () => {
    const forged = {
      to: 'a@x.example',
      __entity: { type: 'User', id: 'admin' },
      nested: { list: [{ __extn: { fn: 'ip', arg: '10.0.0.1' }, ok: 1 }], __expr: 'x' },
    };
    expect(toCedarValue(forged)).toEqual({ to: 'a@x.example', nested: { list: [{ ok: 1 }] } });
  });

  it("keeps __entity only when the application's own attributes ask for it", () => {
    const principal = {
      manager: { __entity: { type: 'User', id: 'bob' } },
      __extn: { fn: 'ip', arg: '1.1.1.1' },
    };
    expect(toCedarValue(principal, true)).toEqual({ manager: { __entity: { type: 'User', id: 'bob' } } });
  });

  it('maps what Cedar cannot hold: no null, no float, no function; bigints and floats become strings', () => {
    expect(
      toCedarValue({ a: null, b: 1.5, c: 2 ** 60, d: NaN, e: 12n, f: () => 1, g: undefined, h: true }),
    ).toEqual({
      b: '1.5',
      c: String(2 ** 60),
      e: '12',
      h: true,
    });
    expect(toCedarValue([null, 1, 'x'])).toEqual([1, 'x']);
  });

  it('bounds strings, items and depth', () => {
    expect(toCedarValue('x'.repeat(5000))).toHaveLength(4096);
    expect(toCedarValue(Array.from({ length: 1000 }, (_, i) => i))).toHaveLength(256);
    expect(
      Object.keys(
        toCedarValue(Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, i]))) as object,
      ),
    ).toHaveLength(256);
    let deep: unknown = 'leaf';
    for (let i = 0; i < 20; i++) deep = { d: deep };
    expect(JSON.stringify(toCedarValue(deep))).not.toContain('leaf');
  });

  it('argument values never carry a special key, whatever their shape (property)', () => {
    const value = fc.object({
      key: fc.constantFrom(...SPECIAL, 'a', 'b', '__proto__', 'constructor'),
      maxDepth: 4,
      values: [fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null)],
    });
    fc.assert(
      fc.property(value, (v) => {
        const out = toCedarValue(v);
        for (const k of keysOf(out)) expect(SPECIAL).not.toContain(k);
        expect(JSON.stringify(out)).not.toMatch(/"__(?:entity|extn|expr)"/u);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('toCedarRecord', () => {
  it('is always a record', () => {
    expect(toCedarRecord(undefined)).toEqual({});
    expect(toCedarRecord({ a: 1 })).toEqual({ a: 1 });
    expect(toCedarRecord([1, 2] as never)).toEqual({});
  });
});
