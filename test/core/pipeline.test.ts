import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OffsetMap } from '../../src/core/offset-map.js';
import {
  LATE_DERIVED,
  orderByCost,
  runCheck,
  type CanonicalView,
  type GuardPlan,
  type ScannerPlan,
} from '../../src/core/pipeline.js';
import { RampartError } from '../../src/core/errors.js';
import type { Action, Scanner, ScannerFinding } from '../../src/core/types.js';

const NO_OPTIONS = z.object({}).strict();

const identity = (text: string): CanonicalView => ({
  text,
  map: OffsetMap.identity(text.length),
  signals: [],
  derived: [],
});

/** A scanner that reports every occurrence of a word. */
const wordScanner = (
  name: string,
  word: string,
  category: string,
  cost: Scanner['cost'] = 'cheap',
): Scanner => ({
  name,
  description: 'a test scanner',
  options: NO_OPTIONS,
  stages: ['input'],
  cost,
  scan: (text) => {
    const out: ScannerFinding[] = [];
    for (let i = text.indexOf(word); i !== -1; i = text.indexOf(word, i + 1))
      out.push({ category, score: 0.9, span: [i, i + word.length], message: `found ${category}` });
    return out;
  },
});

const plan = (
  scanners: Scanner[],
  over: Partial<GuardPlan> = {},
  planOver: Partial<ScannerPlan> = {},
): GuardPlan => ({
  scanners: {
    input: scanners.map((scanner) => ({
      scanner,
      options: {},
      threshold: 0,
      failOpen: false,
      timeoutMs: 1000,
      ...planOver,
    })),
  },
  actionFor: (_stage, category): Action =>
    category.startsWith('bad') ? 'block' : category === 'scanner.error' ? 'block' : 'flag',
  maxInputBytes: 1024,
  collectAll: false,
  canonicalize: identity,
  log: { warn: () => {} },
  ...over,
});

describe('runCheck', () => {
  it('allows clean text and records per-scanner timings', async () => {
    const d = await runCheck(plan([wordScanner('a', 'evil', 'bad.thing')]), 'input', 'hello world');
    expect(d.action).toBe('allow');
    expect(d.findings).toEqual([]);
    expect(Object.keys(d.timingsMs).sort()).toEqual(['a', 'canonicalize', 'total']);
  });

  it("takes the worst action and sets each finding's own action", async () => {
    const d = await runCheck(
      plan([wordScanner('a', 'meh', 'soft'), wordScanner('b', 'evil', 'bad.thing')]),
      'input',
      'meh evil',
    );
    expect(d.action).toBe('block');
    expect(d.findings.map((f) => [f.category, f.action])).toEqual([
      ['soft', 'flag'],
      ['bad.thing', 'block'],
    ]);
  });

  it('runs cheap scanners before model scanners and stops at the first block', async () => {
    const calls: string[] = [];
    const track = (s: Scanner): Scanner => ({ ...s, scan: (t, c) => (calls.push(s.name), s.scan(t, c)) });
    const p = plan([
      track(wordScanner('model', 'evil', 'bad.m', 'model')),
      track(wordScanner('rules', 'evil', 'bad.r')),
    ]);
    p.scanners.input = orderByCost(p.scanners.input!);
    const d = await runCheck(p, 'input', 'evil');
    expect(calls).toEqual(['rules']);
    expect(d.skipped).toEqual([{ scanner: 'model', reason: 'blocked_earlier' }]);
  });

  it('runs everything with collectAll', async () => {
    const d = await runCheck(
      plan([wordScanner('a', 'evil', 'bad.a'), wordScanner('b', 'evil', 'bad.b')], { collectAll: true }),
      'input',
      'evil',
    );
    expect(d.findings.map((f) => f.scanner)).toEqual(['a', 'b']);
  });

  it('fails closed when a scanner throws, without leaking the text or the error message', async () => {
    const boom: Scanner = {
      name: 'boom',
      description: 'a test scanner',
      options: NO_OPTIONS,
      stages: ['input'],
      cost: 'cheap',
      scan: (text) => {
        throw new Error(`cannot handle ${text}`);
      },
    };
    const warned: unknown[] = [];
    const d = await runCheck(
      plan([boom], { log: { warn: (o) => warned.push(o) } }),
      'input',
      'secret-text-123',
    );
    expect(d.action).toBe('block');
    expect(d.findings[0]).toMatchObject({ category: 'scanner.error', scanner: 'boom', action: 'block' });
    expect(JSON.stringify(d)).not.toContain('secret-text-123');
    expect(JSON.stringify(warned)).not.toContain('secret-text-123');
  });

  it('fails open only when the policy says so', async () => {
    const boom: Scanner = {
      name: 'boom',
      description: 'a test scanner',
      options: NO_OPTIONS,
      stages: ['input'],
      cost: 'cheap',
      scan: () => Promise.reject(new Error('x')),
    };
    const d = await runCheck(plan([boom], {}, { failOpen: true }), 'input', 'hi');
    expect(d.action).toBe('allow');
    expect(d.findings[0]).toMatchObject({ category: 'scanner.error', action: 'allow' });
  });

  it('treats an async scanner over its time budget as a failure', async () => {
    const slow: Scanner = {
      name: 'slow',
      description: 'a test scanner',
      options: NO_OPTIONS,
      stages: ['input'],
      cost: 'remote',
      scan: () => new Promise((r) => setTimeout(() => r([]), 200)),
    };
    const d = await runCheck(plan([slow], {}, { timeoutMs: 20 }), 'input', 'hi');
    expect(d.action).toBe('block');
    expect(d.findings[0]?.signals).toEqual(['timeout']);
  });

  it('treats a synchronous scanner over its time budget as a failure', async () => {
    const busy: Scanner = {
      name: 'busy',
      description: 'a test scanner',
      options: NO_OPTIONS,
      stages: ['input'],
      cost: 'cheap',
      scan: () => {
        const end = performance.now() + 15;
        while (performance.now() < end);
        return [];
      },
    };
    const d = await runCheck(plan([busy], {}, { timeoutMs: 5 }), 'input', 'hi');
    expect(d.findings[0]).toMatchObject({ category: 'scanner.error', signals: ['timeout'] });
  });

  it('treats a synchronous scanner that throws as a failure, and goes on with the next scanner', async () => {
    const broken: Scanner = {
      name: 'broken',
      description: 'a test scanner',
      options: NO_OPTIONS,
      stages: ['input'],
      cost: 'cheap',
      scan: () => {
        throw new TypeError('boom');
      },
    };
    const d = await runCheck(
      plan([broken, wordScanner('b', 'evil', 'flag.me')], {}, { failOpen: true }),
      'input',
      'evil',
    );
    expect(d.findings.map((f) => [f.scanner, f.category, f.signals])).toEqual([
      ['broken', 'scanner.error', ['exception']],
      ['b', 'flag.me', undefined],
    ]);
    expect(Object.keys(d.timingsMs).sort()).toEqual(['b', 'broken', 'canonicalize', 'total']);
  });

  it('keeps scanner order and derived-text findings when sync and async scanners mix', async () => {
    const sync = wordScanner('s', 'evil', 'flag.sync');
    const asyncScanner: Scanner = {
      ...wordScanner('a', 'evil', 'flag.async'),
      scan: (text) => Promise.resolve(wordScanner('x', 'evil', 'flag.async').scan(text, undefined as never)),
    };
    const withDerived = (text: string): CanonicalView => ({
      ...identity(text),
      derived: [{ text: 'evil', span: [0, 2], via: 'base64' }],
    });
    const d = await runCheck(plan([asyncScanner, sync], { canonicalize: withDerived }), 'input', 'an evil');
    expect(d.findings.map((f) => [f.scanner, f.span, f.via])).toEqual([
      ['a', [3, 7], undefined],
      ['a', [0, 2], 'base64'],
      ['s', [3, 7], undefined],
      ['s', [0, 2], 'base64'],
    ]);
    expect(d.timingsMs.total).toBeGreaterThanOrEqual(d.timingsMs.a! + d.timingsMs.s!);
  });

  it('stops at the first blocking verdict: later scanners, and decoded layers read last, are not read', async () => {
    const read: string[] = [];
    const spy = (name: string, word: string, category: string, cost: Scanner['cost'] = 'cheap'): Scanner => {
      const inner = wordScanner(name, word, category, cost);
      return {
        ...inner,
        scan: (text, ctx) => (read.push(`${name}:${text.slice(0, 12)}`), inner.scan(text, ctx)),
      };
    };
    const scanners = [spy('cheap', 'nothing', 'flag.x'), spy('model', 'evil', 'bad.model', 'model')];
    const withDerived =
      (size: number) =>
      (text: string): CanonicalView => ({
        ...identity(text),
        derived: [
          { text: 'blob one'.padEnd(size), span: [0, 1], via: 'base64' },
          { text: 'blob two', span: [0, 1], via: 'base64' },
        ],
      });
    const input = [
      { text: 'an evil text', trust: 'user' as const },
      { text: 'a second one', trust: 'user' as const },
    ];
    // Little decoded text: each scanner reads each text and its blobs; the scanner that blocks finishes its
    // texts (its findings stay complete), and no later scanner runs.
    const late = spy('late', 'nothing', 'flag.y', 'remote');
    const small = await runCheck(
      plan([...scanners, late], { canonicalize: withDerived(10) }),
      'input',
      input,
    );
    expect(small.action).toBe('block');
    const all = (name: string): string[] =>
      ['an evil text', 'blob one  ', 'blob two', 'a second one', 'blob one  ', 'blob two'].map(
        (t) => `${name}:${t}`,
      );
    expect(read).toEqual([...all('cheap'), ...all('model')]);
    expect(small.skipped).toEqual([{ scanner: 'late', reason: 'blocked_earlier' }]);
    // Over LATE_DERIVED decoded characters: every scanner on the texts as sent first; the block there
    // spares every decoded layer.
    read.length = 0;
    const big = withDerived(LATE_DERIVED);
    const large = await runCheck(
      plan(scanners, { canonicalize: big, maxInputBytes: 1 << 20 }),
      'input',
      input,
    );
    expect(large.action).toBe('block');
    expect(read).toEqual([
      'cheap:an evil text',
      'cheap:a second one',
      'model:an evil text',
      'model:a second one',
    ]);
    // collect_all: everything is read.
    read.length = 0;
    await runCheck(plan(scanners, { canonicalize: big, collectAll: true }), 'input', 'an evil text');
    expect(read).toEqual([
      'cheap:an evil text',
      'model:an evil text',
      'cheap:blob one    ',
      'cheap:blob two',
      'model:blob one    ',
      'model:blob two',
    ]);
  });

  it('tells scanners when a finding would block (collect_all false only) and shares one memo per check', async () => {
    const seen: Array<[boolean | undefined, boolean | undefined, Map<string, unknown> | undefined]> = [];
    const probe: Scanner = {
      ...wordScanner('probe', 'x', 'flag.x'),
      scan: (_text, ctx) => {
        seen.push([ctx.blocks?.('bad.one', 0.9), ctx.blocks?.('flag.one', 0.9), ctx.memo]);
        ctx.memo?.set('probe', true);
        return [];
      },
    };
    await runCheck(plan([probe, probe]), 'input', 'text');
    expect(seen.map(([a, b]) => [a, b])).toEqual([
      [true, false],
      [true, false],
    ]);
    expect(seen[0]![2]).toBe(seen[1]![2]);
    expect(seen[0]![2]!.get('probe')).toBe(true);
    seen.length = 0;
    await runCheck(plan([probe], { collectAll: true }), 'input', 'text');
    expect(seen[0]![0]).toBeUndefined();
  });

  it('refuses input over the byte limit with a typed error that does not quote it', async () => {
    const err = await runCheck(plan([]), 'input', 'é'.repeat(600)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RampartError);
    expect((err as RampartError).code).toBe('INPUT_TOO_LARGE');
    expect((err as RampartError).message).not.toContain('é');
  });

  it('rejects malformed segments and unknown stages with INPUT_INVALID', async () => {
    for (const bad of [42, [{ text: 1, trust: 'user' }], [{ text: 'x', trust: 'admin' }], [null]]) {
      const err = await runCheck(plan([]), 'input', bad as never).catch((e: unknown) => e);
      expect((err as RampartError).code).toBe('INPUT_INVALID');
    }
    const err = await runCheck(plan([]), 'nowhere' as never, 'x').catch((e: unknown) => e);
    expect((err as RampartError).code).toBe('INPUT_INVALID');
  });

  it('maps spans through the canonical map and derived blobs to the original text', async () => {
    // Canonical text drops the first two characters; a derived blob stands for original [10, 20).
    const canon = (text: string): CanonicalView => {
      const starts = Int32Array.from({ length: text.length - 2 }, (_, i) => i + 2);
      const ends = Int32Array.from({ length: text.length - 2 }, (_, i) => i + 3);
      return {
        text: text.slice(2),
        map: new OffsetMap(starts, ends, text.length),
        signals: [],
        derived: [{ text: 'xx evil', span: [10, 20], via: 'base64' }],
      };
    };
    const d = await runCheck(
      plan([wordScanner('a', 'evil', 'bad.x')], { canonicalize: canon, collectAll: true }),
      'input',
      '\u200b\u200bevil ZXZpbA==xx',
    );
    expect(d.findings.map((f) => [f.span, f.via])).toEqual([
      [[2, 6], undefined],
      [[10, 20], 'base64'],
    ]);
  });

  it('skips scanners whose trust does not match and does not canonicalize unscanned segments', async () => {
    let canonCalls = 0;
    const userOnly: Scanner = { ...wordScanner('u', 'evil', 'bad.u'), trusts: ['user'] };
    const d = await runCheck(
      plan([userOnly], { canonicalize: (t) => (canonCalls++, identity(t)) }),
      'input',
      [{ text: 'evil', trust: 'system' }],
    );
    expect(d.action).toBe('allow');
    expect(canonCalls).toBe(0);
    expect(d.skipped).toEqual([{ scanner: 'u', reason: 'no_applicable_segment' }]);
  });

  it('drops findings under the scanner threshold', async () => {
    const d = await runCheck(
      plan([wordScanner('a', 'evil', 'bad.x')], {}, { threshold: 0.95 }),
      'input',
      'evil',
    );
    expect(d.findings).toEqual([]);
  });
});
