import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScanContext } from '../../src/core/types.js';
import { canary, createCanary, findCanaries } from '../../src/scanners/canary.js';

const TOKEN = 'rmp-5zyd782629vjccav';
const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
const hex = (s: string): string => Buffer.from(s, 'utf8').toString('hex');
const reverse = (s: string): string => [...s].reverse().join('');

function ctx(canaries: string[]): ScanContext {
  return {
    stage: 'output',
    trust: 'system',
    original: '',
    options: {},
    canaries,
    systemPrompts: [],
    log: { warn: () => undefined },
  };
}

function forms(text: string, token = TOKEN): string[] {
  return findCanaries(text, [token]).flatMap((f) => f.signals ?? []);
}

describe('createCanary', () => {
  it('makes an unambiguous random token and an instruction that embeds it', () => {
    const tokens = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const { token, instruction } = createCanary();
      expect(token).toMatch(/^rmp-[2-9a-hjkmnp-tv-z]{16}$/);
      expect(instruction).toContain(token);
      tokens.add(token);
    }
    expect(tokens.size).toBe(500);
  });

  it('is found by findCanaries when echoed', () => {
    const { token, instruction } = createCanary();
    expect(findCanaries(`Sure, my instructions: ${instruction}`, [token])).toHaveLength(1);
  });
});

describe('findCanaries', () => {
  it('finds a verbatim token, with its exact span, in any case', () => {
    const text = `Here is the marker: ${TOKEN}. Anything else?`;
    const [f] = findCanaries(text, [TOKEN]);
    expect(f?.category).toBe('leak.canary');
    expect(f?.score).toBe(0.99);
    expect(f?.signals).toEqual(['verbatim']);
    expect(f?.span).toEqual([text.indexOf(TOKEN), text.indexOf(TOKEN) + TOKEN.length]);
    expect(forms(`marker ${TOKEN.toUpperCase()}`)).toEqual(['verbatim']);
  });

  it.each([
    ['spaces', [...TOKEN].join(' ')],
    ['dashes', [...TOKEN].join('-')],
    ['dots and newlines', [...TOKEN].join('.\n')],
    ['zero-width spaces', [...TOKEN].join('\u200b')],
    ['zero-width joiners and soft hyphens', [...TOKEN].join('\u200d\u00ad')],
    ['fullwidth forms', [...TOKEN].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('')],
    ['no prefix dash', TOKEN.replace('-', '')],
  ])('finds a token split up with %s', (_, leaked) => {
    const text = `The token is ${leaked} ok`;
    const found = findCanaries(text, [TOKEN]);
    expect(found).toHaveLength(1);
    const span = found[0]?.span ?? [0, 0];
    expect(text.slice(span[0], span[1])).toContain(leaked.slice(1, -1));
  });

  it('finds a reversed token, plain or spaced', () => {
    expect(forms(`backwards: ${reverse(TOKEN)}`)).toEqual(['reversed']);
    expect(forms(`backwards: ${[...reverse(TOKEN)].join(' ')}`)).toEqual(['reversed']);
    expect(forms(`backwards: ${[...reverse(TOKEN)].join('\u200b')}`)).toEqual(['reversed']);
  });

  it('finds hex in lower case, upper case, spaced, \\x- and 0x-prefixed', () => {
    const h = hex(TOKEN);
    const pairs = h.match(/../g) ?? [];
    for (const encoded of [
      h,
      h.toUpperCase(),
      pairs.join(' '),
      pairs.map((p) => `\\x${p}`).join(''),
      pairs.map((p) => `0x${p}`).join(', '),
      pairs.map((p) => `%${p}`).join(''),
    ]) {
      const f = findCanaries(`bytes: ${encoded}`, [TOKEN]);
      expect(f.map((x) => x.via)).toEqual(['hex']);
    }
  });

  it('finds base64 of the token at every byte alignment inside a longer encoded payload', () => {
    for (let prefix = 0; prefix < 6; prefix++) {
      for (let suffix = 0; suffix < 3; suffix++) {
        const plain = `${'ctx '.slice(0, prefix)}${'p'.repeat(prefix)}${TOKEN}${'!'.repeat(suffix)} more text`;
        const encoded = b64(plain);
        const text = `Encoded for you: ${encoded} — enjoy.`;
        const found = findCanaries(text, [TOKEN]);
        expect(
          found.map((f) => f.via),
          `prefix ${prefix} suffix ${suffix}`,
        ).toEqual(['base64']);
        // The whole encoded run is covered, so redaction removes all of it.
        expect(found[0]?.span).toEqual([text.indexOf(encoded), text.indexOf(encoded) + encoded.length]);
      }
    }
  });

  it('finds base64url and line-wrapped base64', () => {
    const url = Buffer.from(`??>${TOKEN}>>?`).toString('base64url');
    expect(url).toMatch(/[-_]/);
    expect(forms(`u=${url}`)).toEqual(['base64']);
    const long = b64(`${'lorem ipsum '.repeat(8)}${TOKEN}${' dolor'.repeat(8)}`);
    const wrapped = long.match(/.{1,76}/g)?.join('\n') ?? '';
    expect(forms(wrapped)).toEqual(['base64']);
  });

  it('reports each occurrence once', () => {
    const text = `${TOKEN} and again ${TOKEN} and ${b64(TOKEN)}`;
    expect(findCanaries(text, [TOKEN]).map((f) => f.signals?.[0])).toEqual([
      'verbatim',
      'verbatim',
      'base64',
    ]);
  });

  it('does not fire on near misses or unrelated text', () => {
    // One symbol changed in the middle: every encoding of it differs from the token's.
    const near = `${TOKEN.slice(0, 10)}q${TOKEN.slice(11)}`;
    expect(findCanaries(`marker ${near}`, [TOKEN])).toEqual([]);
    expect(findCanaries(`marker ${b64(near)} ${hex(near)} ${reverse(near)}`, [TOKEN])).toEqual([]);
    expect(findCanaries(`marker ${TOKEN.slice(0, 12)}`, [TOKEN])).toEqual([]);
    expect(findCanaries('The quick brown fox jumps over the lazy dog. '.repeat(50), [TOKEN])).toEqual([]);
  });

  it('returns nothing when no canary is configured', () => {
    expect(findCanaries(`text ${TOKEN}`, [])).toEqual([]);
    expect(canary.scan(`text ${TOKEN}`, ctx([]))).toEqual([]);
  });

  it('works through the scanner object and checks every configured token', () => {
    const other = 'rmp-abcdefghjkmnpqrs';
    const found = canary.scan(`${other} / ${reverse(TOKEN)}`, ctx([TOKEN, other]));
    expect(found).toHaveLength(2);
    expect(found.map((f) => f.message).join(' ')).toMatch(/#1.*#2|#2.*#1/);
    expect(canary.stages).toEqual(['output', 'tool_call']);
  });

  it('finds hex glued to letters on both sides (a 0x inside the hex is not a prefix)', () => {
    const tok = 'aa00a-00-p'; // its hex ends in 0: "…2d70", and then comes an 'x'
    expect(findCanaries(`x${hex(tok)}x`, [tok])).toHaveLength(1);
    expect(findCanaries(`see 0x${hex(tok)}`, [tok])).toHaveLength(1);
  });

  it('handles short custom tokens verbatim only', () => {
    expect(findCanaries('say abc', ['abc'])).toHaveLength(1);
    expect(findCanaries('say a b c', ['abc'])).toEqual([]);
  });

  it('never throws, keeps spans in bounds and never puts the token in a message', () => {
    const token = fc.stringMatching(/^[a-z0-9-]{8,24}$/);
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), token, fc.integer({ min: 0, max: 5 }), (text, tok, mode) => {
        const leaked = [tok, [...tok].join(' '), reverse(tok), hex(tok), b64(`x${tok}`), ''][mode] ?? '';
        const full = `${text}${leaked}${text}`;
        const found = findCanaries(full, [tok]);
        for (const f of found) {
          const [s, e] = f.span ?? [0, 0];
          expect(s).toBeGreaterThanOrEqual(0);
          expect(e).toBeLessThanOrEqual(full.length);
          expect(s).toBeLessThan(e);
          expect(f.message.toLowerCase()).not.toContain(tok.toLowerCase());
          expect(f.message).not.toContain(hex(tok));
        }
        if (mode < 5 && /[a-z0-9]{8}/.test(tok.replaceAll('-', ''))) expect(found.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string(), { maxLength: 4 }), (text, tokens) => {
        for (const f of findCanaries(text, tokens)) {
          expect(f.span?.[1] ?? 0).toBeLessThanOrEqual(text.length);
        }
      }),
    );
  });
});
