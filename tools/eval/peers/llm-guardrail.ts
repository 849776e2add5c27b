// Peer: llm_guardrail (npm). Bundled TF-IDF + logistic-regression classifiers, read from JSON files inside
// the package. Documented API: `checkInjection(prompt)` and `checkJailbreak(prompt)`, each resolving to
// `{ detected, confidence }`. Its third model, `checkMalicious`, flags harmful requests rather than
// injections or jailbreaks, so it is left out (the README's `checkAll` would add it).
import type { PeerAdapter } from './adapter.js';

interface Check {
  detected: boolean;
  confidence: number;
}
interface LlmGuardrail {
  checkInjection(prompt: string): Promise<Check>;
  checkJailbreak(prompt: string): Promise<Check>;
}

export const llmGuardrail: PeerAdapter = {
  name: 'llm_guardrail',
  version: '2.1.2',
  packageName: 'llm_guardrail',
  async load() {
    const spec: string = 'llm_guardrail'; // the package ships no type declarations
    const lib = (await import(spec)) as LlmGuardrail;
    return async (text) => {
      const [inj, jb] = await Promise.all([lib.checkInjection(text), lib.checkJailbreak(text)]);
      // `confidence` is the threat probability of each model.
      return { flagged: inj.detected || jb.detected, score: Math.max(inj.confidence, jb.confidence) };
    };
  },
};
