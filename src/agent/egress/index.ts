// Egress-controlled fetch for agent tools (SSRF, DNS rebinding, redirect-to-internal, metadata theft).
export { createSafeFetch } from './safe-fetch.js';
export type { SafeFetch, SafeFetchInit, SafeFetchOptions, SafeResponse } from './safe-fetch.js';
export { EgressPolicy } from './policy.js';
export type { EgressPolicyInput } from './policy.js';
export { EgressError, isEgressError } from './errors.js';
export type { EgressDenyReason, EgressLimitReason, EgressReason } from './errors.js';
export type { EgressEvent, EgressLog } from './log.js';
export { redactUrl } from './log.js';
export { classifyAddress } from './addresses.js';
export type { AddressClass } from './addresses.js';
export type { Resolver, ResolvedAddress } from './resolve.js';
