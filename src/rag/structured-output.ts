// Structured output: does a model's answer match the JSON Schema the caller asked for? The gateway enforces
// `response_format: { type: "json_schema" }` and the request's tool parameter schemas with it, and the library
// exposes the same check (`checkStructuredOutput`).
//
// The schema is caller input, so it is treated as hostile before ajv compiles it:
//   - size (64 KiB of JSON) and nesting (32 levels) are bounded, and it must be a JSON object;
//   - draft-07 (the default), 2019-09 or 2020-12 by its `$schema`;
//   - ajv runs in strict mode: an unknown keyword, a misplaced one or an unknown format is an error, not a
//     silently ignored constraint;
//   - every `pattern` and `patternProperties` key must be proven free of catastrophic backtracking by recheck's
//     automaton checker (safe or linear); one that is not, or that recheck cannot decide (lookaround,
//     backreferences), is refused. At most 16 patterns, each up to 256 characters;
//   - `uniqueItems: true` needs `maxItems` ≤ 1,000 (ajv compares items pairwise);
//   - no remote `$ref` is ever fetched (an unresolved reference is an error), and `$id` is refused: ajv's
//     instance is shared, and one caller's schema must not be reachable from another's; the formats are a
//     fixed list.
// A refused schema throws SCHEMA_INVALID naming the reason. Ajv and recheck load on first use.
//
// Compiled validators are cached by the schema's JSON (64 entries). Ajv keeps every compiled schema's code in
// its instance, so the instance is replaced after 256 compilations: memory stays bounded however many distinct
// schemas callers send.
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import { RampartError } from '../core/errors.js';

export const MAX_SCHEMA_BYTES = 64 * 1024;
export const MAX_SCHEMA_DEPTH = 32;
export const MAX_SCHEMA_PATTERNS = 16;
export const MAX_PATTERN_CHARS = 256;
export const MAX_UNIQUE_ITEMS = 1000;
/** Longest answer checked (UTF-16 code units); longer is a violation. */
export const MAX_OUTPUT_CHARS = 4 * 1024 * 1024;
const MAX_ISSUES = 10;
const CACHE_SIZE = 64;
const COMPILES_PER_INSTANCE = 256;
/** recheck's time for one pattern, and for all of a schema's: a pattern it cannot decide in time is refused
 *  (the check runs on the calling thread, so a hostile schema's cost is bounded by this). */
const RECHECK_TIMEOUT_MS = 200;
const RECHECK_BUDGET_MS = 400;
const FORMATS = [
  'date-time',
  'date',
  'time',
  'duration',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'uri',
  'uuid',
] as const;
const ID_KEYS = ['$id', '$anchor', '$dynamicAnchor', '$recursiveAnchor'] as const;
/** Keys whose values are data, not schemas: never searched for patterns. */
const DATA_KEYS = new Set(['enum', 'const', 'default', 'examples']);

export interface SchemaIssue {
  /** JSON pointer of the offending value ('' is the answer itself). */
  path: string;
  message: string;
}

export interface StructuredCheck {
  valid: boolean;
  /** The parsed answer (when it is JSON). */
  value?: unknown;
  /** At most 10; empty when valid. */
  issues: SchemaIssue[];
}

export interface StructuredValidator {
  /** Parses `text` as JSON and validates it. Never throws. */
  check(text: string): StructuredCheck;
  /** Validates an already parsed value. Never throws. */
  checkValue(value: unknown): StructuredCheck;
}

const invalid = (message: string): never => {
  throw new RampartError('SCHEMA_INVALID', message);
};

/** Size, depth, uniqueItems and the patterns to check; throws SCHEMA_INVALID. */
function inspect(schema: unknown): { json: string; patterns: string[] } {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema))
    invalid('the schema must be a JSON object');
  let json: string;
  try {
    json = JSON.stringify(schema);
  } catch {
    return invalid('the schema is not plain JSON');
  }
  if (Buffer.byteLength(json, 'utf8') > MAX_SCHEMA_BYTES)
    invalid(`the schema is over ${MAX_SCHEMA_BYTES} bytes of JSON`);
  const patterns = new Set<string>();
  const addPattern = (p: string): void => {
    if (p.length > MAX_PATTERN_CHARS) invalid(`a pattern is over ${MAX_PATTERN_CHARS} characters`);
    patterns.add(p);
    if (patterns.size > MAX_SCHEMA_PATTERNS) invalid(`the schema has over ${MAX_SCHEMA_PATTERNS} patterns`);
  };
  const stack: Array<[unknown, number]> = [[schema, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > MAX_SCHEMA_DEPTH) invalid(`the schema is nested deeper than ${MAX_SCHEMA_DEPTH} levels`);
    if (Array.isArray(node)) {
      for (const v of node) stack.push([v, depth + 1]);
      continue;
    }
    const o = node as Record<string, unknown>;
    // An id registers in ajv's instance, which callers share: one caller's schema must not be reachable
    // from another's $ref. Local references ($defs, definitions, JSON pointers) need none.
    for (const k of ID_KEYS) if (k in o) invalid(`${k} is not supported (use $defs and local $refs)`);
    if (typeof o.pattern === 'string') addPattern(o.pattern);
    if (typeof o.patternProperties === 'object' && o.patternProperties !== null)
      for (const k of Object.keys(o.patternProperties)) addPattern(k);
    if (o.uniqueItems === true) {
      const max = o.maxItems;
      if (typeof max !== 'number' || max > MAX_UNIQUE_ITEMS)
        invalid(`uniqueItems needs maxItems of at most ${MAX_UNIQUE_ITEMS}`);
    }
    for (const [k, v] of Object.entries(o)) if (!DATA_KEYS.has(k)) stack.push([v, depth + 1]);
  }
  return { json, patterns: [...patterns] };
}

type Recheck = typeof import('recheck');
let recheck: Promise<Recheck> | undefined;
const safePatterns = new Map<string, string | null>();

/** Refuses a pattern recheck does not prove safe (null: safe; else the reason). Cached (1,024 patterns). */
async function checkPatterns(patterns: readonly string[]): Promise<void> {
  if (patterns.length === 0) return;
  const { checkSync } = await (recheck ??= import('recheck').then((m) => {
    m.checkSync('a', 'u', { checker: 'automaton' }); // its first call warms it up (~0.3 s), outside any budget
    return m;
  }));
  const deadline = performance.now() + RECHECK_BUDGET_MS;
  for (const p of patterns) {
    let reason = safePatterns.get(p);
    if (reason === undefined) {
      const timeout = Math.min(RECHECK_TIMEOUT_MS, Math.floor(deadline - performance.now()));
      if (timeout <= 0) invalid('the schema has more patterns than can be checked in time');
      try {
        new RegExp(p, 'u');
        const r = checkSync(p, 'u', { checker: 'automaton', timeout });
        reason =
          r.status === 'safe'
            ? null
            : r.status === 'vulnerable'
              ? `may backtrack catastrophically (${r.complexity.type})`
              : 'cannot be proven safe (lookaround, backreferences or too complex)';
      } catch {
        reason = 'is not a valid regular expression';
      }
      // Not cached: a pattern undecided only because the schema's budget ran short.
      const partial = timeout < RECHECK_TIMEOUT_MS && reason?.startsWith('cannot');
      if (safePatterns.size >= 1024) safePatterns.clear();
      if (!partial) safePatterns.set(p, reason);
    }
    if (reason !== null) invalid(`pattern ${JSON.stringify(p.slice(0, 64))} ${reason}`);
  }
}

type Dialect = 'draft-07' | '2019-09' | '2020-12';

/** The schema's dialect from its `$schema` (none: draft-07, as OpenAI's examples); another → SCHEMA_INVALID. */
function dialectOf(schema: Record<string, unknown>): Dialect {
  const uri = schema.$schema;
  if (uri === undefined) return 'draft-07';
  if (typeof uri === 'string') {
    const u = uri.replace(/^https?:\/\//u, '').replace(/#$/u, '');
    if (u === 'json-schema.org/draft-07/schema') return 'draft-07';
    if (u === 'json-schema.org/draft/2019-09/schema') return '2019-09';
    if (u === 'json-schema.org/draft/2020-12/schema') return '2020-12';
  }
  return invalid('$schema must be draft-07, 2019-09 or 2020-12 (or absent: draft-07)');
}

interface AjvHolder {
  ajv: AjvClass;
  compiles: number;
}
const holders = new Map<Dialect, Promise<AjvHolder>>();

async function newAjv(dialect: Dialect): Promise<AjvHolder> {
  const [{ Ajv }, { Ajv2019 }, { Ajv2020 }, formats] = await Promise.all([
    import('ajv'),
    import('ajv/dist/2019.js'),
    import('ajv/dist/2020.js'),
    import('ajv-formats'),
  ]);
  type FormatsPlugin = (ajv: AjvClass, list: readonly string[]) => AjvClass;
  const addFormats: FormatsPlugin =
    (formats as unknown as { default?: FormatsPlugin }).default ?? (formats as unknown as FormatsPlugin);
  const Class = dialect === '2020-12' ? Ajv2020 : dialect === '2019-09' ? Ajv2019 : Ajv;
  const ajv = new Class({
    strict: true,
    allErrors: true,
    allowUnionTypes: true,
    validateFormats: true,
    // Each $ref compiled once, not inlined into every place that uses it.
    inlineRefs: false,
  }) as AjvClass;
  addFormats(ajv, FORMATS);
  return { ajv, compiles: 0 };
}

async function ajvInstance(dialect: Dialect): Promise<AjvHolder> {
  let p = holders.get(dialect);
  if (!p) holders.set(dialect, (p = newAjv(dialect)));
  const h = await p;
  if (h.compiles < COMPILES_PER_INSTANCE) return h;
  const fresh = newAjv(dialect);
  holders.set(dialect, fresh);
  return fresh;
}

function describe(e: ErrorObject): SchemaIssue {
  const p = e.params as Record<string, unknown>;
  let message = e.message ?? 'is invalid';
  if (e.keyword === 'additionalProperties' && typeof p.additionalProperty === 'string')
    message = `must NOT have property '${p.additionalProperty.slice(0, 64)}'`;
  return { path: e.instancePath.slice(0, 200), message: message.slice(0, 200) };
}

function validatorFor(validate: ValidateFunction): StructuredValidator {
  const checkValue = (value: unknown): StructuredCheck => {
    try {
      if (validate(value)) return { valid: true, value, issues: [] };
      return { valid: false, value, issues: (validate.errors ?? []).slice(0, MAX_ISSUES).map(describe) };
    } catch {
      // Data nested deep enough to exhaust the stack through a recursive schema: fail closed.
      return {
        valid: false,
        value,
        issues: [{ path: '', message: 'could not be checked (nested too deeply)' }],
      };
    }
  };
  return {
    checkValue,
    check(text) {
      if (typeof text !== 'string') return { valid: false, issues: [{ path: '', message: 'is not text' }] };
      if (text.length > MAX_OUTPUT_CHARS)
        return { valid: false, issues: [{ path: '', message: `is over ${MAX_OUTPUT_CHARS} characters` }] };
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return { valid: false, issues: [{ path: '', message: 'is not valid JSON' }] };
      }
      return checkValue(value);
    },
  };
}

const cache = new Map<string, StructuredValidator>();

/**
 * Compiles a caller's JSON Schema (draft-07, or 2019-09/2020-12 by its `$schema`; strict) into a validator. Throws RampartError SCHEMA_INVALID
 * with the reason when the schema is refused: not an object, too large or deep, not a valid schema, an
 * unknown keyword or format, an unresolved `$ref`, an unsafe pattern, unbounded `uniqueItems`.
 */
export async function compileStructuredSchema(schema: unknown): Promise<StructuredValidator> {
  const { json, patterns } = inspect(schema);
  const hit = cache.get(json);
  if (hit) {
    cache.delete(json);
    cache.set(json, hit);
    return hit;
  }
  const dialect = dialectOf(schema as Record<string, unknown>);
  await checkPatterns(patterns);
  const h = await ajvInstance(dialect);
  h.compiles++;
  // A private copy: ajv keeps the object it compiled, and the caller's may change later.
  const own = JSON.parse(json) as Record<string, unknown>;
  let validate: ValidateFunction;
  try {
    validate = h.ajv.compile(own);
  } catch (cause) {
    const msg = cause instanceof Error ? cause.message : String(cause);
    throw new RampartError('SCHEMA_INVALID', `invalid JSON Schema: ${msg.slice(0, 300)}`, { cause });
  } finally {
    h.ajv.removeSchema(own);
  }
  const v = validatorFor(validate);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(json, v);
  return v;
}

/**
 * Does `text` parse as JSON and match `schema`? `{ valid, value, issues }`; a refused schema throws
 * SCHEMA_INVALID (see compileStructuredSchema).
 */
export async function checkStructuredOutput(text: string, schema: unknown): Promise<StructuredCheck> {
  return (await compileStructuredSchema(schema)).check(text);
}
