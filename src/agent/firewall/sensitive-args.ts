// Finds the values of the sensitive arguments a tool declares. Keys are a top-level argument name ("to") or a
// JSON pointer ("/message/to", "/recipients/*"); "*" matches every element of an array or member of an object.

export interface SensitiveValue {
  /** The declared name or pointer (what violations report). */
  arg: string;
  kind: string;
  value: unknown;
}

function unescape(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function resolvePointer(root: unknown, pointer: string): unknown[] {
  const tokens = pointer.split('/').slice(1).map(unescape);
  let current: unknown[] = [root];
  for (const t of tokens) {
    const next: unknown[] = [];
    for (const v of current) {
      if (v === null || typeof v !== 'object') continue;
      if (t === '*') next.push(...(Array.isArray(v) ? v : Object.values(v)).slice(0, 1000));
      else if (Object.hasOwn(v, t)) next.push((v as Record<string, unknown>)[t]);
    }
    current = next;
    if (current.length === 0) break;
  }
  return current;
}

export function sensitiveValues(
  args: unknown,
  sensitive: Record<string, string> | undefined,
): SensitiveValue[] {
  if (!sensitive) return [];
  const out: SensitiveValue[] = [];
  for (const [arg, kind] of Object.entries(sensitive)) {
    const values = arg.startsWith('/')
      ? resolvePointer(args, arg)
      : resolvePointer(args, `/${arg.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    for (const value of values) if (value !== undefined) out.push({ arg, kind, value });
  }
  return out;
}
