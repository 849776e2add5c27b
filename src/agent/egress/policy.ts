// What an agent's fetch may reach. Validated once with zod; everything after createSafeFetch is typed.
// Defaults are closed: https only, ports 80/443, GET/HEAD only, no private/loopback addresses.
import { z } from 'zod';
import { parseCidr } from './addresses.js';

/** `example.com` (exact) or `*.example.com` (any subdomain, at any depth; NOT the apex itself). */
const HostPattern = z
  .string()
  .min(1)
  .max(253)
  .transform((s) => s.trim().toLowerCase().replace(/\.$/u, ''))
  .refine(
    (s) => /^(?:\*\.)?[a-z0-9_:.[\]-]+$/u.test(s) && !s.slice(2).includes('*'),
    'a host name, IP address or *.domain wildcard',
  );

const Cidr = z
  .string()
  .min(1)
  .max(64)
  .refine((s) => parseCidr(s) !== undefined, 'a CIDR like 127.0.0.1/32 or fd00::/8 (or a single address)');

const Method = z
  .string()
  .regex(/^[A-Za-z]{1,16}$/u, 'an HTTP method')
  .transform((m) => m.toUpperCase());

export const EgressPolicy = z
  .object({
    /** Hosts that may be fetched; empty = any public host. */
    allow_hosts: z.array(HostPattern).max(10_000).default([]),
    /** Hosts that may never be fetched; beats allow_hosts. */
    deny_hosts: z.array(HostPattern).max(10_000).default([]),
    schemes: z
      .array(z.enum(['https', 'http']))
      .min(1)
      .default(['https']),
    /** Addresses allowed even though private/loopback/link-local (e.g. an internal API). Empty by default. */
    allow_addresses: z.array(Cidr).max(1_000).default([]),
    /** Allowed destination ports. Listing ports REPLACES the default [80, 443]. */
    ports: z.array(z.number().int().min(1).max(65_535)).min(1).default([80, 443]),
    /** Allowed methods. Default GET/HEAD: an agent that may only read cannot post data out in a body. */
    methods: z.array(Method).min(1).default(['GET', 'HEAD']),
    max_response_bytes: z
      .number()
      .int()
      .min(1)
      .max(1024 * 1024 * 1024)
      .default(5 * 1024 * 1024),
    max_request_bytes: z
      .number()
      .int()
      .min(0)
      .max(1024 * 1024 * 1024)
      .default(1024 * 1024),
    /** Whole request: DNS, connect, every redirect hop and the body. */
    timeout_ms: z.number().int().min(1).max(600_000).default(10_000),
    max_redirects: z.number().int().min(0).max(50).default(5),
    /**
     * `user:pass@` in a URL: 'strip' removes it (and logs that it did) and goes on without it; 'deny'
     * refuses the request. Credentials are never sent either way.
     */
    credentials_in_url: z.enum(['strip', 'deny']).default('strip'),
  })
  .strict();

export type EgressPolicy = z.infer<typeof EgressPolicy>;
export type EgressPolicyInput = z.input<typeof EgressPolicy>;
