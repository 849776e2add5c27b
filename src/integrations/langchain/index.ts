// The public API of rampart/langchain (LangChain.js, @langchain/core 1 as an optional peer dependency).
// Re-exports only. The LangGraph approval node is its own subpath, rampart/langchain/langgraph, so this one
// loads without @langchain/langgraph.
export {
  rampartGuard,
  withRampart,
  DECISION_EVENT,
  type RampartGuardOptions,
  type DecisionEvent,
} from './guard.js';
export { RampartCallbackHandler, type RecordedDecision } from './callbacks.js';
export { RampartBlockedError, isRampartBlockedError } from '../blocked.js';
