// Which IP addresses an agent may connect to. The classification is ipaddr.js's range() (named special
// ranges), with two closed-by-default additions: IPv4-mapped IPv6 is judged as the IPv4 address it maps
// to (the kernel connects to that IPv4), and IPv6 outside 2000::/3 (global unicast) is refused even when
// ipaddr.js calls it plain 'unicast' (unallocated space, IPv4-compatible ::a.b.c.d, ...).
import ipaddr from 'ipaddr.js';

type Addr = ipaddr.IPv4 | ipaddr.IPv6;

export interface AddressClass {
  /** Canonical text of the address (IPv4-mapped IPv6 is shown as IPv4). */
  address: string;
  family: 4 | 6;
  /** ipaddr.js range name, or 'nonGlobal' for IPv6 outside 2000::/3. */
  range: string;
  /** true when the address is not public unicast (and so is refused unless allow_addresses covers it). */
  blocked: boolean;
}

const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3') as [ipaddr.IPv6, number];

/** Parse an IP literal (brackets and zone id allowed); undefined when it is not one. Never throws. */
export function parseIp(text: string): Addr | undefined {
  let s = text;
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  // Only the strict dotted-quad / RFC 4291 forms: ipaddr.parse also accepts "0x7f.1" style IPv4, and
  // those must never reach here unnormalized (WHATWG URL parsing has already normalized host names).
  if (!ipaddr.IPv4.isValidFourPartDecimal(s) && !ipaddr.IPv6.isValid(s)) return undefined;
  try {
    const a = ipaddr.parse(s);
    return a.kind() === 'ipv6' && (a as ipaddr.IPv6).isIPv4MappedAddress()
      ? (a as ipaddr.IPv6).toIPv4Address()
      : a;
  } catch {
    return undefined;
  }
}

export function classifyAddress(text: string): AddressClass | undefined {
  const a = parseIp(text);
  if (!a) return undefined;
  const range = a.range();
  if (a.kind() === 'ipv4') return { address: a.toString(), family: 4, range, blocked: range !== 'unicast' };
  const v6 = a as ipaddr.IPv6;
  const global = v6.match(GLOBAL_UNICAST_V6);
  const name = range === 'unicast' && !global ? 'nonGlobal' : range;
  return { address: v6.toString(), family: 6, range: name, blocked: name !== 'unicast' };
}

export type Cidr = [Addr, number];

/** '10.0.0.0/8', 'fd00::/8', or a bare address (/32, /128). IPv4-mapped CIDRs are converted to IPv4. */
export function parseCidr(text: string): Cidr | undefined {
  const [addr, bits, extra] = text.trim().split('/');
  if (addr === undefined || extra !== undefined) return undefined;
  const a = parseIp(addr);
  if (!a) return undefined;
  const max = a.kind() === 'ipv4' ? 32 : 128;
  if (bits === undefined) return [a, max];
  if (!/^\d{1,3}$/u.test(bits)) return undefined;
  let n = Number(bits);
  // ::ffff:a.b.c.d/120 was turned into an IPv4 address by parseIp; shift the prefix with it.
  if (a.kind() === 'ipv4' && !ipaddr.IPv4.isValidFourPartDecimal(addr.replace(/^\[|\]$/gu, ''))) n -= 96;
  if (n < 0 || n > max) return undefined;
  return [a, n];
}

export function inCidrs(text: string, cidrs: readonly Cidr[]): boolean {
  const a = parseIp(text);
  if (!a) return false;
  return cidrs.some(([net, bits]) => net.kind() === a.kind() && a.match(net, bits));
}
