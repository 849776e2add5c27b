// FirewallConfig: the tool firewall as data, so the gateway and the MCP proxy can load it from YAML. Tools carry
// JSON Schemas (zod schemas are a library-only option); Cedar policies are inline text or a file path.
import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { loadYamlFile, parseYamlWith, readBoundedText, type YamlFileKind } from '../../policy/yaml-source.js';
import type { ToolFirewallOptions } from './create-tool-firewall.js';

const PositiveInt = z.number().int().positive();

export const ToolConfig = z.strictObject({
  description: z.string().max(2000).optional(),
  /** JSON Schema of the arguments (compiled with ajv in strict mode when the firewall is created). */
  schema: z.record(z.string(), z.unknown()),
  sensitive: z.record(z.string().min(1).max(512), z.string().min(1).max(64)).optional(),
  risk: z.enum(['read', 'write', 'external']).optional(),
  /** Overrides the categories derived from the name and description (categories.ts). */
  categories: z
    .array(z.enum(['read', 'write', 'external', 'financial', 'physical', 'destructive', 'credential']))
    .min(1)
    .max(7)
    .optional(),
});

export const TaintRuleConfig = z.strictObject({
  tools: z.array(z.string()).optional(),
  kinds: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
  action: z.enum(['deny', 'require_approval']),
});

export const FirewallConfig = z.strictObject({
  tools: z.record(z.string().min(1).max(128), ToolConfig),
  /** Cedar policies: inline `text`, or a `file` (relative to the config file). Exactly one. */
  policies: z
    .strictObject({ text: z.string().optional(), file: z.string().min(1).optional() })
    .refine((p) => (p.text === undefined) !== (p.file === undefined), {
      message: 'give exactly one of text or file',
    }),
  cedarSchema: z
    .strictObject({ text: z.string().optional(), file: z.string().min(1).optional() })
    .refine((p) => (p.text === undefined) !== (p.file === undefined), {
      message: 'give exactly one of text or file',
    })
    .optional(),
  taintRules: z.array(TaintRuleConfig).max(1000).optional(),
  /** The default taint rule's action (when taintRules is not given). */
  taintEffect: z.enum(['deny', 'require_approval']).optional(),
  /** Intent-bound capabilities: what a call outside the turn's envelope gets once untrusted data is in the session. */
  intent: z
    .strictObject({
      effect: z.enum(['deny', 'require_approval']).optional(),
      derive: z.boolean().optional(),
      reads: z.boolean().optional(),
    })
    .optional(),
  budgets: z
    .strictObject({
      maxCallsPerSession: PositiveInt.optional(),
      maxCallsPerTool: z
        .union([PositiveInt, z.record(z.string(), z.number().int().nonnegative())])
        .optional(),
      loopRepeats: z.number().int().min(2).optional(),
      loopWindow: z.number().int().min(2).optional(),
      loopMaxInWindow: z.number().int().min(2).optional(),
    })
    .optional(),
  limits: z
    .strictObject({
      maxArgsChars: PositiveInt.optional(),
      maxSessions: PositiveInt.optional(),
      sessionTtlMs: PositiveInt.optional(),
      ledger: z
        .strictObject({
          maxEntries: PositiveInt.optional(),
          maxChars: PositiveInt.optional(),
          chunkChars: PositiveInt.optional(),
          minMatchLength: PositiveInt.optional(),
          maxMatches: PositiveInt.optional(),
        })
        .optional(),
    })
    .optional(),
  approvals: z.strictObject({ timeoutMs: PositiveInt.optional() }).optional(),
});
export type FirewallConfig = z.infer<typeof FirewallConfig>;

const MAX_CEDAR_BYTES = 1024 * 1024;
const CONFIG_FILE: YamlFileKind = { what: 'firewall config', maxBytes: 4 * 1024 * 1024 };

function readCedar(ref: { text?: string; file?: string }, baseDir: string, what: string): string {
  if (ref.text !== undefined) return ref.text;
  const path = isAbsolute(ref.file!) ? ref.file! : resolve(baseDir, ref.file!);
  return readBoundedText(
    path,
    MAX_CEDAR_BYTES,
    { tooLarge: 'CONFIG_INVALID', notFound: 'CONFIG_NOT_FOUND' },
    what,
  );
}

/**
 * Options for createToolFirewall from a validated config: reads policy files (relative to `baseDir`) and adds
 * what YAML cannot hold (an approval queue, a logger). `config.approvals.timeoutMs` is for the ApprovalQueue
 * the caller builds.
 */
export function firewallOptionsFromConfig(
  config: FirewallConfig,
  extra: Pick<ToolFirewallOptions, 'approvals' | 'log' | 'now'> & { baseDir?: string } = {},
): ToolFirewallOptions {
  const baseDir = extra.baseDir ?? process.cwd();
  const { baseDir: _b, ...rest } = extra;
  return {
    tools: config.tools,
    policies: readCedar(config.policies, baseDir, 'Cedar policy file'),
    ...(config.cedarSchema
      ? { cedarSchema: readCedar(config.cedarSchema, baseDir, 'Cedar schema file') }
      : {}),
    ...(config.taintRules ? { taintRules: config.taintRules } : {}),
    ...(config.taintEffect ? { taintEffect: config.taintEffect } : {}),
    ...(config.intent ? { intent: config.intent } : {}),
    ...(config.budgets ? { budgets: config.budgets } : {}),
    ...(config.limits ? { limits: config.limits } : {}),
    ...rest,
  };
}

/** Parses firewall YAML with line-precise errors (CONFIG_INVALID). */
export function parseFirewallConfig(source: string, name = '<inline>'): FirewallConfig {
  return parseYamlWith(source, FirewallConfig, name, 'CONFIG_INVALID').value;
}

/** Reads and parses a firewall YAML file; policy files in it resolve relative to the file. */
export function loadFirewallConfig(path: string): { config: FirewallConfig; baseDir: string } {
  const config = loadYamlFile(path, FirewallConfig, CONFIG_FILE).value;
  return { config, baseDir: dirname(resolve(path)) };
}
