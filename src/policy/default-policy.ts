// The shipped default policy lives in policies/default.yaml (documented there and in the README).
// It is read on first use, never on import.
import { readFileSync } from 'node:fs';
import { parsePolicy } from './load.js';
import type { Policy } from './schema.js';

export const DEFAULT_POLICY_URL = new URL('../../policies/default.yaml', import.meta.url);

let cached: Policy | undefined;

export function defaultPolicy(): Policy {
  // Deep copy so a caller mutating its policy object cannot change everyone else's default.
  cached ??= parsePolicy(readFileSync(DEFAULT_POLICY_URL, 'utf8'), { name: 'policies/default.yaml' });
  return structuredClone(cached);
}
