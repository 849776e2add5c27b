// Host allowlist for link filtering. Hosts are compared in their ASCII (punycode) form, so a Cyrillic
// `exаmple.com` (xn--exmple-4nf.com) never equals `example.com`, and suffix matching is label-aligned, so
// `example.com.evil.io` and `notexample.com` never match `example.com`. Public suffixes, including private
// ones such as github.io, are never treated as "this domain and all its subdomains": allowlisting
// `github.io` must not allow every GitHub Pages site.
import { domainToASCII } from 'node:url';
import { getDomain, getPublicSuffix, parse } from 'tldts';

const TLD_OPTIONS = { allowPrivateDomains: true } as const;

export interface Allowlist {
  /** Hosts allowed exactly (ASCII, lowercase, no trailing dot). */
  exact: ReadonlySet<string>;
  /** Domains allowed together with every subdomain. */
  suffixes: readonly string[];
}

export const EMPTY_ALLOWLIST: Allowlist = { exact: new Set(), suffixes: [] };

export function canonicalHost(host: string): string {
  let h = host.toLowerCase();
  while (h.endsWith('.')) h = h.slice(0, -1);
  return h;
}

/**
 * Entries: a registrable domain (`example.com`: itself and its subdomains), an exact host
 * (`docs.example.com`, an IP address), or a wildcard (`*.docs.example.com`: itself and its subdomains).
 * Unicode entries are converted to punycode; entries that do not parse as hosts are ignored.
 */
export function compileAllowlist(entries: readonly unknown[]): Allowlist {
  const exact = new Set<string>();
  const suffixes: string[] = [];
  for (const entry of entries) {
    if (typeof entry !== 'string') continue;
    let s = entry.trim();
    const wildcard = s.startsWith('*.') || s.startsWith('.');
    if (wildcard) s = s.slice(s.indexOf('.') + 1);
    if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
    const ascii = canonicalHost(s.includes(':') ? s : domainToASCII(s));
    if (ascii.length === 0) continue;
    exact.add(ascii);
    if (parse(ascii).isIp) continue;
    const isSuffix = getPublicSuffix(ascii, TLD_OPTIONS) === ascii;
    if (isSuffix) continue;
    if (wildcard || getDomain(ascii, TLD_OPTIONS) === ascii) suffixes.push(ascii);
  }
  return { exact, suffixes };
}

/** `host` as the WHATWG URL parser gives it (already ASCII for http(s)); IPv6 in brackets. */
export function isAllowedHost(host: string, list: Allowlist): boolean {
  let h = canonicalHost(host);
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (list.exact.has(h)) return true;
  for (const s of list.suffixes) {
    if (h.length > s.length && h.endsWith(s) && h.charCodeAt(h.length - s.length - 1) === 0x2e) return true;
  }
  return false;
}

export interface HostInfo {
  /** What a message may name: the registrable domain, never subdomain labels (they can carry data). */
  display: string;
  isIp: boolean;
  isIdn: boolean;
  /** Labels left of the registrable domain. */
  subdomainLabels: string[];
}

export function hostInfo(host: string): HostInfo {
  const h = canonicalHost(host);
  const isIdn = h.startsWith('xn--') || h.includes('.xn--');
  if (h.startsWith('[')) return { display: 'an IPv6 address', isIp: true, isIdn: false, subdomainLabels: [] };
  const p = parse(h, TLD_OPTIONS);
  if (p.isIp) return { display: 'an IP address', isIp: true, isIdn: false, subdomainLabels: [] };
  const display = p.domain ?? 'an unlisted host';
  const subdomainLabels = p.subdomain ? p.subdomain.split('.') : [];
  return { display, isIp: false, isIdn, subdomainLabels };
}
