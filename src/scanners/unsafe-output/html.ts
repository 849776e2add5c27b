// Active HTML in an answer (OWASP LLM05): a chat UI or a web page that renders the model's output as HTML
// runs a `<script>`, an `onerror=` handler or a `javascript:` link in the user's session, and a `<form>` or
// `<iframe>` puts the attacker's page inside the application's. Detection uses a real HTML tokenizer
// (htmlparser2, the one sanitize-html is built on, so both read the markup the same way) for exact element
// spans; the `redact` rewrite is sanitize-html's output for that element, so the user keeps the harmless
// markup and text. Markdown code (fenced blocks and inline `code`) is shown, not rendered: HTML there is
// an example, not a payload, and is left alone.
//
// Not covered here: auto-loading images and links to unlisted hosts (exfil-links reports those as
// exfil.link, including `<img src>` and CSS `url()`), and CSS-only tricks in `style` attributes (sanitize-html
// drops `style` from the rewrite anyway when an element is rewritten).
import { Parser } from 'htmlparser2';
import sanitizeHtml from 'sanitize-html';
import type { ScannerFinding } from '../../core/types.js';

export const HTML_CATEGORY = 'unsafe_output.html';

/**
 * Elements that run code, embed another page, send what the user types elsewhere, or restyle or rebase the
 * page. Form controls outside a form send nothing (`<button>` in an answer about click handlers is common);
 * `<meta>` counts only as a refresh (see attributeSignals).
 */
const DANGEROUS_ELEMENTS: ReadonlyMap<string, string> = new Map([
  ['script', 'script_element'],
  ['iframe', 'frame_element'],
  ['frame', 'frame_element'],
  ['frameset', 'frame_element'],
  ['object', 'embed_element'],
  ['embed', 'embed_element'],
  ['applet', 'embed_element'],
  ['portal', 'frame_element'],
  ['form', 'form_element'],
  ['style', 'style_element'],
  ['link', 'link_element'],
  ['base', 'base_element'],
]);

/** Attributes a browser follows as a URL (or, for srcdoc, renders as a document). */
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'xlink:href',
  'data',
  'poster',
  'background',
  'cite',
  'longdesc',
  'srcset',
  'dynsrc',
  'lowsrc',
  'ping',
]);
const SCRIPT_SCHEMES = ['javascript:', 'vbscript:', 'livescript:'];
const INERT_DATA_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp|avif|bmp);/;
const PARSER_OPTIONS = {
  decodeEntities: true,
  lowerCaseTags: true,
  lowerCaseAttributeNames: true,
  recognizeSelfClosing: true,
} as const;
const TAG_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const EVENT_HANDLER = /^on[a-z]{2,30}$/;

const SIGNAL_TEXT: Readonly<Record<string, string>> = {
  script_element: '<script> element',
  frame_element: 'frame (<iframe>)',
  embed_element: 'embedded object',
  form_element: 'form or form control',
  style_element: '<style> element',
  link_element: '<link> element',
  meta_element: '<meta> refresh or cookie',
  base_element: '<base> element',
  event_handler: 'event handler attribute',
  javascript_url: 'javascript: URL',
  data_url: 'data: URL',
  srcdoc: 'srcdoc document',
  long_open_tag: 'start tag left open over 200 characters',
  limit: 'too many elements',
};

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'del', 'ins', 'details', 'summary'],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Their content is code, a page or a form value, not text the user should read.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'template', 'title'],
};

/** sanitize-html's rendering of a fragment: what `redact` puts in place of unsafe HTML. */
export function sanitizeFragment(html: string): string {
  return sanitizeHtml(html, SANITIZE_OPTIONS);
}

/**
 * The replacement for a redacted `unsafe_output.html` span. A span that is only a start tag (its element
 * closes later, or in a later streamed piece) loses the end tag sanitize-html adds, so the markup that
 * follows still closes it.
 */
export function sanitizeSpan(html: string): string {
  // A start tag the text ended inside (a streamed tag cut at the scan) is closed first, so it keeps its safe parts.
  const lt = html.lastIndexOf('<');
  const open = lt >= 0 && html.indexOf('>', lt) < 0 && /^<[a-zA-Z]/.test(html.slice(lt, lt + 2));
  if (open) html = `${html}>`;
  const out = sanitizeFragment(html);
  const m = /^<([a-z][a-z0-9]{0,15})\b[^<>]{0,4096}>$/i.exec(html.trimEnd());
  if (m && out.endsWith(`</${m[1]!.toLowerCase()}>`)) return out.slice(0, out.length - m[1]!.length - 3);
  return out;
}

/** Strips what a browser ignores in a URL before it reads the scheme: controls, spaces, tabs, newlines. */
function urlHead(value: string): string {
  let s = '';
  for (let i = 0; i < value.length && s.length < 32; i++) {
    const c = value.charCodeAt(i);
    if (c > 0x20) s += value[i]!.toLowerCase();
  }
  return s;
}

function attributeSignals(tag: string, attribs: Record<string, string>, out: Set<string>): void {
  if (tag === 'meta' && /^\s*(?:refresh|set-cookie)\s*$/i.test(attribs['http-equiv'] ?? ''))
    out.add('meta_element');
  for (const [name, value] of Object.entries(attribs)) {
    if (EVENT_HANDLER.test(name)) out.add('event_handler');
    else if (name === 'srcdoc') out.add('srcdoc');
    else if (URL_ATTRIBUTES.has(name)) {
      const head = urlHead(value);
      if (SCRIPT_SCHEMES.some((s) => head.startsWith(s))) out.add('javascript_url');
      // A raster image in <img src> is inert (exfil-links agrees); any other data: URL can carry a page.
      else if (head.startsWith('data:') && !(tag === 'img' && INERT_DATA_IMAGE.test(head)))
        out.add('data_url');
    }
  }
}

/**
 * Offsets of markdown code (fenced blocks, inline code spans) replaced by spaces, so the tokenizer never
 * sees HTML that a markdown renderer would show as code. Same length as the input: offsets are unchanged.
 */
export function blankMarkdownCode(text: string): string {
  if (!text.includes('`') && !text.includes('~~~') && !text.includes('\n    ') && !text.includes('\n\t'))
    return text;
  // Ranges to blank, as [start, end) pairs in order; the text is rebuilt once (a 1 MB answer in a few ms).
  const cut: number[] = [];
  let fence: string | undefined;
  let indented = false;
  let prevBlank = true;
  let at = 0;
  while (at < text.length) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(at, end);
    const trimmed = line.trimStart();
    const indent = line.length - trimmed.length;
    const isBlank = trimmed.length === 0;
    const fenceMark = indent <= 3 && (trimmed.startsWith('```') || trimmed.startsWith('~~~'));
    // An indented code block starts after a blank line with four spaces or a tab and runs while lines stay so.
    const codeIndent = !isBlank && (line.startsWith('    ') || line.startsWith('\t'));
    indented = fence === undefined && codeIndent && (indented || prevBlank);
    if (fence !== undefined) {
      cut.push(at, end);
      if (fenceMark && trimmed.startsWith(fence)) fence = undefined;
    } else if (fenceMark) {
      fence = trimmed.slice(0, 3);
      cut.push(at, end);
    } else if (indented) cut.push(at, end);
    else inlineCode(line, at, cut);
    prevBlank = isBlank;
    at = end + 1;
  }
  if (cut.length === 0) return text;
  const parts: string[] = [];
  let pos = 0;
  for (let i = 0; i < cut.length; i += 2) {
    parts.push(text.slice(pos, cut[i]), ' '.repeat(cut[i + 1]! - cut[i]!));
    pos = cut[i + 1]!;
  }
  parts.push(text.slice(pos));
  return parts.join('');
}

/** Inline code spans on one line (a backtick run closed by a run of the same length), as ranges from `base`. */
function inlineCode(line: string, base: number, cut: number[]): void {
  let i = line.indexOf('`');
  while (i >= 0) {
    let n = 0;
    while (line[i + n] === '`') n++;
    const run = '`'.repeat(n);
    let close = line.indexOf(run, i + n);
    // A longer run is not a closer of this one; skip past it.
    while (close >= 0 && line[close + n] === '`') {
      let m = close;
      while (line[m] === '`') m++;
      close = line.indexOf(run, m);
    }
    if (close < 0) {
      i = line.indexOf('`', i + n);
      continue;
    }
    cut.push(base + i, base + close + n);
    i = line.indexOf('`', close + n);
  }
}

interface Open {
  name: string;
  start: number;
  openEnd: number;
  signals: Set<string>;
}

interface Issue {
  start: number;
  end: number;
  signals: Set<string>;
  /** No end tag: the element runs to where the parser closed it (the end of the text, or a parent's end). */
  unclosed: boolean;
}

const VOID = new Set([
  'img',
  'input',
  'meta',
  'link',
  'base',
  'embed',
  'br',
  'hr',
  'area',
  'source',
  'col',
  'param',
  'track',
  'wbr',
  'frame',
]);

/** Spans of unsafe HTML elements, outermost only (a nested unsafe element joins its ancestor's span). */
export function findUnsafeHtml(text: string, maxFindings = 1000): ScannerFinding[] {
  if (!/<[a-zA-Z]/.test(text)) return [];
  const visible = blankMarkdownCode(text);
  if (!/<[a-zA-Z]/.test(visible)) return [];
  const stack: Open[] = [];
  const issues: Issue[] = [];
  // The outermost open element with signals, if any: nested unsafe elements add theirs to it. Kept as a
  // reference, not searched for, so deep nesting stays linear.
  let outer: Open | undefined;
  const parser: Parser = new Parser(
    {
      onopentag(name, attribs) {
        const signals = new Set<string>();
        // `<https://example.com/onetrueawk>` is a markdown autolink, not an element with an "on…" attribute.
        const element = TAG_NAME.test(name);
        const el = DANGEROUS_ELEMENTS.get(name);
        if (element && el) signals.add(el);
        if (element) attributeSignals(name, attribs, signals);
        const open = { name, start: parser.startIndex, openEnd: parser.endIndex + 1, signals };
        stack.push(open);
        // Inside an element whose whole content goes, a nested unsafe element adds its signals to it.
        if (outer) for (const s of signals) outer.signals.add(s);
        else if (element && el) outer = open;
      },
      onclosetag(name, implied) {
        // htmlparser2 closes elements in order (implied closes included): the top of the stack is this one.
        const top = stack.pop();
        if (!top) return;
        if (top === outer) outer = undefined;
        else if (outer || top.signals.size === 0) return;
        const unclosed = implied && !VOID.has(name);
        const end = implied
          ? VOID.has(name)
            ? top.openEnd
            : Math.max(top.openEnd, Math.min(parser.startIndex, text.length))
          : parser.endIndex + 1;
        // A closed element with unsafe attributes is rewritten whole, so the unsafe elements inside it join it.
        // One without its end tag is only its start tag: those inside keep their own spans.
        if (!unclosed) {
          while (issues.length > 0 && issues[issues.length - 1]!.start >= top.start) {
            for (const s of issues.pop()!.signals) top.signals.add(s);
          }
        }
        // An element with only unsafe attributes whose end tag never came: its start tag alone is the span, so
        // a streamed answer does not lose the text that follows it.
        const span = unclosed && onlyAttributes(top.signals) ? top.openEnd : end;
        if (issues.length < maxFindings)
          issues.push({ start: top.start, end: span, signals: top.signals, unclosed });
      },
    },
    PARSER_OPTIONS,
  );
  parser.write(visible);
  parser.end();
  const tail = unclosedTail(
    visible,
    issues.reduce((m, i) => Math.max(m, i.end), 0),
  );
  if (tail && issues.length < maxFindings) issues.push(tail);
  const findings = toFindings(issues);
  // Fail closed: what lies past the cap was not examined; a finding without a span makes redact block.
  if (issues.length >= maxFindings)
    findings.push({
      category: HTML_CATEGORY,
      score: 0.95,
      message: `More than ${maxFindings} unsafe HTML elements; the rest were not examined.`,
      signals: ['limit'],
    });
  return findings;
}

/**
 * A start tag the text ends inside (`<img src=x onerror=…` with no `>` yet). The tokenizer reads it as text,
 * but a stream guard sends it on once it outgrows its hold back, and the rest of the tag arrives later,
 * beyond the scan window. So it is judged now: by its attributes so far, and as unsafe by length alone once it
 * is longer than any hold back. Its rewrite closes the tag, so what follows arrives as plain text.
 */
function unclosedTail(visible: string, after: number): Issue | undefined {
  const lt = visible.lastIndexOf('<');
  if (lt < after || lt < 0 || visible.indexOf('>', lt) >= 0 || !/^<[a-zA-Z]/.test(visible.slice(lt, lt + 2)))
    return undefined;
  const signals = new Set<string>();
  let known = false;
  const probe = new Parser(
    {
      onopentag(name, attribs) {
        if (!TAG_NAME.test(name)) return;
        known ||= KNOWN_TAGS.has(name);
        const el = DANGEROUS_ELEMENTS.get(name);
        if (el) signals.add(el);
        attributeSignals(name, attribs, signals);
      },
    },
    PARSER_OPTIONS,
  );
  probe.write(`${visible.slice(lt)}>`);
  probe.end();
  // "if n <k then …" in prose is not a tag: length alone counts only for real element names.
  if (known && visible.length - lt >= LONG_TAG) signals.add('long_open_tag');
  return signals.size > 0 ? { start: lt, end: visible.length, signals, unclosed: true } : undefined;
}

const KNOWN_TAGS = new Set(
  (
    'a abbr applet area article aside audio b base bdo blockquote body br button canvas caption center code ' +
    'col details dialog div dl em embed fieldset figure font footer form frame frameset h1 h2 h3 h4 h5 h6 ' +
    'head header hr html i iframe image img input isindex keygen label li link main map marquee math menu ' +
    'meta meter nav noscript object ol optgroup option output p param picture portal pre progress q s ' +
    'script section select small source span strong style sub summary sup svg table tbody td template ' +
    'textarea tfoot th thead title tr track u ul var video'
  ).split(' '),
);

/** Longer than the stream guard's default hold back (256) less a margin: such a tag may be sent in pieces. */
const LONG_TAG = 200;

function toFindings(issues: readonly Issue[]): ScannerFinding[] {
  return [...issues]
    .sort((a, b) => a.start - b.start)
    .map((i) => ({
      category: HTML_CATEGORY,
      score: scoreFor(i.signals),
      span: [i.start, i.end],
      message: `HTML that would run or embed content when rendered: ${[...i.signals]
        .map((s) => SIGNAL_TEXT[s] ?? s)
        .join(', ')}; redact replaces it with the sanitized HTML.`,
      signals: [...i.signals],
    }));
}

const ATTRIBUTE_SIGNALS = new Set(['event_handler', 'javascript_url', 'data_url', 'srcdoc', 'long_open_tag']);
const onlyAttributes = (s: ReadonlySet<string>): boolean => [...s].every((x) => ATTRIBUTE_SIGNALS.has(x));

/** Script and handlers run code: highest. Frames, forms and embeds change the page; style/meta/link less so. */
function scoreFor(signals: ReadonlySet<string>): number {
  if (['script_element', 'event_handler', 'javascript_url', 'srcdoc'].some((s) => signals.has(s)))
    return 0.95;
  if (
    ['frame_element', 'embed_element', 'form_element', 'data_url', 'base_element'].some((s) => signals.has(s))
  )
    return 0.85;
  return 0.7;
}
