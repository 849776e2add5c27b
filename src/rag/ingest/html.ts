// HTML extraction: parses the page with linkedom (a real DOM), applies inline styles and <style> rules (css.ts)
// down the tree, and splits the text into what a reader sees and what is hidden from them, with how and where.
// Images given as data: URIs are returned for OCR.
import { parseHTML } from 'linkedom';
import {
  evaluateStyle,
  parseInlineStyle,
  parseStyleSheet,
  ROOT_STYLE,
  type Declarations,
  type InheritedStyle,
} from './css.js';
import { extractSvg } from './svg.js';
import { collapse, dataUriImage } from './text.js';
import type { Extracted, HiddenHow, ImageRef, IngestLimits, Location, TextPart } from './types.js';

/** Elements whose content is never rendered as text (their content is not part of the visible text). */
const NOT_TEXT = new Set(['script', 'style', 'head', 'title', 'meta', 'link', 'iframe', 'object']);
const ELEMENT = 1;
const TEXT = 3;
const COMMENT = 8;
/** Deeper trees than this are not walked (a hostile page could nest without end); the rest is truncated. */
const MAX_DEPTH = 256;

// Minimal structural view of linkedom's nodes (its typings are those of the DOM).
interface DomNode {
  nodeType: number;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}
interface DomElement extends DomNode {
  tagName: string;
  id: string;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  content?: DomNode;
  outerHTML?: string;
}
interface DomDocument {
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

const describe = (el: DomElement): string => {
  const tag = el.tagName.toLowerCase();
  return el.id ? `${tag}#${el.id}` : tag;
};

/** Sheet declarations per element: every <style> rule whose selector matches it, in source order. */
function sheetDeclarations(doc: DomDocument): Map<DomElement, Array<readonly [string, string]>> {
  const byElement = new Map<DomElement, Array<readonly [string, string]>>();
  const styles = Array.from(doc.querySelectorAll('style'));
  for (const style of styles) {
    for (const rule of parseStyleSheet(style.textContent ?? '')) {
      for (const selector of rule.selectors) {
        let matched: DomElement[];
        try {
          matched = Array.from(doc.querySelectorAll(selector));
        } catch {
          continue; // a selector the engine does not support matches nothing here
        }
        for (const el of matched) {
          const list = byElement.get(el) ?? [];
          list.push(...rule.declarations);
          byElement.set(el, list);
        }
      }
    }
  }
  return byElement;
}

interface Walk {
  sheet: Map<DomElement, Array<readonly [string, string]>>;
  visible: string[];
  hidden: TextPart[];
  images: ImageRef[];
  truncated: string[];
  limits: IngestLimits;
  chars: number;
}

function pushHidden(w: Walk, text: string, how: HiddenHow, location: Location): void {
  const t = collapse(text);
  if (t.length === 0 || w.chars >= w.limits.maxTextChars) return;
  w.chars += t.length;
  w.hidden.push({ text: t, hidden: how, location });
}

function walk(node: DomNode, style: InheritedStyle, w: Walk, depth: number): void {
  if (depth > MAX_DEPTH) {
    if (!w.truncated.includes('nesting')) w.truncated.push('nesting');
    return;
  }
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === TEXT) {
      const t = child.textContent ?? '';
      if (w.chars < w.limits.maxTextChars) {
        w.visible.push(t);
        w.chars += t.length;
      }
    } else if (child.nodeType === COMMENT) {
      pushHidden(w, child.textContent ?? '', 'comment', { element: 'comment' });
    } else if (child.nodeType === ELEMENT) {
      element(child as DomElement, style, w, depth);
    }
  }
}

function element(el: DomElement, style: InheritedStyle, w: Walk, depth: number): void {
  const tag = el.tagName.toLowerCase();
  const where = describe(el);
  for (const attr of ['alt', 'title'] as const) {
    const v = el.getAttribute(attr);
    if (v) pushHidden(w, v, attr, { element: where, field: attr });
  }
  if (tag === 'img') {
    const bytes = dataUriImage(el.getAttribute('src') ?? '');
    if (bytes) {
      if (w.images.length < w.limits.maxImages)
        w.images.push({ bytes, location: { element: where, image: w.images.length + 1 } });
      else if (!w.truncated.includes('images')) w.truncated.push('images');
    }
  }
  if (tag === 'meta') {
    // <meta name="description" content="…"> and the like: text no reader sees, read by crawlers and pipelines.
    const name = el.getAttribute('name') ?? el.getAttribute('property');
    const content = el.getAttribute('content');
    if (name && content) pushHidden(w, content, 'metadata', { element: 'meta', field: name });
    return;
  }
  if (tag === 'head') {
    // Nothing in <head> is shown, but its <meta> content and comments are hiding places.
    for (const child of Array.from(el.childNodes)) {
      if (child.nodeType === COMMENT)
        pushHidden(w, child.textContent ?? '', 'comment', { element: 'comment' });
      else if (child.nodeType === ELEMENT && (child as DomElement).tagName.toLowerCase() === 'meta')
        element(child as DomElement, style, w, depth + 1);
    }
    return;
  }
  if (tag === 'svg') {
    // Inline SVG: its <text> is visible, its <desc>, <title> and invisible text are not (the SVG path).
    const svg = extractSvg(el.outerHTML ?? '', {
      ...w.limits,
      maxTextChars: w.limits.maxTextChars - w.chars,
    });
    for (const part of svg.parts) {
      if (part.hidden)
        pushHidden(w, part.text, part.hidden, { element: `svg ${part.location.element ?? ''}`.trim() });
      else w.visible.push(` ${part.text} `);
      w.chars += part.text.length;
    }
    return;
  }
  if (NOT_TEXT.has(tag)) return;
  if (tag === 'template') {
    pushHidden(w, el.textContent || el.content?.textContent || '', 'template', { element: where });
    return;
  }
  if (tag === 'noscript') {
    pushHidden(w, el.textContent ?? '', 'noscript', { element: where });
    return;
  }
  const decls: Declarations = [
    ...(w.sheet.get(el) ?? []),
    ...parseInlineStyle(el.getAttribute('style') ?? ''),
  ];
  const evaluated = evaluateStyle(decls, style);
  let how = evaluated.hidden;
  if (!how && el.hasAttribute('hidden')) how = 'display_none';
  if (!how && el.getAttribute('aria-hidden')?.trim().toLowerCase() === 'true') how = 'aria_hidden';
  if (how) {
    pushHidden(w, el.textContent ?? '', how, { element: where });
    // Comments and attributes inside a hidden element are still hiding places of their own.
    hiddenInside(el, w, depth + 1);
    return;
  }
  const block = BLOCKS.has(tag);
  if (block) w.visible.push(' ');
  walk(el, evaluated.inherited, w, depth + 1);
  if (block) w.visible.push(' ');
}

const BLOCKS = new Set([
  'p',
  'div',
  'br',
  'li',
  'tr',
  'td',
  'th',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'section',
  'article',
]);

function hiddenInside(node: DomNode, w: Walk, depth: number): void {
  if (depth > MAX_DEPTH) return;
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === COMMENT) pushHidden(w, child.textContent ?? '', 'comment', { element: 'comment' });
    else if (child.nodeType === ELEMENT) {
      const el = child as DomElement;
      for (const attr of ['alt', 'title'] as const) {
        const v = el.getAttribute(attr);
        if (v) pushHidden(w, v, attr, { element: describe(el), field: attr });
      }
      hiddenInside(el, w, depth + 1);
    }
  }
}

/** Extracts visible and hidden text (and data: URI images) from an HTML document. */
export function extractHtml(html: string, limits: IngestLimits): Extracted {
  const { document } = parseHTML(html) as unknown as { document: DomDocument };
  const w: Walk = {
    sheet: sheetDeclarations(document),
    visible: [],
    hidden: [],
    images: [],
    truncated: [],
    limits,
    chars: 0,
  };
  // Walk the document's own children: a fragment without <html> (linkedom makes its first element the
  // documentElement) keeps every top-level node.
  walk(document as unknown as DomNode, ROOT_STYLE, w, 0);
  const title = document.querySelectorAll('title')[0]?.textContent;
  const visible = collapse(w.visible.join(''));
  const parts: TextPart[] = [];
  if (title && collapse(title)) parts.push({ text: collapse(title), location: { element: 'title' } });
  if (visible) parts.push({ text: visible, location: { element: 'body' } });
  if (w.chars >= limits.maxTextChars) w.truncated.push('text');
  return { parts: [...parts, ...w.hidden], images: w.images, truncated: w.truncated };
}
