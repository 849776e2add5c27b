// One error class with a stable `code`: callers branch on the code, never on the message.
// A published code is never reused for another meaning; docs/errors.md lists them all (a test keeps both in sync).

export const RAMPART_CODES = [
  'INPUT_TOO_LARGE',
  'INPUT_INVALID',
  'POLICY_INVALID',
  'POLICY_NOT_FOUND',
  'SCANNER_UNKNOWN',
  'DATA_INVALID',
  'VAULT_KEY_INVALID',
  'VAULT_INVALID',
  'VAULT_FULL',
  'MODEL_WEIGHTS_INVALID',
  'CONFIG_INVALID',
  'CONFIG_NOT_FOUND',
  'UPSTREAM_TIMEOUT',
  'UPSTREAM_UNAVAILABLE',
  'UPSTREAM_BAD_RESPONSE',
  'UPSTREAM_ERROR',
  'KEY_NOT_FOUND',
  'STORE_UNAVAILABLE',
  'AUDIT_INVALID',
  'EGRESS_DENIED',
  'EGRESS_LIMIT',
  'TOOL_SCHEMA_INVALID',
  'APPROVAL_NOT_FOUND',
  'MCP_ERROR',
  'SCAN_QUEUE_FULL',
  'SCAN_WORKER_FAILED',
  'EMBEDDING_FAILED',
  'VECTOR_STORE_ERROR',
  'DOCUMENT_INVALID',
  'DOCUMENT_TOO_LARGE',
  'DOCUMENT_UNSUPPORTED',
  'CONTENT_BLOCKED',
  'SCHEMA_INVALID',
  'SCHEMA_VIOLATION',
] as const;

export type RampartCode = (typeof RAMPART_CODES)[number];

export class RampartError extends Error {
  constructor(
    readonly code: RampartCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RampartError';
  }
}

export const isRampartError = (e: unknown): e is RampartError => e instanceof RampartError;
