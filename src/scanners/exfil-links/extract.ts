// Finds every place in model output where a renderer could turn text into a network request: markdown
// images and links (inline and reference-style), autolinks, HTML tags with URL attributes, CSS url(), and
// bare URLs. Markdown is scanned by hand (one pass over the brackets with a bounded stack) because nested
// brackets in alt text cannot be matched by a linear-time regex; everything else uses linear regexes with
// bounded repetition. Every destination is capped at MAX_URL_LENGTH characters and scanning always moves
// forward past a destination, so hostile input (a megabyte of `![` or `[](`) costs one pass.
import { decodeHTMLAttribute } from 'entities';

export type LinkKind =
  | 'markdown_image'
  | 'markdown_link'
  | 'html_img'
  | 'html_a'
  | 'html_iframe'
  | 'html_other'
  | 'css_url'
  | 'autolink'
  | 'bare'
  | 'reference';

export interface ExtractedLink {
  /** The destination as a renderer would see it: HTML entities and markdown backslash escapes decoded. */
  url: string;
  /** Where the destination is written in the text (without surrounding quotes or angle brackets). */
  span: [number, number];
  kind: LinkKind;
  /**
   * True when rendering the text fetches the URL with no click: markdown images, `<img>`, `<iframe>`,
   * `<script>`, `<link>`, srcset, CSS url(), meta refresh, and reference definitions used by an image.
   */
  autoLoads: boolean;
}

export const MAX_URL_LENGTH = 8192;
export const DEFAULT_MAX_LINKS = 1000;
const MAX_BRACKET_DEPTH = 256;
const MAX_LABEL = 999;

/** Whitespace a markdown destination may be preceded by; bounded so `](` + spaces costs nothing. */
const MAX_LEADING_SPACE = 64;

const BRACKET = /[[\]]/g;
const REF_DEF = /^[ \t]{0,3}\[([^[\]\r\n]{1,999})\]:[ \t]*(?:<([^\r\n<>]{0,8192})>|([^\s<]\S{0,8191}))/gm;
const AUTOLINK = /<([a-z][a-z0-9+.-]{1,31}:[^\s<>]{0,8192})>/gi;
const HTML_TAG =
  /<(img|image|a|area|iframe|frame|script|link|source|video|audio|track|embed|object|input|body|table|td|th|form|button|meta|use|base|blockquote|q|del|ins|portal)[\s/]([^<>]{0,4096})/gi;
const HTML_ATTR =
  /(?:^|[\s"'/])(src|href|srcset|data|action|formaction|poster|background|lowsrc|dynsrc|ping|cite|xlink:href|content)\s*=\s*(?:"([^"]*)"?|'([^']*)'?|([^\s"'=<>`]+))/gi;
const META_REFRESH = /^\s*(?:[\d.]+\s*)?[;,]\s*(?:url\s*=\s*)?['"]?/i;
const CSS_URL = /\burl\(\s*(?:"([^"\n]{0,8192})"|'([^'\n]{0,8192})'|([^\s"')][^\s)]{0,8191}))/gi;
const BARE = /\b(?:(?:https?|ftps?|wss?):(?:\/\/|\\\/\\\/)|www\.)[^\s<>"'`|]{1,8192}/gi;
const BACKSLASH_ESCAPE = /\\([!-/:-@[-`{-~])/g;
const WHITESPACE_RUN = /\s+/g;
const CSS_HINT = /url\(/i;
const WWW_HINT = /www\./i;

const IMAGE_TAGS = new Set(['img', 'image']);
const ANCHOR_TAGS = new Set(['a', 'area']);
const FRAME_TAGS = new Set(['iframe', 'frame']);
/** Tags whose URL attributes are followed only on a click, or never fetched (cite). */
const CLICK_TAGS = new Set(['a', 'area', 'form', 'button', 'blockquote', 'q', 'del', 'ins']);
const CLICK_ATTRS = new Set(['action', 'formaction', 'cite', 'ping']);

function htmlKind(tag: string): LinkKind {
  if (IMAGE_TAGS.has(tag)) return 'html_img';
  if (ANCHOR_TAGS.has(tag)) return 'html_a';
  if (FRAME_TAGS.has(tag)) return 'html_iframe';
  return 'html_other';
}

function decodeEntities(s: string): string {
  return s.includes('&') ? decodeHTMLAttribute(s) : s;
}

function decodeMarkdown(s: string): string {
  return decodeEntities(s.includes('\\') ? s.replace(BACKSLASH_ESCAPE, '$1') : s);
}

function normLabel(label: string): string {
  return label.trim().replace(WHITESPACE_RUN, ' ').toLowerCase();
}

class Collector {
  readonly links: ExtractedLink[] = [];
  private readonly seen = new Set<string>();
  constructor(readonly max: number) {}
  get full(): boolean {
    return this.links.length >= this.max;
  }
  add(url: string, start: number, end: number, kind: LinkKind, autoLoads: boolean): void {
    if (this.full || end <= start || url.length === 0) return;
    const key = `${start}:${end}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.links.push({ url, span: [start, end], kind, autoLoads });
  }
}

interface Definition {
  url: string;
  start: number;
  end: number;
  usedAsImage: boolean;
}

function definitions(text: string): Map<string, Definition> {
  const defs = new Map<string, Definition>();
  if (!text.includes(']:')) return defs;
  REF_DEF.lastIndex = 0;
  for (let m = REF_DEF.exec(text); m !== null; m = REF_DEF.exec(text)) {
    const label = normLabel(m[1] ?? '');
    const angled = m[2] !== undefined;
    const raw = angled ? (m[2] ?? '') : (m[3] ?? '');
    const end = m.index + m[0].length - (angled ? 1 : 0);
    // CommonMark: the first definition of a label wins.
    if (label.length > 0 && !defs.has(label)) {
      defs.set(label, { url: decodeMarkdown(raw), start: end - raw.length, end, usedAsImage: false });
    }
  }
  return defs;
}

interface Destination {
  start: number;
  end: number;
  /** Where bracket scanning resumes: past the destination, so its characters are never scanned again. */
  resume: number;
}

/** Parses an inline destination starting right after `](`. Lenient: an unclosed one still counts. */
function destination(text: string, from: number): Destination | undefined {
  let j = from;
  const spaceLimit = Math.min(text.length, from + MAX_LEADING_SPACE);
  while (j < spaceLimit && (text[j] === ' ' || text[j] === '\t' || text[j] === '\n')) j++;
  if (text[j] === '<') {
    const limit = Math.min(text.length, j + 1 + MAX_URL_LENGTH);
    for (let k = j + 1; k < limit; k++) {
      const c = text[k];
      if (c === '>') return k > j + 1 ? { start: j + 1, end: k, resume: k + 1 } : undefined;
      if (c === '<' || c === '\n') return undefined;
    }
    return undefined;
  }
  const start = j;
  const limit = Math.min(text.length, start + MAX_URL_LENGTH);
  let depth = 0;
  let k = start;
  for (; k < limit; k++) {
    const c = text.charCodeAt(k);
    if (c <= 0x20) break;
    if (c === 0x5c /* \ */) {
      k++;
      continue;
    }
    if (c === 0x28 /* ( */) depth++;
    else if (c === 0x29 /* ) */ && --depth < 0) break;
  }
  k = Math.min(k, limit);
  return k > start ? { start, end: k, resume: k } : undefined;
}

/** End of a `[label]` starting at `from` (just after `[`), or -1: labels hold no unescaped brackets. */
function labelEnd(text: string, from: number): number {
  const limit = Math.min(text.length, from + MAX_LABEL + 1);
  for (let k = from; k < limit; k++) {
    const c = text[k];
    if (c === ']') return k;
    if (c === '[') return -1;
    if (c === '\\') k++;
  }
  return -1;
}

function isEscaped(text: string, i: number): boolean {
  let n = 0;
  for (let k = i - 1; k >= 0 && text[k] === '\\' && n < 64; k--) n++;
  return n % 2 === 1;
}

function markdown(text: string, defs: Map<string, Definition>, out: Collector): void {
  const stack: Array<{ pos: number; image: boolean }> = [];
  let lastBracket = -1;
  BRACKET.lastIndex = 0;
  for (let m = BRACKET.exec(text); m !== null && !out.full; m = BRACKET.exec(text)) {
    const i = m.index;
    if (isEscaped(text, i)) continue;
    if (m[0] === '[') {
      // Dropping the oldest half keeps the stack bounded; an attacker's 10 000 open brackets match nothing.
      if (stack.length >= MAX_BRACKET_DEPTH) stack.splice(0, MAX_BRACKET_DEPTH / 2);
      stack.push({ pos: i, image: i > 0 && text[i - 1] === '!' && !isEscaped(text, i - 1) });
      lastBracket = i;
      continue;
    }
    const innermost = lastBracket >= 0 && stack[stack.length - 1]?.pos === lastBracket;
    const open = stack.pop();
    lastBracket = i;
    if (open === undefined) continue;
    const next = text[i + 1];
    if (next === '(') {
      const d = destination(text, i + 2);
      if (d !== undefined) {
        const kind = open.image ? 'markdown_image' : 'markdown_link';
        out.add(decodeMarkdown(text.slice(d.start, d.end)), d.start, d.end, kind, open.image);
        BRACKET.lastIndex = Math.max(BRACKET.lastIndex, d.resume);
      }
      continue;
    }
    if (defs.size === 0) continue;
    let label: string | undefined;
    if (next === '[') {
      const close = labelEnd(text, i + 2);
      if (close >= 0) {
        label =
          close === i + 2 ? (innermost ? text.slice(open.pos + 1, i) : undefined) : text.slice(i + 2, close);
        BRACKET.lastIndex = close + 1;
        lastBracket = close;
      }
    } else if (innermost && i - open.pos - 1 <= MAX_LABEL) {
      label = text.slice(open.pos + 1, i);
    }
    const def = label === undefined ? undefined : defs.get(normLabel(label));
    if (def && open.image) def.usedAsImage = true;
  }
}

function html(text: string, out: Collector): void {
  HTML_TAG.lastIndex = 0;
  for (let m = HTML_TAG.exec(text); m !== null && !out.full; m = HTML_TAG.exec(text)) {
    const tag = (m[1] ?? '').toLowerCase();
    const attrs = m[2] ?? '';
    const attrsStart = m.index + m[0].length - attrs.length;
    const kind = htmlKind(tag);
    HTML_ATTR.lastIndex = 0;
    for (let a = HTML_ATTR.exec(attrs); a !== null; a = HTML_ATTR.exec(attrs)) {
      const attr = (a[1] ?? '').toLowerCase();
      const quoted = a[2] ?? a[3];
      const value = quoted ?? a[4] ?? '';
      // A quote left open (the tag was cut short by a `<` inside the value) still yields the value so far.
      const closed = quoted !== undefined && value.length > 0 && /["']$/.test(a[0]);
      const end = attrsStart + a.index + a[0].length - (closed ? 1 : 0);
      const start = end - value.length;
      const autoLoads = !CLICK_TAGS.has(tag) && !CLICK_ATTRS.has(attr);
      if (attr === 'srcset') {
        srcset(value, start, kind, autoLoads, out);
      } else if (attr === 'content') {
        if (tag !== 'meta') continue;
        const r = META_REFRESH.exec(value);
        if (r === null) continue;
        const from = r[0].length;
        const quote = value[from - 1];
        const close = quote === '"' || quote === "'" ? value.indexOf(quote, from) : -1;
        const to = close < 0 ? value.length : close;
        const url = value.slice(from, to);
        if (url.trim().length > 0) out.add(decodeEntities(url), start + from, start + to, 'html_other', true);
      } else if (value.trim().length > 0) {
        out.add(decodeEntities(value), start, end, kind, autoLoads);
      }
    }
  }
}

/** `srcset="a.png 1x, b.png 2x"`: each candidate URL is a run of non-space characters. */
function srcset(value: string, base: number, kind: LinkKind, autoLoads: boolean, out: Collector): void {
  let k = 0;
  const n = value.length;
  while (k < n) {
    while (k < n && (value[k] === ',' || /* whitespace */ value.charCodeAt(k) <= 0x20)) k++;
    const start = k;
    while (k < n && value.charCodeAt(k) > 0x20) k++;
    let end = k;
    while (end > start && value[end - 1] === ',') end--;
    if (end > start)
      out.add(decodeEntities(value.slice(start, end)), base + start, base + end, kind, autoLoads);
    if (end < k) continue; // the URL itself ended the candidate with a comma
    while (k < n && value[k] !== ',') k++;
  }
}

function css(text: string, out: Collector): void {
  CSS_URL.lastIndex = 0;
  for (let m = CSS_URL.exec(text); m !== null && !out.full; m = CSS_URL.exec(text)) {
    const quoted = m[1] ?? m[2];
    const value = quoted ?? m[3] ?? '';
    const end = m.index + m[0].length - (quoted === undefined ? 0 : 1);
    if (value.trim().length > 0) out.add(value, end - value.length, end, 'css_url', true);
  }
}

function autolinks(text: string, out: Collector): void {
  AUTOLINK.lastIndex = 0;
  for (let m = AUTOLINK.exec(text); m !== null && !out.full; m = AUTOLINK.exec(text)) {
    const value = m[1] ?? '';
    out.add(value, m.index + 1, m.index + 1 + value.length, 'autolink', false);
  }
}

const TRAILING = new Set(['.', ',', ':', ';', '!', '?', '*', '_', '~', "'", '"']);
const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/** Bare URLs end before trailing punctuation and before a closing bracket they did not open. */
function trimBare(url: string): number {
  const counts = new Map<string, number>();
  for (const c of url)
    if (c in CLOSERS || c === '(' || c === '[' || c === '{') counts.set(c, (counts.get(c) ?? 0) + 1);
  let end = url.length;
  while (end > 0) {
    const c = url[end - 1] ?? '';
    const opener = CLOSERS[c];
    if (TRAILING.has(c)) {
      end--;
    } else if (opener !== undefined && (counts.get(c) ?? 0) > (counts.get(opener) ?? 0)) {
      counts.set(c, (counts.get(c) ?? 0) - 1);
      end--;
    } else {
      break;
    }
  }
  return end;
}

function bare(text: string, out: Collector, covered: ExtractedLink[]): void {
  const spans = covered.map((l) => l.span).sort((a, b) => a[0] - b[0]);
  // Running maximum of span ends, so one long span hides every bare URL inside it.
  const reach: number[] = [];
  let maxEnd = -1;
  for (const s of spans) reach.push((maxEnd = Math.max(maxEnd, s[1])));
  let p = 0;
  BARE.lastIndex = 0;
  for (let m = BARE.exec(text); m !== null && !out.full; m = BARE.exec(text)) {
    const start = m.index;
    while (p < spans.length && (spans[p]?.[0] ?? 0) <= start) p++;
    const inside = p > 0 && (reach[p - 1] ?? -1) > start;
    const end = start + trimBare(m[0]);
    const nextStart = spans[p]?.[0] ?? Infinity;
    if (inside || nextStart < end || end <= start) continue;
    let url = text.slice(start, end);
    if (url.includes('\\/')) url = url.replaceAll('\\/', '/'); // JSON-escaped, e.g. in tool-call arguments
    if (WWW_HINT.test(url.slice(0, 4))) url = `http://${url}`;
    out.add(url, start, end, 'bare', false);
  }
}

/**
 * Every link-like destination in `text`, sorted by position, at most `maxLinks` of them (the scanner treats
 * reaching the cap as a finding of its own). Reference definitions are reported once each, as `reference`,
 * with the span of the URL in the definition; `autoLoads` says whether an image uses them.
 */
export function extractLinks(text: string, maxLinks: number = DEFAULT_MAX_LINKS): ExtractedLink[] {
  const out = new Collector(maxLinks);
  const defs = definitions(text);
  if (text.includes('](') || defs.size > 0) markdown(text, defs, out);
  for (const d of defs.values()) out.add(d.url, d.start, d.end, 'reference', d.usedAsImage);
  if (text.includes('<')) {
    html(text, out);
    autolinks(text, out);
  }
  if (CSS_HINT.test(text)) css(text, out);
  if (text.includes(':') || WWW_HINT.test(text)) bare(text, out, [...out.links]);
  return out.links.sort((a, b) => a.span[0] - b.span[0]);
}
