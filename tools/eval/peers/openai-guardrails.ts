// Peer: @openai/guardrails 0.2.1, examined and NOT installed. Its `jailbreak` and
// `prompt_injection_detection` checks are LLM calls (`runLLM` through an OpenAI client: they need an API key
// and the network); its offline checks (PII, URLs, secret keys, keywords, competitors) detect no injections.
// Reported as not running offline rather than being scored.
import type { PeerAdapter } from './adapter.js';

export const openaiGuardrails: PeerAdapter = {
  name: '@openai/guardrails',
  version: '0.2.1',
  load() {
    return Promise.reject(
      new Error(
        'jailbreak and prompt_injection_detection are LLM checks (OpenAI API key + network); ' +
          'no offline injection or jailbreak check exists in 0.2.1 (not installed)',
      ),
    );
  },
};
