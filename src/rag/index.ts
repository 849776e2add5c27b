// The public API of rampart/rag. Re-exports only: importing it loads no vector store (LanceDB loads on
// first use of openChunkStore).
export {
  spotlight,
  unmark,
  SPOTLIGHT_MODES,
  DEFAULT_MAX_SPOTLIGHT_CHARS,
  type SpotlightMode,
  type SpotlightOptions,
  type Spotlighted,
  type UntrustedDocument,
} from './spotlight/spotlight.js';
export {
  buildSpotlightedPrompt,
  type PromptMessage,
  type SpotlightedPrompt,
  type SpotlightedPromptInput,
} from './spotlight/prompt.js';
