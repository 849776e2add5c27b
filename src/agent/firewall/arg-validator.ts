// Argument validation: every tool declares the shape of its arguments, and a call that does not fit is refused
// before any policy sees it. JSON Schemas are compiled once, at construction, with ajv in strict mode (a typo in
// a schema keyword is an error, not a silently ignored constraint) and allErrors (the caller sees every problem,
// up to a bound). Zod schemas are used through safeParse.
//
// Extra arguments: a JSON Schema object that declares `properties` but says nothing about
// `additionalProperties` is treated as `additionalProperties: false` at the top level. An argument the tool does
// not declare has no business in the call, and smuggling one is a classic way around a reviewed schema. Write
// `additionalProperties: true` to opt out. (Zod: use z.strictObject for the same effect.)
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { RampartError } from '../../core/errors.js';
import type { SafeParser } from './types.js';

type FormatsPlugin = (ajv: Ajv) => Ajv;
const addFormats: FormatsPlugin =
  (addFormatsModule as unknown as { default?: FormatsPlugin }).default ??
  (addFormatsModule as unknown as FormatsPlugin);

export interface ArgIssue {
  /** JSON pointer of the offending value ('' is the arguments object itself). */
  path: string;
  message: string;
}

export type ArgValidator = (args: unknown) => ArgIssue[];

const MAX_ISSUES = 10;

function isSafeParser(s: unknown): s is SafeParser {
  return (
    typeof s === 'object' && s !== null && typeof (s as { safeParse?: unknown }).safeParse === 'function'
  );
}

function describe(e: ErrorObject): ArgIssue {
  const p = e.params as Record<string, unknown>;
  let message = e.message ?? 'is invalid';
  if (e.keyword === 'additionalProperties' && typeof p.additionalProperty === 'string') {
    message = `has unexpected argument '${p.additionalProperty.slice(0, 64)}'`;
  } else if (e.keyword === 'required' && typeof p.missingProperty === 'string') {
    message = `is missing required argument '${p.missingProperty.slice(0, 64)}'`;
  }
  return { path: e.instancePath, message };
}

function pointer(path: ReadonlyArray<PropertyKey>): string {
  return path.map((k) => `/${String(k).replace(/~/g, '~0').replace(/\//g, '~1').slice(0, 64)}`).join('');
}

/** One ajv instance per firewall: schemas compiled once, formats (email, uri, ...) available. */
export function createAjv(): Ajv {
  const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true, validateFormats: true });
  addFormats(ajv);
  return ajv;
}

export function compileArgValidator(ajv: Ajv, tool: string, schema: unknown): ArgValidator {
  if (isSafeParser(schema)) {
    return (args) => {
      let r: ReturnType<SafeParser['safeParse']>;
      try {
        r = schema.safeParse(args);
      } catch {
        return [{ path: '', message: 'schema check failed' }];
      }
      if (r.success) return [];
      return r.error.issues
        .slice(0, MAX_ISSUES)
        .map((i) => ({ path: pointer(i.path), message: i.message.slice(0, 200) }));
    };
  }
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new RampartError(
      'TOOL_SCHEMA_INVALID',
      `tool '${tool}': schema must be a JSON Schema object or a zod schema`,
    );
  }
  let s = schema as Record<string, unknown>;
  if (s.type === 'object' && s.properties !== undefined && !('additionalProperties' in s)) {
    s = { ...s, additionalProperties: false };
  }
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(s);
  } catch (cause) {
    const msg = cause instanceof Error ? cause.message : String(cause);
    throw new RampartError(
      'TOOL_SCHEMA_INVALID',
      `tool '${tool}': invalid JSON Schema: ${msg.slice(0, 500)}`,
      { cause },
    );
  }
  return (args) => {
    if (validate(args)) return [];
    return (validate.errors ?? []).slice(0, MAX_ISSUES).map(describe);
  };
}
