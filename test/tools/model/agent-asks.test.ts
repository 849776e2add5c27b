import { describe, expect, it } from 'vitest';
import { agentAsk, readerRequest } from '../../../tools/model/agent-asks.js';
import { mulberry32 } from '../../../src/model/prng.js';

const VERBS =
  /\b(?:grant|give|transfer|wire|send|forward|upload|post|delete|update|change|reset|add|approve|run|include|tell|open|disable)\b/iu;

describe('tool-actionable asks', () => {
  it('are deterministic for a seed', () => {
    const a = mulberry32(5);
    const b = mulberry32(5);
    for (let i = 0; i < 20; i++) {
      expect(agentAsk(a)).toBe(agentAsk(b));
      expect(readerRequest(a)).toBe(readerRequest(b));
    }
  });

  it('ask the agent and the human reader for the same kinds of action; only the agent asks name a model or claim authority', () => {
    const rng = mulberry32(9);
    const addressee =
      /\b(?:ai|assistant|agent|language model|chatbot|copilot|system|tool call|ignore the user)\b|<!--/iu;
    for (let i = 0; i < 200; i++) {
      const a = agentAsk(rng);
      const r = readerRequest(rng);
      expect(a).toMatch(VERBS);
      expect(r).toMatch(VERBS);
      expect(r).not.toMatch(addressee);
      if (!/before answering the user/iu.test(a)) expect(a).toMatch(addressee);
    }
  });
});
