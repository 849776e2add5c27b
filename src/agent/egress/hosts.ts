// Host allow/deny matching. Names compare lowercase without a trailing dot (WHATWG URL parsing has
// already punycoded IDNs and normalized numeric IPv4 forms); IPv6 literals compare without brackets.

export const normalizeHost = (host: string): string =>
  host
    .toLowerCase()
    .replace(/^\[|\]$/gu, '')
    .replace(/\.$/u, '');

/** `pattern` is `host` exactly, or `*.domain` matching any subdomain of domain (not domain itself). */
export function hostMatches(host: string, pattern: string): boolean {
  const h = normalizeHost(host);
  const p = normalizeHost(pattern);
  if (p.startsWith('*.')) {
    const suffix = p.slice(1); // ".example.com"
    return h.length > suffix.length && h.endsWith(suffix);
  }
  return h === p;
}

export const matchesAny = (host: string, patterns: readonly string[]): boolean =>
  patterns.some((p) => hostMatches(host, p));
