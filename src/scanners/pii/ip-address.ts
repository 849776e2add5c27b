// IPv4 and IPv6 addresses, validated with ipaddr.js.
//
// Which ranges count (policy option `privateIps`, default true):
// - public unicast: always reported — it locates a subscriber or a server.
// - private (RFC 1918), carrier-grade NAT, IPv6 unique-local and link-local, and the reserved and
//   documentation blocks (192.0.2.0/24, 2001:db8::/32, …): reported at a lower score by default. They
//   identify no one on the Internet, but they map an internal network (OWASP LLM02) and the
//   documentation blocks stand in for real addresses in pasted logs. `privateIps: false` drops them.
// - loopback, unspecified, broadcast and multicast: never reported; 127.0.0.1 identifies nothing.
import ipaddr from 'ipaddr.js';
import { cueSignals, cuesAround } from './context.js';
import { type Detection, RANK, clamp01 } from './detection.js';

// Four dot-separated groups not glued to a fifth (`1.2.3.4.5` is a version or an OID).
const IPV4 = /(?<![\w.])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![\w]|\.\d)/g;
// Two to seven colon-terminated hex groups, then an optional last group; each group ends at its colon,
// so the split is unique. Validity (one `::`, eight groups) is left to ipaddr.js.
const IPV6 = /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])/g;

const IP_CUES =
  /(?<!\p{L})(?:ip|ipv4|ipv6|addr|address|host|server|client|from|remote|src|dst|source|login|connection|adresse|dirección)(?!\p{L})/giu;
const VERSION_CUES =
  /(?<!\p{L})(?:version|ver|v|release|build|firmware|fw|sdk|api|os|oid|snmp|patch|update|upgrade|rev)(?!\p{L})\W{0,3}$/iu;

const NEVER = new Set(['unspecified', 'loopback', 'broadcast', 'multicast']);

export interface IpOptions {
  privateIps: boolean;
}

function classify(value: string): { range: string; family: 'IPv4' | 'IPv6' } | undefined {
  try {
    const addr = ipaddr.parse(value);
    return { range: addr.range(), family: addr.kind() === 'ipv4' ? 'IPv4' : 'IPv6' };
  } catch {
    return undefined;
  }
}

export function findIpAddresses(text: string, options: IpOptions): Detection[] {
  const out: Detection[] = [];
  const consider = (value: string, start: number): void => {
    const end = start + value.length;
    const info = classify(value);
    if (!info || NEVER.has(info.range)) return;
    const isPublic = info.range === 'unicast';
    if (!isPublic && !options.privateIps) return;
    const cues = cuesAround(text, start, end, IP_CUES);
    let score = isPublic ? 0.85 : 0.65;
    if (cues.positive.length > 0) score += 0.1;
    if (info.family === 'IPv4') {
      // "version 10.2.3.4", "build 1.0.0.12": dotted quads after a version cue are versions.
      if (VERSION_CUES.test(text.slice(Math.max(0, start - 16), start))) return;
      if (cues.positive.length === 0 && cues.negative.length > 0) score -= 0.3;
    }
    out.push({
      category: 'pii.ip_address',
      start,
      end,
      score: clamp01(score),
      message: `${info.family} address (${isPublic ? 'public' : info.range})`,
      signals: [`pii.ip.${info.family.toLowerCase()}`, `pii.ip.range.${info.range}`, ...cueSignals(cues)],
      rank: RANK.ip,
    });
  };
  if (text.includes('.')) {
    for (const m of text.matchAll(IPV4)) {
      if (ipaddr.IPv4.isValidFourPartDecimal(m[0])) consider(m[0], m.index);
    }
  }
  if (text.includes(':')) {
    for (const m of text.matchAll(IPV6)) {
      const v = m[0];
      // Hex-only words ("dead::beef") and clock times are not addresses worth a finding.
      if (!/\d/.test(v) || (!v.includes('::') && v.split(':').length < 8)) continue;
      if (ipaddr.IPv6.isValid(v)) consider(v, m.index);
    }
  }
  return out;
}
