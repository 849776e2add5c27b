// The public vocabulary of the code sandbox: what goes in, what comes out.

/** A value that survives a JSON round trip unchanged. Everything that crosses the sandbox boundary is one. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A host function the guest may call. It receives deep copies of the guest's arguments; its result is copied back. */
export type Capability = (...args: JsonValue[]) => JsonValue | Promise<JsonValue>;

export interface SandboxOptions {
  /** Wall-clock budget for the whole run, awaited capabilities included. Default 1000. */
  timeoutMs?: number;
  /** Guest heap ceiling, enforced by the size of the WebAssembly memory itself. Default 32 MiB. */
  memoryBytes?: number;
  /** Guest (QuickJS) stack ceiling. Default 256 KiB; kept well below the host's own native stack. */
  maxStackBytes?: number;
  /** Bound on console output plus the serialised result, in UTF-8 bytes. Default 64 KiB. */
  maxOutputBytes?: number;
  /** Bound on the source code, in UTF-8 bytes. Default 256 KiB. */
  maxCodeBytes?: number;
  /** Bound on each JSON value that crosses the boundary: `input`, capability arguments, capability results. Default 1 MiB. */
  maxTransferBytes?: number;
  /** Host functions exposed as globals of the same name. The only authority the guest has. */
  capabilities?: Record<string, Capability>;
  /** Deep-copied into the guest as the global `input`. */
  input?: JsonValue;
}

export type SandboxErrorKind =
  | 'timeout'
  | 'memory'
  | 'stack'
  | 'output_limit'
  | 'code_too_large'
  | 'exception'
  | 'invalid_result'
  | 'capability_error';

export interface SandboxError {
  kind: SandboxErrorKind;
  /** Human sentence. Carries the guest's own error text for `exception`, never host error text. */
  message: string;
}

export type SandboxResult =
  | { ok: true; value: JsonValue; logs: string[]; ms: number }
  | { ok: false; error: SandboxError; logs: string[]; ms: number };
