// JSON values → Cedar JSON values. Cedar has no null and no floats (Long is a 64-bit integer), and it reads a
// record with a "__entity" or "__extn" key as an entity reference or an extension value. Argument values are
// attacker-influenced, so those keys are dropped from them (an argument must not be able to forge
// `User::"admin"`); only the application's own principal attributes may carry entity references.
import type { CedarValueJson } from '@cedar-policy/cedar-wasm/nodejs';

const MAX_STRING = 4096;
const MAX_ITEMS = 256;
const MAX_DEPTH = 8;
const SPECIAL = new Set(['__entity', '__extn', '__expr']);

export function toCedarValue(value: unknown, allowEntityRefs = false, depth = 0): CedarValueJson | undefined {
  if (depth > MAX_DEPTH) return undefined;
  switch (typeof value) {
    case 'string':
      return value.length > MAX_STRING ? value.slice(0, MAX_STRING) : value;
    case 'boolean':
      return value;
    case 'number':
      return Number.isSafeInteger(value) ? value : Number.isFinite(value) ? String(value) : undefined;
    case 'bigint':
      return String(value);
    case 'object': {
      if (value === null) return undefined;
      if (Array.isArray(value)) {
        const out: CedarValueJson[] = [];
        for (const x of value.slice(0, MAX_ITEMS)) {
          const c = toCedarValue(x, allowEntityRefs, depth + 1);
          if (c !== undefined) out.push(c);
        }
        return out;
      }
      const out: Record<string, CedarValueJson> = {};
      let n = 0;
      for (const [k, v] of Object.entries(value)) {
        if (++n > MAX_ITEMS) break;
        if (SPECIAL.has(k) && !(allowEntityRefs && k === '__entity')) continue;
        const c = toCedarValue(v, allowEntityRefs, depth + 1);
        if (c !== undefined) out[k] = c;
      }
      return out;
    }
    default:
      return undefined;
  }
}

export function toCedarRecord(
  value: Record<string, unknown> | undefined,
  allowEntityRefs = false,
): Record<string, CedarValueJson> {
  const r = value ? toCedarValue(value, allowEntityRefs) : undefined;
  return r && typeof r === 'object' && !Array.isArray(r) ? (r as Record<string, CedarValueJson>) : {};
}
