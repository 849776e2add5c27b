// Name → one checked address to pin. Every address the name resolves to is checked and ANY blocked one
// refuses the request: a name that also points inside the network is treated as hostile, rather than
// hoping the connection picks the public one. The first address is then pinned for the connection, so a
// second lookup (DNS rebinding) never happens.
import { lookup } from 'node:dns/promises';
import { denied } from './errors.js';
import { checkAddress, type CompiledPolicy } from './target.js';

export interface ResolvedAddress {
  address: string;
  family: number;
}

export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true });

const MAX_ADDRESSES = 64;

export async function resolvePinned(
  host: string,
  policy: CompiledPolicy,
  resolver: Resolver,
  signal: AbortSignal,
): Promise<string> {
  let addresses: ResolvedAddress[];
  try {
    addresses = await abortable(resolver(host), signal);
  } catch (cause) {
    if (signal.aborted) throw signal.reason;
    throw denied('dns_failed', `could not resolve ${host}`, { cause });
  }
  if (!Array.isArray(addresses) || addresses.length === 0)
    throw denied('dns_failed', `${host} has no addresses`);
  for (const a of addresses.slice(0, MAX_ADDRESSES)) {
    checkAddress(typeof a?.address === 'string' ? a.address : '', host, policy);
  }
  return addresses[0]!.address;
}

function abortable<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
