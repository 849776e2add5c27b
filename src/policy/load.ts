// The only place where raw YAML becomes a Policy. Every error names the file, line and column and what
// was expected, so a typo in a security policy is caught at start-up, never silently ignored.
import { readFileSync } from 'node:fs';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { RampartError } from '../core/errors.js';
import { PolicyFile, type Policy } from './schema.js';

/** Policy files are small; a bound keeps a mistaken path (a log file, a device) from being read whole. */
const MAX_POLICY_BYTES = 1024 * 1024;

export interface PolicySourceOptions {
  /** Name shown in error messages (a path, or '<inline>'). */
  name?: string;
  /** Scanner ids that exist; unknown names in the policy are errors. */
  knownScanners?: readonly string[];
  /** Schemas of scanner options (`scanners.<id>.options`), checked with line-precise errors. */
  optionSchemas?: Readonly<Record<string, z.ZodType>>;
}

type Path = ReadonlyArray<PropertyKey>;

function locate(doc: Document, lc: LineCounter, path: Path, key?: string): string {
  // Walk as deep as the document goes; report the deepest node that exists.
  for (let depth = path.length; depth >= 0; depth--) {
    const sub = path.slice(0, depth) as unknown[];
    const node = sub.length === 0 ? doc.contents : doc.getIn(sub, true);
    if (node && typeof node === 'object' && 'range' in node) {
      let offset = (node as { range?: [number, number, number] }).range?.[0];
      if (key !== undefined && depth === path.length && isMap(node)) {
        const pair = node.items.find((it) => isScalar(it.key) && it.key.value === key);
        const r = pair && isScalar(pair.key) ? pair.key.range : undefined;
        if (r) offset = r[0];
      }
      if (offset !== undefined) {
        const { line, col } = lc.linePos(offset);
        return `${line}:${col}`;
      }
    }
  }
  return '1:1';
}

const pathText = (path: Path): string =>
  path.reduce<string>(
    (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)),
    '',
  ) || '(top level)';

function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_type':
      return `expected ${issue.expected}`;
    default:
      return issue.message;
  }
}

export function parsePolicy(source: string, opts: PolicySourceOptions = {}): Policy {
  const name = opts.name ?? '<inline>';
  const lc = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const { line, col } = lc.linePos(e.pos[0]);
    throw new RampartError(
      'POLICY_INVALID',
      `${name}:${line}:${col}: YAML syntax error: ${e.code.toLowerCase().replace(/_/gu, ' ')}`,
    );
  }
  const raw: unknown = doc.toJS({ maxAliasCount: 100 });
  const parsed = PolicyFile.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 10).map((issue) => {
      const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
      return `${name}:${locate(doc, lc, issue.path, key)}: ${pathText(issue.path)}: ${describe(issue)}`;
    });
    throw new RampartError('POLICY_INVALID', lines.join('\n'));
  }
  const policy = parsed.data;
  if (opts.knownScanners) {
    const known = new Set(opts.knownScanners);
    const problems: string[] = [];
    for (const [stage, settings] of Object.entries(policy.stages)) {
      settings?.scanners.forEach((s, i) => {
        if (!known.has(s))
          problems.push(
            `${name}:${locate(doc, lc, ['stages', stage, 'scanners', i])}: stages.${stage}.scanners[${i}]: unknown scanner "${s}" (expected one of ${[...known].join(', ')})`,
          );
      });
    }
    for (const s of Object.keys(policy.scanners)) {
      if (!known.has(s))
        problems.push(
          `${name}:${locate(doc, lc, ['scanners'], s)}: scanners: unknown scanner "${s}" (expected one of ${[...known].join(', ')})`,
        );
    }
    if (problems.length) throw new RampartError('POLICY_INVALID', problems.join('\n'));
  }
  if (opts.optionSchemas) {
    const problems: string[] = [];
    for (const [id, settings] of Object.entries(policy.scanners)) {
      const schema = opts.optionSchemas[id];
      if (!schema) continue;
      const res = schema.safeParse(settings.options);
      if (res.success) continue;
      for (const issue of res.error.issues.slice(0, 10)) {
        const path = ['scanners', id, 'options', ...issue.path];
        const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
        problems.push(`${name}:${locate(doc, lc, path, key)}: ${pathText(path)}: ${describe(issue)}`);
      }
    }
    if (problems.length) throw new RampartError('POLICY_INVALID', problems.join('\n'));
  }
  return policy;
}

/**
 * Validates a Policy built in code (not read from YAML): the same schema, unknown scanners and scanner
 * options as a file, with paths instead of line numbers.
 */
export function validatePolicy(value: unknown, opts: PolicySourceOptions = {}): Policy {
  const name = opts.name ?? '<policy object>';
  const parsed = PolicyFile.safeParse(value);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues.slice(0, 10))
      problems.push(`${name}: ${pathText(issue.path)}: ${describe(issue)}`);
    throw new RampartError('POLICY_INVALID', problems.join('\n'));
  }
  const policy = parsed.data;
  const known = opts.knownScanners ? new Set(opts.knownScanners) : undefined;
  for (const [stage, settings] of Object.entries(policy.stages)) {
    settings?.scanners.forEach((s, i) => {
      if (known && !known.has(s))
        problems.push(`${name}: stages.${stage}.scanners[${i}]: unknown scanner "${s}"`);
    });
  }
  for (const [id, settings] of Object.entries(policy.scanners)) {
    if (known && !known.has(id)) problems.push(`${name}: scanners: unknown scanner "${id}"`);
    const res = opts.optionSchemas?.[id]?.safeParse(settings.options);
    if (res && !res.success)
      for (const issue of res.error.issues.slice(0, 10))
        problems.push(`${name}: ${pathText(['scanners', id, 'options', ...issue.path])}: ${describe(issue)}`);
  }
  if (problems.length) throw new RampartError('POLICY_INVALID', problems.join('\n'));
  return policy;
}

export function loadPolicyFile(path: string, opts: Omit<PolicySourceOptions, 'name'> = {}): Policy {
  let source: string;
  try {
    const buf = readFileSync(path);
    if (buf.byteLength > MAX_POLICY_BYTES)
      throw new RampartError(
        'POLICY_INVALID',
        `${path}: policy file is larger than ${MAX_POLICY_BYTES} bytes`,
      );
    source = buf.toString('utf8');
  } catch (cause) {
    if (cause instanceof RampartError) throw cause;
    const code = (cause as NodeJS.ErrnoException)?.code;
    throw new RampartError(
      'POLICY_NOT_FOUND',
      `${path}: cannot read policy file${code ? ` (${code})` : ''}`,
      { cause },
    );
  }
  return parsePolicy(source, { ...opts, name: path });
}
