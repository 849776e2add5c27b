// The one table of secret rules, and the prefilter index over it.
import { authHeader } from './auth-header.js';
import { CONTEXT_RULES } from './context.js';
import { curlUser } from './curl-user.js';
import { genericAssignment } from './generic.js';
import { jwt } from './jwt.js';
import { privateKey } from './private-key.js';
import { CLOUD_RULES } from './providers-cloud.js';
import { DEV_RULES } from './providers-dev.js';
import { SAAS_RULES } from './providers-saas.js';
import type { SecretRule } from './rule.js';
import { urlCredentials } from './url-credentials.js';

export const SECRET_RULES: readonly SecretRule[] = [
  ...CLOUD_RULES,
  ...DEV_RULES,
  ...SAAS_RULES,
  ...CONTEXT_RULES,
  privateKey,
  jwt,
  urlCredentials,
  authHeader,
  curlUser,
  genericAssignment,
];

let index: Map<string, readonly SecretRule[]> | undefined;

/**
 * Anchor key → rules. An anchor that contains another anchor also gets that one's rules: the prefilter
 * reports one alternative per position, so "private key" must also wake the rules keyed on "private".
 */
export function rulesByAnchor(): ReadonlyMap<string, readonly SecretRule[]> {
  if (index) return index;
  const direct = new Map<string, SecretRule[]>();
  for (const rule of SECRET_RULES) {
    for (const a of rule.anchors) {
      const list = direct.get(a) ?? [];
      list.push(rule);
      direct.set(a, list);
    }
  }
  index = new Map();
  for (const [a, rules] of direct) {
    const all = new Set(rules);
    for (const [b, more] of direct) if (b !== a && a.includes(b)) for (const r of more) all.add(r);
    index.set(a, [...all]);
  }
  return index;
}
