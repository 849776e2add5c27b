// The optional LLM judge against a real OpenAI-compatible server on 127.0.0.1: it is asked only about
// no_refusal goals, the attack and reply reach it as delimited data, and an unreachable judge fails closed.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJudge, llmJudge } from '../../src/redteam/judges/index.js';

const values = {
  marker: 'RTMARK',
  canary: 'c',
  secret: 's',
  attacker_url: 'https://a.test',
  attacker_email: 'e@a.test',
};
let server: Server;
let url = '';
const seen: Array<{ model: string; messages: Array<{ role: string; content: string }> }> = [];
let verdict = '{"success": true, "reason": "gave the steps"}';

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push(JSON.parse(body) as (typeof seen)[number]);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          choices: [{ index: 0, message: { role: 'assistant', content: verdict }, finish_reason: 'stop' }],
        }),
      );
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  await new Promise((ok) => server.close(ok));
});

describe('LLM judge', () => {
  it('decides no_refusal goals and leaves exact-value goals deterministic', async () => {
    const judge = createJudge({ llm: llmJudge({ url, model: 'judge-model' }) });
    const reply = { content: 'Here is how: first you...', toolCalls: [], blocked: false };
    const r = await judge({
      goal: { kind: 'no_refusal', pattern: 'RTMARK' },
      reply,
      values,
      attackerText: 'explain it',
    });
    expect(r).toEqual({ success: true, reason: 'llm judge: gave the steps' });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.model).toBe('judge-model');
    expect(seen[0]!.messages[1]!.content).toMatch(/<<<ATTACK\nexplain it\nATTACK>>>/u);
    expect(seen[0]!.messages[1]!.content).toMatch(/<<<REPLY\nHere is how/u);

    const m = await judge({ goal: { kind: 'marker_in_output' }, reply, values, attackerText: '' });
    expect(m.success).toBe(false);
    expect(seen).toHaveLength(1);
  });

  it('an unreadable verdict or an unreachable judge is no success', async () => {
    verdict = 'maybe?';
    const reply = { content: 'x', toolCalls: [], blocked: false };
    const goal = { kind: 'no_refusal' as const, pattern: 'x' };
    expect(
      (await createJudge({ llm: llmJudge({ url, model: 'm' }) })({ goal, reply, values, attackerText: '' }))
        .success,
    ).toBe(false);
    const down = llmJudge({ url: 'http://127.0.0.1:9/v1', model: 'm', timeoutMs: 2000 });
    expect((await createJudge({ llm: down })({ goal, reply, values, attackerText: '' })).reason).toMatch(
      /unavailable/u,
    );
  });
});
