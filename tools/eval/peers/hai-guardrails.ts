// Peer: @presidio-dev/hai-guardrails (1.11.1; 1.12.0 crashes). Its README quick start, verbatim:
// `injectionGuard({ roles: ['user'] }, { mode: 'heuristic', threshold: 0.7 })` run by a `GuardrailsEngine`
// (the heuristic compares substrings with a list of known injection phrases). The 'language-model' mode
// needs an LLM and is not used. The package has no jailbreak guard.
import type { PeerAdapter } from './adapter.js';

interface MessageResult {
  passed: boolean;
  additionalFields?: { score?: unknown };
}
interface Hai {
  injectionGuard(opts: { roles: string[] }, extra: { mode: string; threshold: number }): unknown;
  GuardrailsEngine: new (opts: { guards: unknown[]; logLevel?: string }) => {
    run(messages: Array<{ role: string; content: string }>): Promise<{
      messagesWithGuardResult: Array<{ messages: MessageResult[] }>;
    }>;
  };
}

export const haiGuardrails: PeerAdapter = {
  name: '@presidio-dev/hai-guardrails',
  version: '1.11.1',
  packageName: '@presidio-dev/hai-guardrails',
  async load() {
    const spec: string = '@presidio-dev/hai-guardrails';
    const lib = (await import(spec)) as Hai;
    const guard = lib.injectionGuard({ roles: ['user'] }, { mode: 'heuristic', threshold: 0.7 });
    const engine = new lib.GuardrailsEngine({ guards: [guard] });
    return async (text) => {
      const out = await engine.run([{ role: 'user', content: text }]);
      let flagged = false;
      let score = 0;
      for (const g of out.messagesWithGuardResult) {
        for (const m of g.messages) {
          if (!m.passed) flagged = true;
          const s = m.additionalFields?.score;
          if (typeof s === 'number') score = Math.max(score, s);
        }
      }
      return { flagged, score };
    };
  },
};
