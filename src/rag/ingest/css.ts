// CSS for hidden-text detection: parses inline `style` attributes and `<style>` sheets with postcss (a real CSS
// parser, no regexes over markup) and says, from an element's declarations and what it inherits, whether its
// text can be seen. It is a model of the cascade good enough for hiding places, not a layout engine.
import postcss, { type Root } from 'postcss';
import type { HiddenHow } from './types.js';

/** Declarations in source order (a later one wins), property names lower-cased. */
export type Declarations = ReadonlyArray<readonly [string, string]>;

/** One stylesheet rule: its selector list and declarations. */
export interface StyleRule {
  selectors: string[];
  declarations: Declarations;
}

export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

const WHITE: Rgba = { r: 255, g: 255, b: 255, a: 1 };
const BLACK: Rgba = { r: 0, g: 0, b: 0, a: 1 };

function parseRoot(css: string): Root | undefined {
  try {
    return postcss.parse(css);
  } catch {
    return undefined; // unparseable CSS hides nothing we can tell; the text stays visible and is scanned
  }
}

/** The declarations of an inline `style` attribute. */
export function parseInlineStyle(style: string): Declarations {
  const root = parseRoot(`x{${style}}`);
  const out: Array<[string, string]> = [];
  root?.walkDecls((d) => {
    out.push([d.prop.toLowerCase(), d.value.trim().toLowerCase()]);
  });
  return out;
}

/** The rules of a `<style>` sheet, including those inside `@media` blocks (a hiding place may sit there). */
export function parseStyleSheet(css: string): StyleRule[] {
  const root = parseRoot(css);
  const rules: StyleRule[] = [];
  root?.walkRules((rule) => {
    const declarations: Array<[string, string]> = [];
    rule.each((n) => {
      if (n.type === 'decl') declarations.push([n.prop.toLowerCase(), n.value.trim().toLowerCase()]);
    });
    if (declarations.length > 0) rules.push({ selectors: rule.selectors, declarations });
  });
  return rules;
}

const NAMED: Readonly<Record<string, Rgba>> = {
  white: WHITE,
  black: BLACK,
  snow: { r: 255, g: 250, b: 250, a: 1 },
  ivory: { r: 255, g: 255, b: 240, a: 1 },
  whitesmoke: { r: 245, g: 245, b: 245, a: 1 },
  red: { r: 255, g: 0, b: 0, a: 1 },
  green: { r: 0, g: 128, b: 0, a: 1 },
  blue: { r: 0, g: 0, b: 255, a: 1 },
  yellow: { r: 255, g: 255, b: 0, a: 1 },
  gray: { r: 128, g: 128, b: 128, a: 1 },
  grey: { r: 128, g: 128, b: 128, a: 1 },
  silver: { r: 192, g: 192, b: 192, a: 1 },
  navy: { r: 0, g: 0, b: 128, a: 1 },
  transparent: { r: 0, g: 0, b: 0, a: 0 },
};

const hex = (s: string): number => Number.parseInt(s, 16);

/** A CSS colour (`#rgb`, `#rrggbb(aa)`, `rgb()`/`rgba()`, a common name); undefined when not understood. */
export function parseColor(value: string): Rgba | undefined {
  const v = value.trim().toLowerCase();
  if (v in NAMED) return NAMED[v];
  if (v.startsWith('#')) {
    const h = v.slice(1);
    if (!/^[0-9a-f]+$/.test(h)) return undefined;
    if (h.length === 3 || h.length === 4) {
      const [r, g, b, a] = [...h].map((c) => hex(c + c));
      return { r: r!, g: g!, b: b!, a: a === undefined ? 1 : a / 255 };
    }
    if (h.length === 6 || h.length === 8)
      return {
        r: hex(h.slice(0, 2)),
        g: hex(h.slice(2, 4)),
        b: hex(h.slice(4, 6)),
        a: h.length === 8 ? hex(h.slice(6, 8)) / 255 : 1,
      };
    return undefined;
  }
  const open = v.indexOf('(');
  if ((v.startsWith('hsl(') || v.startsWith('hsla(')) && v.endsWith(')'))
    return parseHsl(v.slice(open + 1, -1));
  if ((v.startsWith('rgb(') || v.startsWith('rgba(')) && v.endsWith(')')) {
    const args = v
      .slice(open + 1, -1)
      .split(/[\s,/]+/)
      .filter((s) => s.length > 0);
    if (args.length < 3) return undefined;
    const channel = (s: string): number =>
      s.endsWith('%') ? (Number.parseFloat(s) * 255) / 100 : Number.parseFloat(s);
    const alpha =
      args[3] === undefined
        ? 1
        : args[3].endsWith('%')
          ? Number.parseFloat(args[3]) / 100
          : Number.parseFloat(args[3]);
    const c = { r: channel(args[0]!), g: channel(args[1]!), b: channel(args[2]!), a: alpha };
    return Object.values(c).every(Number.isFinite) ? c : undefined;
  }
  return undefined;
}

/** `hsl(h s% l% [/ a])` or `hsl(h, s%, l%[, a])` (the inside of the parentheses) as RGB. */
function parseHsl(inner: string): Rgba | undefined {
  const args = inner.split(/[\s,/]+/).filter((x) => x.length > 0);
  if (args.length < 3) return undefined;
  const h = ((((Number.parseFloat(args[0]!) % 360) + 360) % 360) / 360) * 6;
  const sat = Number.parseFloat(args[1]!) / 100;
  const light = Number.parseFloat(args[2]!) / 100;
  const a =
    args[3] === undefined
      ? 1
      : args[3].endsWith('%')
        ? Number.parseFloat(args[3]) / 100
        : Number.parseFloat(args[3]);
  if (![h, sat, light, a].every(Number.isFinite)) return undefined;
  const c = (1 - Math.abs(2 * light - 1)) * sat;
  const x = c * (1 - Math.abs((h % 2) - 1));
  const [r, g, b] =
    h < 1
      ? [c, x, 0]
      : h < 2
        ? [x, c, 0]
        : h < 3
          ? [0, c, x]
          : h < 4
            ? [0, x, c]
            : h < 5
              ? [x, 0, c]
              : [c, 0, x];
  const m = light - c / 2;
  return { r: (r + m) * 255, g: (g + m) * 255, b: (b + m) * 255, a };
}

/** A CSS length in px (px, pt, em/rem at 16px, %, unitless 0); undefined when not understood. */
export function lengthPx(value: string): number | undefined {
  const v = value.trim().toLowerCase();
  const n = Number.parseFloat(v);
  if (!Number.isFinite(n)) return undefined;
  if (v.endsWith('px')) return n;
  if (v.endsWith('pt')) return (n * 4) / 3;
  if (v.endsWith('rem') || v.endsWith('em')) return n * 16;
  if (v.endsWith('%')) return (n * 16) / 100;
  if (v.endsWith('vw') || v.endsWith('vh')) return n * 10;
  return n === 0 ? 0 : undefined;
}

/** Colours inherited from the ancestors: the text colour and the background the text sits on. */
export interface InheritedStyle {
  color: Rgba;
  background: Rgba;
}

export const ROOT_STYLE: InheritedStyle = { color: BLACK, background: WHITE };

const last = (decls: Declarations, prop: string): string | undefined => {
  for (let i = decls.length - 1; i >= 0; i--) if (decls[i]![0] === prop) return decls[i]![1];
  return undefined;
};

const OFFSCREEN_PX = -500;
/** Text smaller than this (px) cannot be read. */
const TINY_FONT_PX = 2;
/** Colours closer than this (largest channel difference) are the same to a reader. */
const SAME_COLOR_DELTA = 24;

const farNegative = (v: string | undefined): boolean => {
  if (v === undefined) return false;
  const px = lengthPx(v);
  return px !== undefined && px <= OFFSCREEN_PX;
};

/** The hiding done by an element's own declarations, apart from colour (which needs what it inherits). */
function hiddenByBox(decls: Declarations): HiddenHow | undefined {
  if (last(decls, 'display') === 'none') return 'display_none';
  const visibility = last(decls, 'visibility');
  if (visibility === 'hidden' || visibility === 'collapse') return 'visibility_hidden';
  const opacity = last(decls, 'opacity');
  if (opacity !== undefined && Number.parseFloat(opacity) <= 0.05) return 'transparent';
  const size = last(decls, 'font-size');
  if (size !== undefined) {
    const px = lengthPx(size);
    if (px !== undefined && px < TINY_FONT_PX) return 'zero_font';
  }
  const position = last(decls, 'position');
  if (
    ((position === 'absolute' || position === 'fixed' || position === 'relative') &&
      (farNegative(last(decls, 'left')) || farNegative(last(decls, 'top')))) ||
    farNegative(last(decls, 'text-indent')) ||
    farNegative(last(decls, 'margin-left')) ||
    farNegative(last(decls, 'margin-top'))
  )
    return 'offscreen';
  if (clipped(decls)) return 'clipped';
  const transform = last(decls, 'transform');
  if (transform?.startsWith('translate')) {
    const inner = transform.slice(transform.indexOf('(') + 1, transform.lastIndexOf(')'));
    if (inner.split(',').some((p) => farNegative(p))) return 'offscreen';
  }
  if (transform === 'scale(0)') return 'zero_font';
  return undefined;
}

/** Boxes cut down to nothing: `clip: rect(0 0 0 0)`, `clip-path: inset(50%)`, or 0–1 px with overflow hidden. */
function clipped(decls: Declarations): boolean {
  const clip = last(decls, 'clip');
  if (clip?.startsWith('rect(')) {
    const edges = clip
      .slice(5, clip.indexOf(')'))
      .split(/[\s,]+/)
      .filter((x) => x.length > 0);
    if (edges.length === 4 && edges.every((e) => lengthPx(e) === 0)) return true;
  }
  const path = last(decls, 'clip-path');
  if (path && (path.startsWith('inset(50%') || path.startsWith('inset(100%') || path.startsWith('circle(0')))
    return true;
  const overflow = last(decls, 'overflow');
  if (overflow === 'hidden' || overflow === 'clip') {
    for (const prop of ['width', 'height', 'max-width', 'max-height']) {
      const v = last(decls, prop);
      const px = v === undefined ? undefined : lengthPx(v);
      if (px !== undefined && px <= 1) return true;
    }
  }
  return false;
}

const blend = (fg: Rgba, bg: Rgba): Rgba => ({
  r: fg.r * fg.a + bg.r * (1 - fg.a),
  g: fg.g * fg.a + bg.g * (1 - fg.a),
  b: fg.b * fg.a + bg.b * (1 - fg.a),
  a: 1,
});

const sameColor = (a: Rgba, b: Rgba): boolean =>
  Math.max(Math.abs(a.r - b.r), Math.abs(a.g - b.g), Math.abs(a.b - b.b)) <= SAME_COLOR_DELTA;

/**
 * An element's style given its declarations (sheet rules first, inline style last) and what it inherits:
 * how its text is hidden (undefined when visible) and what it passes on to its children.
 */
export function evaluateStyle(
  decls: Declarations,
  inherited: InheritedStyle,
): { hidden?: HiddenHow; inherited: InheritedStyle } {
  const colorValue = last(decls, 'color');
  const bgValue = last(decls, 'background-color') ?? last(decls, 'background');
  const color = (colorValue && parseColor(colorValue)) || inherited.color;
  const ownBg = bgValue ? parseColor(bgValue.split(/\s+/)[0] ?? '') : undefined;
  const background = ownBg && ownBg.a > 0 ? blend(ownBg, inherited.background) : inherited.background;
  const next = { color, background };
  const box = hiddenByBox(decls);
  if (box) return { hidden: box, inherited: next };
  if (color.a <= 0.05) return { hidden: 'transparent', inherited: next };
  if (sameColor(blend(color, background), background)) return { hidden: 'same_color', inherited: next };
  return { inherited: next };
}
