// The checks that need only the URL (no DNS): scheme, credentials, port, host lists, IP literals.
// Run on the first URL and again on every redirect target.
import { classifyAddress, inCidrs, type Cidr } from './addresses.js';
import { denied } from './errors.js';
import { matchesAny, normalizeHost } from './hosts.js';
import type { EgressPolicy } from './policy.js';

export interface Target {
  /** The URL that will be requested (credentials removed). */
  url: URL;
  /** Host name for matching/logging: lowercase, no brackets, no trailing dot. */
  host: string;
  /** Host as it goes into the Host header, TLS SNI and the connect call (brackets removed for IPv6). */
  connectHost: string;
  port: number;
  /** Set when the host is an IP literal: no DNS lookup happens. */
  literal?: string;
  credentialsStripped: boolean;
}

export interface CompiledPolicy extends EgressPolicy {
  cidrs: Cidr[];
}

const MAX_URL_LENGTH = 16 * 1024;

export function checkTarget(raw: string | URL, policy: CompiledPolicy, base?: URL): Target {
  const text = String(raw);
  if (text.length > MAX_URL_LENGTH)
    throw denied('invalid_url', `URL longer than ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = base ? new URL(text, base) : new URL(text);
  } catch {
    throw denied('invalid_url', 'not a valid absolute URL');
  }
  const scheme = url.protocol.slice(0, -1);
  if (!(policy.schemes as string[]).includes(scheme)) {
    throw denied(
      'scheme',
      `scheme "${scheme.slice(0, 20)}" is not allowed (allowed: ${policy.schemes.join(', ')})`,
    );
  }
  let credentialsStripped = false;
  if (url.username || url.password) {
    if (policy.credentials_in_url === 'deny')
      throw denied('credentials_in_url', 'credentials in the URL are not allowed');
    url.username = '';
    url.password = '';
    credentialsStripped = true;
  }
  url.hash = '';
  const port = url.port ? Number(url.port) : scheme === 'https' ? 443 : 80;
  if (!policy.ports.includes(port)) throw denied('port', `port ${port} is not allowed`);
  const host = normalizeHost(url.hostname);
  if (!host) throw denied('invalid_url', 'URL has no host');
  if (matchesAny(host, policy.deny_hosts)) throw denied('host_denied', `host ${host} is denied`);
  if (policy.allow_hosts.length > 0 && !matchesAny(host, policy.allow_hosts)) {
    throw denied('host_not_allowed', `host ${host} is not in allow_hosts`);
  }
  const connectHost = url.hostname.replace(/^\[|\]$/gu, '');
  const ip = classifyAddress(connectHost);
  if (ip) {
    checkAddress(ip.address, host, policy);
    return { url, host, connectHost: ip.address, port, literal: ip.address, credentialsStripped };
  }
  return { url, host, connectHost, port, credentialsStripped };
}

/** Throws EGRESS_DENIED private_address unless the address is public unicast or in allow_addresses. */
export function checkAddress(address: string, host: string, policy: CompiledPolicy): void {
  const c = classifyAddress(address);
  if (!c) throw denied('dns_failed', `${host} resolved to something that is not an IP address`);
  if (c.blocked && !inCidrs(c.address, policy.cidrs)) {
    throw denied('private_address', `${host}: ${c.range} address ${c.address} is not allowed`);
  }
}
