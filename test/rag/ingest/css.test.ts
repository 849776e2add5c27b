import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluateStyle,
  lengthPx,
  parseColor,
  parseInlineStyle,
  parseStyleSheet,
  ROOT_STYLE,
} from '../../../src/rag/ingest/css.js';

const hidden = (style: string, inherited = ROOT_STYLE) =>
  evaluateStyle(parseInlineStyle(style), inherited).hidden;

describe('css: hidden-text styles', () => {
  it('parses inline declarations and sheet rules (also inside @media), lower-cased, in order', () => {
    expect(parseInlineStyle('Display: NONE; color:red')).toEqual([
      ['display', 'none'],
      ['color', 'red'],
    ]);
    expect(parseStyleSheet('.a, #b { visibility: hidden } @media screen { p { font-size: 0 } }')).toEqual([
      { selectors: ['.a', '#b'], declarations: [['visibility', 'hidden']] },
      { selectors: ['p'], declarations: [['font-size', '0']] },
    ]);
  });

  it('reads colours and lengths', () => {
    expect(parseColor('#fff')).toEqual({ r: 255, g: 255, b: 255, a: 1 });
    expect(parseColor('#00000000')?.a).toBe(0);
    expect(parseColor('rgba(255, 255, 255, 0.5)')).toEqual({ r: 255, g: 255, b: 255, a: 0.5 });
    expect(parseColor('rgb(100% 0% 0%)')).toEqual({ r: 255, g: 0, b: 0, a: 1 });
    expect(parseColor('White')).toEqual({ r: 255, g: 255, b: 255, a: 1 });
    expect(parseColor('#ggg')).toBeUndefined();
    expect(parseColor('hsl(0 0% 100%)')).toEqual({ r: 255, g: 255, b: 255, a: 1 });
    expect(parseColor('hsla(120, 100%, 25%, 0.5)')).toEqual({ r: 0, g: 127.5, b: 0, a: 0.5 });
    expect(parseColor('hsl(nope)')).toBeUndefined();
    expect(lengthPx('12pt')).toBe(16);
    expect(lengthPx('0.05em')).toBeCloseTo(0.8);
    expect(lengthPx('-9999px')).toBe(-9999);
    expect(lengthPx('0')).toBe(0);
    expect(lengthPx('auto')).toBeUndefined();
  });

  it('names each way of hiding', () => {
    expect(hidden('display:none')).toBe('display_none');
    expect(hidden('visibility:hidden')).toBe('visibility_hidden');
    expect(hidden('opacity:0')).toBe('transparent');
    expect(hidden('color:transparent')).toBe('transparent');
    expect(hidden('font-size:0')).toBe('zero_font');
    expect(hidden('font-size:1px')).toBe('zero_font');
    expect(hidden('position:absolute; left:-10000px')).toBe('offscreen');
    expect(hidden('text-indent:-9999px')).toBe('offscreen');
    expect(hidden('transform: translate(-5000px, 0)')).toBe('offscreen');
    expect(hidden('position:absolute; clip: rect(0 0 0 0)')).toBe('clipped');
    expect(hidden('clip-path: inset(50%)')).toBe('clipped');
    expect(hidden('overflow:hidden; height:0')).toBe('clipped');
    expect(hidden('overflow:hidden; width:1px; height:1px')).toBe('clipped');
    expect(hidden('overflow:hidden; height:40px')).toBeUndefined();
    expect(hidden('color:#fff')).toBe('same_color'); // white on the default white page
    expect(hidden('color:hsl(0, 0%, 99%)')).toBe('same_color');
    expect(hidden('color:#333; background-color:#333')).toBe('same_color');
    expect(hidden('color:#fefefe; background:#fff url(x.png)')).toBe('same_color');
  });

  it('leaves readable text visible, and inherits colours from ancestors', () => {
    expect(hidden('color:#222; font-size:14px')).toBeUndefined();
    expect(hidden('position:absolute; left:10px')).toBeUndefined();
    expect(hidden('color:#fff; background:#000')).toBeUndefined();
    const dark = evaluateStyle(parseInlineStyle('background:#000; color:#fff'), ROOT_STYLE).inherited;
    expect(hidden('', dark)).toBeUndefined(); // white text inherited on a black box
    expect(hidden('color:#000', dark)).toBe('same_color'); // black on the black box
  });

  it('never throws on hostile CSS (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (css) => {
        expect(Array.isArray(parseStyleSheet(css))).toBe(true);
        expect(evaluateStyle(parseInlineStyle(css), ROOT_STYLE).inherited).toBeTypeOf('object');
        parseColor(css);
        lengthPx(css);
      }),
      { numRuns: 300 },
    );
  });
});
