export { runSandboxed } from './sandbox.js';
export { sandboxTool, type SandboxTool } from './tool.js';
export { SANDBOX_DEFAULTS } from './limits.js';
export type {
  Capability,
  JsonValue,
  SandboxError,
  SandboxErrorKind,
  SandboxOptions,
  SandboxResult,
} from './types.js';
