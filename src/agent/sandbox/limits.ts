// Option parsing for the sandbox: every bound has a default and a hard ceiling, validated once here.
import { z } from 'zod';
import { RampartError } from '../../core/errors.js';
import type { Capability, SandboxOptions } from './types.js';

const KiB = 1024;
const MiB = 1024 * KiB;

export const SANDBOX_DEFAULTS = {
  timeoutMs: 1000,
  memoryBytes: 32 * MiB,
  maxStackBytes: 256 * KiB,
  maxOutputBytes: 64 * KiB,
  maxCodeBytes: 256 * KiB,
  maxTransferBytes: 1 * MiB,
} as const;

// Ceilings stop a misconfiguration from turning the sandbox into the resource exhaustion it exists to prevent.
// The stack ceiling matters most: QuickJS measures its own stack, but every guest frame is also a native
// frame of the host, and past roughly 512 KiB the host's stack would overflow first.
const LimitsSchema = z
  .object({
    timeoutMs: z.number().int().min(1).max(60_000).default(SANDBOX_DEFAULTS.timeoutMs),
    memoryBytes: z
      .number()
      .int()
      .min(1 * MiB)
      .max(1024 * MiB)
      .default(SANDBOX_DEFAULTS.memoryBytes),
    maxStackBytes: z
      .number()
      .int()
      .min(16 * KiB)
      .max(384 * KiB)
      .default(SANDBOX_DEFAULTS.maxStackBytes),
    maxOutputBytes: z
      .number()
      .int()
      .min(16)
      .max(64 * MiB)
      .default(SANDBOX_DEFAULTS.maxOutputBytes),
    maxCodeBytes: z
      .number()
      .int()
      .min(1)
      .max(16 * MiB)
      .default(SANDBOX_DEFAULTS.maxCodeBytes),
    maxTransferBytes: z
      .number()
      .int()
      .min(16)
      .max(64 * MiB)
      .default(SANDBOX_DEFAULTS.maxTransferBytes),
  })
  .strict();

export type SandboxLimits = z.infer<typeof LimitsSchema>;

// A capability name becomes a global identifier in the guest; it must not shadow what the sandbox itself defines.
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]{0,63}$/;
const RESERVED = new Set(['console', 'input', 'globalThis', 'undefined', 'NaN', 'Infinity', 'eval']);
const MAX_CAPABILITIES = 64;

export function parseLimits(opts: SandboxOptions): SandboxLimits {
  const { capabilities: _c, input: _i, ...numeric } = opts;
  const parsed = LimitsSchema.safeParse(numeric);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'options';
    throw new RampartError('CONFIG_INVALID', `sandbox option ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** Validates capability names; the caller still refuses names that collide with a guest built-in. */
export function parseCapabilities(caps: SandboxOptions['capabilities']): Array<[string, Capability]> {
  if (caps === undefined) return [];
  const entries = Object.entries(caps);
  if (entries.length > MAX_CAPABILITIES) {
    throw new RampartError('CONFIG_INVALID', `sandbox capabilities: at most ${MAX_CAPABILITIES} allowed`);
  }
  for (const [name, fn] of entries) {
    if (!IDENTIFIER.test(name) || RESERVED.has(name)) {
      throw new RampartError(
        'CONFIG_INVALID',
        `sandbox capability name "${name.slice(0, 64)}" is not allowed`,
      );
    }
    if (typeof fn !== 'function') {
      throw new RampartError('CONFIG_INVALID', `sandbox capability "${name}" is not a function`);
    }
  }
  return entries;
}
