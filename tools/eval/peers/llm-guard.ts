// Peer: llm-guard (npm, not the Python project of the same name). Regex guards behind `new LLMGuard(config)`
// and `validate(prompt)`. Only its two injection-related guards are enabled (`jailbreak`, `promptInjection`,
// each with its built-in patterns); PII, profanity, toxicity and relevance are other concerns and would
// only add false positives here. A guard's score is 1 when clean and drops (0.3) on a match.
import type { PeerAdapter } from './adapter.js';

interface GuardResponse {
  isValid: boolean;
  score: number;
}
interface LlmGuardModule {
  LLMGuard: new (config: Record<string, boolean>) => { validate(prompt: string): Promise<GuardResponse> };
}

export const llmGuard: PeerAdapter = {
  name: 'llm-guard',
  version: '0.1.9',
  packageName: 'llm-guard',
  async load() {
    const spec: string = 'llm-guard';
    const mod = (await import(spec)) as LlmGuardModule & { default?: LlmGuardModule };
    const LLMGuard = mod.LLMGuard ?? mod.default?.LLMGuard;
    const guard = new LLMGuard({
      jailbreak: true,
      promptInjection: true,
      pii: false,
      profanity: false,
      relevance: false,
      toxicity: false,
    });
    return async (text) => {
      const r = await guard.validate(text);
      return { flagged: !r.isValid, score: 1 - r.score };
    };
  },
};
