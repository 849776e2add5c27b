// SVG extraction: parses the XML with linkedom; <text>/<tspan> content a viewer draws is visible text, and
// <desc>, <title>, <metadata>, comments and text made invisible by presentation attributes or style
// (display, visibility, opacity, font-size, fill equal to the background) are hidden text.
import { DOMParser } from 'linkedom';
import { evaluateStyle, parseInlineStyle, ROOT_STYLE, type InheritedStyle } from './css.js';
import { collapse, dataUriImage } from './text.js';
import type { Extracted, HiddenHow, IngestLimits, TextPart, ImageRef } from './types.js';

interface SvgNode {
  nodeType: number;
  textContent: string | null;
  childNodes: ArrayLike<SvgNode>;
  tagName?: string;
  id?: string;
  getAttribute?(name: string): string | null;
}

const PRESENTATION = ['display', 'visibility', 'opacity', 'font-size'] as const;
const MAX_DEPTH = 256;

export function extractSvg(svg: string, limits: IngestLimits): Extracted {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml') as unknown as {} & SvgNode;
  const visible: string[] = [];
  const hidden: TextPart[] = [];
  const images: ImageRef[] = [];
  const truncated: string[] = [];
  let chars = 0;
  const hide = (text: string, how: HiddenHow, element: string): void => {
    const t = collapse(text);
    if (t && chars < limits.maxTextChars) {
      chars += t.length;
      hidden.push({ text: t, hidden: how, location: { element } });
    }
  };
  const visit = (node: SvgNode, style: InheritedStyle, inText: boolean, depth: number): void => {
    if (depth > MAX_DEPTH) {
      if (!truncated.includes('nesting')) truncated.push('nesting');
      return;
    }
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 8) hide(child.textContent ?? '', 'comment', 'comment');
      else if (child.nodeType === 3) {
        if (inText && chars < limits.maxTextChars) {
          visible.push(child.textContent ?? '');
          chars += (child.textContent ?? '').length;
        }
      } else if (child.nodeType === 1 && child.getAttribute) {
        const tag = (child.tagName ?? '').toLowerCase();
        const where = child.id ? `${tag}#${child.id}` : tag;
        if (tag === 'desc' || tag === 'metadata') {
          hide(child.textContent ?? '', 'svg_desc', where);
          continue;
        }
        if (tag === 'title') {
          hide(child.textContent ?? '', 'title', where);
          continue;
        }
        if (tag === 'image') {
          const bytes = dataUriImage(child.getAttribute('href') ?? child.getAttribute('xlink:href') ?? '');
          if (bytes && images.length < limits.maxImages)
            images.push({ bytes, location: { element: where, image: images.length + 1 } });
        }
        const decls: Array<readonly [string, string]> = [];
        for (const p of PRESENTATION) {
          const v = child.getAttribute(p);
          if (v) decls.push([p, v.trim().toLowerCase()]);
        }
        const fill = child.getAttribute('fill');
        if (fill) decls.push(['color', fill.trim().toLowerCase()]);
        const inline = parseInlineStyle(child.getAttribute('style') ?? '').map(
          ([k, v]) => [k === 'fill' ? 'color' : k, v] as const,
        );
        const evaluated = evaluateStyle([...decls, ...inline], style);
        const text = inText || tag === 'text';
        if (evaluated.hidden && (text || tag === 'g' || tag === 'svg')) {
          hide(child.textContent ?? '', evaluated.hidden, where);
          continue;
        }
        visit(child, evaluated.inherited, text, depth + 1);
        if (tag === 'text') visible.push(' ');
      }
    }
  };
  // The document's own children: comments before or after the root element are hiding places too.
  visit(doc, ROOT_STYLE, false, 0);
  const text = collapse(visible.join(''));
  const parts: TextPart[] = text ? [{ text, location: { element: 'text' } }] : [];
  return { parts: [...parts, ...hidden], images, truncated };
}
