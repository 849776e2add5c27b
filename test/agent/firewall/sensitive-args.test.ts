import { describe, expect, it } from 'vitest';
import { sensitiveValues } from '../../../src/agent/firewall/sensitive-args.js';

describe('sensitiveValues', () => {
  it('reads top-level names and JSON pointers, with * over arrays and objects', () => {
    const args = {
      to: 'a@x.example',
      message: { cc: ['b@x.example', 'c@x.example'], headers: { 'reply-to': 'd@x.example' } },
      'a/b': 'slash',
    };
    expect(
      sensitiveValues(args, {
        to: 'recipient',
        '/message/cc/*': 'recipient',
        '/message/headers/*': 'header',
        'a/b': 'odd',
        missing: 'x',
      }),
    ).toEqual([
      { arg: 'to', kind: 'recipient', value: 'a@x.example' },
      { arg: '/message/cc/*', kind: 'recipient', value: 'b@x.example' },
      { arg: '/message/cc/*', kind: 'recipient', value: 'c@x.example' },
      { arg: '/message/headers/*', kind: 'header', value: 'd@x.example' },
      { arg: 'a/b', kind: 'odd', value: 'slash' },
    ]);
  });

  it('unescapes ~1 and ~0 in pointers', () => {
    expect(
      sensitiveValues({ 'a/b': 1, 'c~d': 2 }, { '/a~1b': 'k', '/c~0d': 'k' }).map((v) => v.value),
    ).toEqual([1, 2]);
  });

  it('follows own properties only: no prototype values', () => {
    expect(sensitiveValues({}, { constructor: 'k', '/__proto__/x': 'k', toString: 'k' })).toEqual([]);
  });

  it('returns nothing without a declaration or for non-object arguments', () => {
    expect(sensitiveValues({ to: 'x' }, undefined)).toEqual([]);
    for (const args of [null, 'to', 42, undefined])
      expect(sensitiveValues(args, { to: 'k', '/*': 'k' })).toEqual([]);
  });

  it('reads at most 1,000 elements per wildcard', () => {
    const args = { list: Array.from({ length: 5_000 }, (_, i) => i) };
    expect(sensitiveValues(args, { '/list/*': 'k' })).toHaveLength(1_000);
  });
});
