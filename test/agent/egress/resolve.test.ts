// resolvePinned: every address a name resolves to is checked, any blocked one refuses the request, and
// the first is pinned. The resolver is the module's own injection point (the system one needs DNS).
import { describe, expect, it } from 'vitest';
import { parseCidr, type Cidr } from '../../../src/agent/egress/addresses.js';
import { EgressError } from '../../../src/agent/egress/errors.js';
import { EgressPolicy, type EgressPolicyInput } from '../../../src/agent/egress/policy.js';
import { resolvePinned, type Resolver } from '../../../src/agent/egress/resolve.js';
import type { CompiledPolicy } from '../../../src/agent/egress/target.js';

function compile(input: EgressPolicyInput = {}): CompiledPolicy {
  const p = EgressPolicy.parse(input);
  return { ...p, cidrs: p.allow_addresses.map((c) => parseCidr(c) as Cidr) };
}
const answers =
  (...addresses: string[]): Resolver =>
  () =>
    Promise.resolve(addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
const live = () => new AbortController().signal;
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof EgressError ? `${e.code}:${e.reason}` : e),
  );

describe('resolvePinned', () => {
  it('pins the first address when every address is public', async () => {
    expect(
      await resolvePinned('a.test', compile(), answers('93.184.216.34', '2606:2800:220:1::'), live()),
    ).toBe('93.184.216.34');
  });

  it('refuses the name when ANY address is private, wherever it is in the list', async () => {
    for (const list of [
      ['127.0.0.1'],
      ['93.184.216.34', '10.0.0.5'],
      ['93.184.216.34', '::1'],
      ['93.184.216.34', '169.254.169.254'],
      ['93.184.216.34', '::ffff:192.168.0.1'],
    ])
      expect(await refusal(resolvePinned('a.test', compile(), answers(...list), live())), list.join()).toBe(
        'EGRESS_DENIED:private_address',
      );
  });

  it('an allowed private range passes', async () => {
    const policy = compile({ allow_addresses: ['10.0.0.0/8'] });
    expect(await resolvePinned('internal.test', policy, answers('10.1.2.3'), live())).toBe('10.1.2.3');
  });

  it('no addresses, a failing lookup or a malformed answer is dns_failed', async () => {
    const fails: Resolver = () => Promise.reject(new Error('ENOTFOUND'));
    const notAList = (() => Promise.resolve({ address: '1.1.1.1' })) as unknown as Resolver;
    const badEntry = (() => Promise.resolve([{ address: 42 }])) as unknown as Resolver;
    for (const r of [answers(), fails, notAList, badEntry])
      expect(await refusal(resolvePinned('a.test', compile(), r, live()))).toBe('EGRESS_DENIED:dns_failed');
    const err = await resolvePinned('a.test', compile(), fails, live()).catch((e: unknown) => e);
    expect((err as Error).cause).toEqual(new Error('ENOTFOUND'));
  });

  it('stops waiting when the request is aborted, with the abort reason', async () => {
    const hangs: Resolver = () => new Promise(() => {});
    const ctl = new AbortController();
    const pending = resolvePinned('a.test', compile(), hangs, ctl.signal);
    const reason = new Error('deadline');
    ctl.abort(reason);
    await expect(pending).rejects.toBe(reason);
    // Already aborted: the resolver is not even awaited.
    await expect(resolvePinned('a.test', compile(), answers('1.1.1.1'), ctl.signal)).rejects.toBe(reason);
  });
});
