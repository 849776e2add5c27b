// The public API of rampart/promptfoo: a provider class for promptfoo configs. (The red-team results export,
// `renderPromptfoo`, is in the main entry with the other reports: integrations sit below the red team.)
export {
  RampartProvider,
  RampartProvider as default,
  type RampartPromptfooConfig,
  type RampartPromptfooOptions,
  type RampartPromptfooTarget,
  type RampartProviderResponse,
  type PromptfooGuardrails,
} from './provider.js';
