// The policy file's shape. The schema is both the TypeScript type and the validator: raw YAML becomes a
// Policy in exactly one place (load.ts), and everything after it is typed.
import { z } from 'zod';

export const ActionName = z.enum(['allow', 'flag', 'redact', 'block', 'require_approval']);

/**
 * An action for a category: either one action, or score thresholds per action
 * (`{ block: 0.8, flag: 0.5 }`: the most severe action whose threshold the score reaches; below all → allow).
 */
export const ActionRule = z.union([
  ActionName,
  z
    .object({
      allow: z.number().min(0).max(1).optional(),
      flag: z.number().min(0).max(1).optional(),
      redact: z.number().min(0).max(1).optional(),
      block: z.number().min(0).max(1).optional(),
      require_approval: z.number().min(0).max(1).optional(),
    })
    .strict()
    .refine((o) => Object.keys(o).length > 0, 'give at least one action with a minimum score'),
]);
export type ActionRule = z.infer<typeof ActionRule>;

/** Category → action. Keys are categories or dotted prefixes ('prompt_injection' covers 'prompt_injection.override'). */
export const ActionTable = z.record(
  z.string().regex(/^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*$/u, 'a category name like prompt_injection.override'),
  ActionRule,
);

export const ScannerSettings = z
  .object({
    /** Findings scoring below this are dropped. */
    threshold: z.number().min(0).max(1).default(0),
    /** Record scanner errors and timeouts without blocking. Off by default: Rampart fails closed. */
    fail_open: z.boolean().default(false),
    timeout_ms: z.number().int().positive().max(60_000).default(250),
    /** Scanner-specific options: the loader checks them with the scanner's own schema and keeps its output. */
    options: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();
export type ScannerSettings = z.infer<typeof ScannerSettings>;

export const StageSettings = z
  .object({
    scanners: z.array(z.string()).default([]),
    /** Overrides of the global action table for this stage. */
    actions: ActionTable.default({}),
  })
  .strict();

export const CanonicalizeSettings = z
  .object({
    decode: z.boolean().default(true),
    max_depth: z.number().int().min(0).max(3).default(3),
    max_decoded_ratio: z.number().min(0).max(4).default(4),
  })
  .strict();

export const PolicyFile = z
  .object({
    version: z.literal(1),
    limits: z
      .object({
        max_input_bytes: z
          .number()
          .int()
          .positive()
          .max(64 * 1024 * 1024)
          .default(1024 * 1024),
      })
      .strict()
      .default({ max_input_bytes: 1024 * 1024 }),
    /** Run every scanner even after one has blocked (slower; useful for audits and eval). */
    collect_all: z.boolean().default(false),
    canonicalize: CanonicalizeSettings.default({ decode: true, max_depth: 3, max_decoded_ratio: 4 }),
    scanners: z.record(z.string(), ScannerSettings).default({}),
    stages: z
      .object({
        input: StageSettings.optional(),
        output: StageSettings.optional(),
        retrieval: StageSettings.optional(),
        tool_call: StageSettings.optional(),
        tool_result: StageSettings.optional(),
      })
      .strict(),
    actions: ActionTable.default({}),
    redaction: z
      .object({
        /** Put secrets back when restoring a model's answer (off: a pasted key never comes back out). */
        restore_secrets: z.boolean().default(false),
        /**
         * Environment variable holding the 32-byte key (base64 or hex) that seals vaults persisted outside
         * the process (`guard.sealVault` / `guard.openVault`). The key itself never goes in the policy file.
         */
        vault_key_env: z
          .string()
          .regex(/^[A-Z_][A-Z0-9_]{0,127}$/u, 'an environment variable name like RAMPART_VAULT_KEY')
          .optional(),
      })
      .strict()
      .default({ restore_secrets: false }),
    /** Action for categories that no entry covers. */
    default_action: ActionName.default('flag'),
  })
  .strict();

export type Policy = z.infer<typeof PolicyFile>;
