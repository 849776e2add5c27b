import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holdback } from '../../../src/gateway/output/holdback.js';

const held = (p: string, maxHold = 256, maxBlock = 8192): string =>
  p.slice(holdback(p, maxHold, maxBlock).start);

describe('holdback', () => {
  it('holds only the trailing partial word of prose', () => {
    expect(held('The weather is nice tod')).toBe('tod');
    expect(held('The weather is nice today. ')).toBe('');
  });

  it('holds a trailing run of number groups that a phone or card number may continue', () => {
    expect(held('Call me at +1 (415) 555 ')).toBe('+1 (415) 555 ');
    expect(held('my iban is DE89 3704 0044 05')).toBe('DE89 3704 0044 05');
    expect(held('There are 3 cats here')).toBe('here');
  });

  it('holds an unclosed markdown image, link, placeholder or HTML tag', () => {
    expect(held('See ![a chart of sales](https://ex')).toBe('![a chart of sales](https://ex');
    expect(held('Read [the docs for')).toBe('[the docs for');
    expect(held('Mail [EMAI')).toBe('[EMAI');
    expect(held('x <img src="https://a.b/c.png" alt')).toBe('<img src="https://a.b/c.png" alt');
    expect(held('math: a < b and c')).toBe('c');
  });

  it('holds an HTML tag begun before the trailing token and closed inside it whole, not from its last space', () => {
    const p = 'Hi <div onclick="go()">';
    expect(holdback(p, 256, 8192).start).toBe(3);
    expect(holdback('Hi <a href="x">l</a>', 256, 8192).start).toBe(3);
    // A closed tag with text after it is released as usual.
    expect(holdback('Hi <b>bold</b> and more', 256, 8192).start).toBe('Hi <b>bold</b> and '.length);
  });

  it('holds an open private key block whole, and reports one that grows past its bound', () => {
    const open = '-----BEGIN RSA PRIVATE KEY-----\nAAAA\nBBBB\n';
    expect(held(`key:\n${open}`)).toBe(open);
    expect(holdback(`${open}${'A'.repeat(100)}\n`, 16, 64).blockOverflow).toBe(true);
    expect(held(`${open}-----END RSA PRIVATE KEY-----\nok`)).toBe('ok');
  });

  it('property: never holds more than the bound, never splits a surrogate pair', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 400 }),
        fc.integer({ min: 1, max: 300 }),
        (p, max) => {
          const { start, blockOverflow } = holdback(p, max, 8192);
          expect(start).toBeGreaterThanOrEqual(0);
          expect(start).toBeLessThanOrEqual(p.length);
          if (!blockOverflow && !p.includes('-----BEGIN '))
            expect(p.length - start).toBeLessThanOrEqual(max + 1);
          const c = p.charCodeAt(start - 1);
          if (start > 0 && start < p.length) expect(c >= 0xd800 && c <= 0xdbff).toBe(false);
        },
      ),
    );
  });
});
