// The only place where raw YAML becomes a Policy. Every error names the file, line and column and what
// was expected, so a typo in a security policy is caught at start-up, never silently ignored.
import { z } from 'zod';
import { RampartError } from '../core/errors.js';
import { PolicyFile, type Policy } from './schema.js';
import {
  describeIssue as describe,
  loadYamlFile,
  parseYamlWith,
  pathText,
  type YamlFileKind,
  type YamlSource,
} from './yaml-source.js';

const POLICY_FILE: YamlFileKind = {
  what: 'policy file',
  maxBytes: 1024 * 1024,
  invalid: 'POLICY_INVALID',
  notFound: 'POLICY_NOT_FOUND',
};

export interface PolicySourceOptions {
  /** Name shown in error messages (a path, or '<inline>'). */
  name?: string;
  /** Scanner ids that exist; unknown names in the policy are errors. */
  knownScanners?: readonly string[];
  /**
   * Schemas of scanner options (`scanners.<id>.options`), checked with line-precise errors; each entry's
   * options are replaced by its schema's output, which the guard hands to the scanner. An id without a
   * schema takes no options.
   */
  optionSchemas?: Readonly<Record<string, z.ZodType>>;
}

const NO_OPTIONS = z.object({}).strict();

export function parsePolicy(source: string, opts: PolicySourceOptions = {}): Policy {
  const name = opts.name ?? '<inline>';
  return checkPolicy(parseYamlWith(source, PolicyFile, name, 'POLICY_INVALID'), name, opts);
}

/** The checks past the schema (scanner names, scanner options), with the YAML positions. */
function checkPolicy(
  { value: policy, at }: YamlSource<Policy>,
  name: string,
  opts: PolicySourceOptions,
): Policy {
  if (opts.knownScanners) {
    const known = new Set(opts.knownScanners);
    const problems: string[] = [];
    for (const [stage, settings] of Object.entries(policy.stages)) {
      settings?.scanners.forEach((s, i) => {
        if (!known.has(s))
          problems.push(
            `${name}:${at(['stages', stage, 'scanners', i])}: stages.${stage}.scanners[${i}]: unknown scanner "${s}" (expected one of ${[...known].join(', ')})`,
          );
      });
    }
    for (const s of Object.keys(policy.scanners)) {
      if (!known.has(s))
        problems.push(
          `${name}:${at(['scanners'], s)}: scanners: unknown scanner "${s}" (expected one of ${[...known].join(', ')})`,
        );
    }
    if (problems.length) throw new RampartError('POLICY_INVALID', problems.join('\n'));
  }
  if (opts.optionSchemas) {
    const problems: string[] = [];
    for (const [id, settings] of Object.entries(policy.scanners)) {
      const schema = Object.hasOwn(opts.optionSchemas, id) ? opts.optionSchemas[id]! : NO_OPTIONS;
      const res = schema.safeParse(settings.options);
      if (res.success) {
        settings.options = res.data as Record<string, unknown>;
        continue;
      }
      for (const issue of res.error.issues.slice(0, 10)) {
        const path = ['scanners', id, 'options', ...issue.path];
        const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
        problems.push(`${name}:${at(path, key)}: ${pathText(path)}: ${describe(issue)}`);
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
    if (!opts.optionSchemas) continue;
    const schema = Object.hasOwn(opts.optionSchemas, id) ? opts.optionSchemas[id]! : NO_OPTIONS;
    const res = schema.safeParse(settings.options);
    if (res.success) settings.options = res.data as Record<string, unknown>;
    else
      for (const issue of res.error.issues.slice(0, 10))
        problems.push(`${name}: ${pathText(['scanners', id, 'options', ...issue.path])}: ${describe(issue)}`);
  }
  if (problems.length) throw new RampartError('POLICY_INVALID', problems.join('\n'));
  return policy;
}

export function loadPolicyFile(path: string, opts: Omit<PolicySourceOptions, 'name'> = {}): Policy {
  return checkPolicy(loadYamlFile(path, PolicyFile, POLICY_FILE), path, opts);
}
