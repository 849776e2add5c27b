// The agent-injection benchmark (`rampart eval-agent`, `npm run eval`).
export {
  runAgentBenchmark,
  summarize,
  DEFENSES,
  DEFENSE_LABELS,
  LEDGER_MIN_MATCH,
  type AgentBenchmarkOptions,
  type AgentBenchmarkReport,
  type AgentBenchmarkSummary,
  type DefenseName,
  type Rates,
  type TaskOutcome,
} from './run-benchmark.js';
export { formatAgentReport } from './format-report.js';
export {
  runEpisode,
  toolResult,
  MAX_STEPS,
  type Defense,
  type Episode,
  type ExecutedCall,
  type Variant,
} from './agent-loop.js';
export { goalMet, matchesCall } from './checks.js';
export { AGENT_TASKS } from './tasks/index.js';
export { TOOL_CATALOG, toolDefinition } from './tool-catalog.js';
export { BENCHMARK_POLICIES } from './policies.js';
export {
  DOMAINS,
  INJECT_MARKER,
  type AgentTask,
  type CallCheck,
  type Domain,
  type Placement,
} from './types.js';
