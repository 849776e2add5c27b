// YAML → typed value through a zod schema, with every error naming file:line:column, the key and what
// was expected. Shared by policy files and every config file (gateway, firewall, MCP proxy, red-team plan):
// a typo in a security setting is caught at start-up, never silently ignored. loadYamlFile is the one way
// such a file is read: bounded, an empty file refused, the same messages for every kind.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { RampartError, type RampartCode } from '../core/errors.js';

export type YamlPath = ReadonlyArray<PropertyKey>;

export interface YamlSource<T> {
  value: T;
  /** "line:col" of the node at `path` (or of `key` inside it); the deepest existing node otherwise. */
  at(path: YamlPath, key?: string): string;
}

export const pathText = (path: YamlPath): string =>
  path.reduce<string>(
    (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)),
    '',
  ) || '(top level)';

export function describeIssue(issue: z.core.$ZodIssue): string {
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

function locate(doc: Document, lc: LineCounter, path: YamlPath, key?: string): string {
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

/** Parses YAML and validates it; errors are RampartError(`code`) listing up to 10 located problems. */
export function parseYamlWith<S extends z.ZodType>(
  source: string,
  schema: S,
  name: string,
  code: RampartCode,
): YamlSource<z.output<S>> {
  const lc = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const { line, col } = lc.linePos(e.pos[0]);
    throw new RampartError(
      code,
      `${name}:${line}:${col}: YAML syntax error: ${e.code.toLowerCase().replace(/_/gu, ' ')}`,
    );
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch {
    // The yaml library throws plain errors for unresolvable aliases (`*x` before `&x`) and alias bombs.
    throw new RampartError(
      code,
      `${name}: YAML could not be resolved (an alias without its anchor, or too many aliases)`,
    );
  }
  const at = (path: YamlPath, key?: string) => locate(doc, lc, path, key);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 10).map((issue) => {
      const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
      return `${name}:${at(issue.path, key)}: ${pathText(issue.path)}: ${describeIssue(issue)}`;
    });
    throw new RampartError(code, lines.join('\n'));
  }
  return { value: parsed.data, at };
}

/** Reads a small text file (config, policy); a mistaken path to a huge file is refused, not read whole:
 *  a file is judged by its size before a byte is read, and anything (a pipe, a device, a file that grows)
 *  is read only up to one byte past the limit. */
export function readBoundedText(
  path: string,
  maxBytes: number,
  codes: { tooLarge: RampartCode; notFound: RampartCode },
  what: string,
): string {
  const tooLarge = () =>
    new RampartError(codes.tooLarge, `${path}: ${what} is larger than ${maxBytes} bytes`);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const st = fstatSync(fd);
    if (st.isFile() && st.size > maxBytes) throw tooLarge();
    const parts: Buffer[] = [];
    let total = 0;
    for (;;) {
      const part = Buffer.allocUnsafe(Math.min(64 * 1024, maxBytes + 1 - total));
      const n = readSync(fd, part, 0, part.byteLength, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw tooLarge();
      parts.push(part.subarray(0, n));
    }
    return Buffer.concat(parts, total).toString('utf8');
  } catch (cause) {
    if (cause instanceof RampartError) throw cause;
    const code = (cause as NodeJS.ErrnoException)?.code;
    throw new RampartError(codes.notFound, `${path}: cannot read ${what}${code ? ` (${code})` : ''}`, {
      cause,
    });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** What loadYamlFile is reading: its name in messages, its size bound and its error codes. */
export interface YamlFileKind {
  /** How messages name it, e.g. 'policy file', 'firewall config'. */
  what: string;
  /** Files are small; a bound keeps a mistaken path (a log file, a device) from being read whole. */
  maxBytes: number;
  /** Code for a file too large, empty or invalid (default CONFIG_INVALID). */
  invalid?: RampartCode;
  /** Code for a file that cannot be read (default CONFIG_NOT_FOUND). */
  notFound?: RampartCode;
}

/**
 * Reads a YAML file (bounded), refuses one with nothing in it (empty or only white space: never taken as
 * "all defaults"), and validates it with `schema`; every error is the kind's code with file:line:column.
 */
export function loadYamlFile<S extends z.ZodType>(
  path: string,
  schema: S,
  kind: YamlFileKind,
): YamlSource<z.output<S>> {
  const invalid = kind.invalid ?? 'CONFIG_INVALID';
  const source = readBoundedText(
    path,
    kind.maxBytes,
    { tooLarge: invalid, notFound: kind.notFound ?? 'CONFIG_NOT_FOUND' },
    kind.what,
  );
  if (source.trim().length === 0) throw new RampartError(invalid, `${path}: ${kind.what} is empty`);
  return parseYamlWith(source, schema, path, invalid);
}
