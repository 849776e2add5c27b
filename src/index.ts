// The public API of rampart. Re-exports only.
export type {
  Action,
  Decision,
  Finding,
  Logger,
  ScanContext,
  Scanner,
  ScannerCost,
  ScannerFinding,
  Segment,
  Span,
  Stage,
  Trust,
} from './core/types.js';
export { RampartError, RAMPART_CODES, isRampartError, type RampartCode } from './core/errors.js';
export { OffsetMap } from './core/offset-map.js';
export type { CheckOptions } from './core/pipeline.js';
export {
  canonicalize,
  type CanonicalText,
  type DerivedSegment,
  type CanonicalizeOptions,
} from './normalize/canonicalize.js';
export {
  createGuard,
  loadGuard,
  type Guard,
  type GuardOptions,
  type GuardCheckOptions,
} from './policy/create-guard.js';
export { Vault } from './policy/vault.js';
export { defaultPolicy } from './policy/default-policy.js';
export { parsePolicy, loadPolicyFile } from './policy/load.js';
export type { Policy } from './policy/schema.js';
export { SCANNERS, SCANNER_IDS, type ScannerId } from './scanners/registry.js';
export { scanInjectionRules } from './scanners/injection-rules.js';
export { scanSecrets } from './scanners/secrets.js';
export { scanPii } from './scanners/pii.js';
export { scanPiiNer } from './scanners/pii/ner.js';
export { createCanary, findCanaries } from './scanners/canary.js';
export { findSystemPromptLeaks } from './scanners/system-prompt-leak.js';
export { findExfilLinks, extractLinks } from './scanners/exfil-links.js';
export { findUnsafeOutput, sanitizeFragment } from './scanners/unsafe-output.js';
export { runInjectionEval, type EvalSummary } from './eval/injection-eval.js';

// Structured output: the answer against a caller's JSON Schema (the gateway's check; also in rampart/rag).
export {
  checkStructuredOutput,
  compileStructuredSchema,
  type SchemaIssue,
  type StructuredCheck,
  type StructuredValidator,
} from './rag/structured-output.js';
export {
  createStructuredChecker,
  DEFAULT_STRUCTURED_TIMEOUT_MS,
  type StructuredChecker,
  type StructuredRun,
  type CheckResult,
} from './rag/structured-pool.js';

// Gateway: the OpenAI-compatible security proxy (also `rampart serve`).
export {
  GatewayConfig,
  parseGatewayConfig,
  loadGatewayConfig,
  defaultGatewayConfig,
} from './gateway/config.js';
export { createGateway, type Gateway, type GatewayOptions } from './gateway/gateway.js';
export { startGateway, type RunningGateway, type ListenOptions } from './gateway/server.js';
export { createLocalModel, answerLocally, LOCAL_MODEL_ID } from './local-model/model.js';
export type { ChatUpstream, UpstreamHealth } from './gateway/upstream/types.js';
export { FileKeyStore } from './gateway/keys/file-key-store.js';
export { RedisKeyStore } from './gateway/keys/redis-key-store.js';
export type { KeyStore, KeyRecord } from './gateway/keys/key-record.js';
export { AuditLog } from './telemetry/audit-log.js';
export { verifyAudit } from './telemetry/audit-verify.js';

// Agents: tool firewall, taint tracking, approvals, egress control, sandbox, MCP proxy.
export {
  createToolFirewall,
  type ToolFirewall,
  type TurnOptions,
  type TurnSummary,
  type IntentQuestion,
} from './agent/firewall/create-tool-firewall.js';
export { deriveCategories, toolCategories } from './agent/firewall/categories.js';
export { deriveGrants, type Grant, type ArgConstraint } from './agent/firewall/intent.js';
export {
  FirewallConfig,
  parseFirewallConfig,
  loadFirewallConfig,
  firewallOptionsFromConfig,
} from './agent/firewall/config.js';
export type {
  ToolCall,
  Principal,
  ToolSpec,
  ToolRegistry,
  FirewallDecision,
  Violation,
  TaintRule,
  ToolCategory,
} from './agent/firewall/types.js';
export { TaintLedger } from './agent/taint/ledger.js';
export { ApprovalQueue } from './agent/approvals/approval-queue.js';
export { serveApprovalApi, postApprovalsToWebhook } from './agent/approvals/http.js';
export * from './agent/egress/index.js';
export * from './agent/sandbox/index.js';
export { createMcpProxy, type McpProxy } from './agent/mcp/proxy.js';
export { createMcpProxyFromConfig } from './agent/mcp/from-config.js';
export {
  USER_INTENT_META,
  USER_TURN_META,
  deriveSessionKey,
  signUserIntent,
  signUserTurn,
} from './agent/mcp/user-intent.js';
export { runAgentBenchmark, summarize as summarizeAgentBenchmark } from './eval/agent/index.js';

// Red team.
export { runRedteam } from './redteam/runner.js';
export {
  runAdaptive,
  attackerModel,
  type AdaptiveOptions,
  type AdaptiveRun,
  type AdaptiveCaseResult,
  type AttackerRewriter,
} from './redteam/adaptive.js';
export { summarizeAdaptive, compareBaseline, readBaseline } from './redteam/report/adaptive.js';
export { expandPlan } from './redteam/expand.js';
export { defaultPlan, loadPlanFile, parsePlanYaml } from './redteam/plan.js';
export { httpTarget, localTarget, gatewayTarget, functionTarget } from './redteam/targets/index.js';
export { writeReports, renderPromptfoo, type PromptfooOutputFile } from './redteam/report/index.js';
export type { AttackCase, AttackCategory, RedteamTarget, TargetReply } from './redteam/types.js';
