// The gateway's tool firewall with an approval queue (firewall config `approvals`): a call that needs a person
// holds the chat answer until someone approves or denies it in the dashboard's approvals panel API; approved, the
// tool call reaches the client; denied, the answer is withheld (content_filter). Without a queue the same call is
// withheld at once (tool-firewall.test.ts).
import type OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../src/gateway/server.js';
import { startFirewallGateway } from '../helpers/firewall-gateway.js';
import type { FakeUpstream } from '../helpers/openai-upstream.js';

let upstream: FakeUpstream;
let gw: RunningGateway;
let client: OpenAI;

const FIREWALL = `
tools:
  unlock_door:
    schema: { type: object, properties: { door: { type: string } }, required: [door] }
    risk: write
policies:
  text: |
    @approval("required")
    permit(principal, action, resource == Tool::"unlock_door");
approvals: { timeoutMs: 30000 }
`;

const tools: OpenAI.Chat.Completions.ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'unlock_door',
      parameters: { type: 'object', properties: { door: { type: 'string' } } },
    },
  },
];

beforeAll(async () => {
  ({ upstream, gw, client } = await startFirewallGateway(
    FIREWALL,
    'version: 1\nstages:\n  input: { scanners: [injection-rules] }\n  tool_call: { scanners: [secrets] }\nactions: { prompt_injection: block }\n',
  ));
});
afterAll(async () => {
  await gw?.close();
  await upstream?.close();
});

interface Pending {
  id: string;
  tool: string;
  args: { door?: string };
}

/** Polls the dashboard's approvals API until one call is pending. */
async function pendingOne(): Promise<Pending> {
  for (let i = 0; i < 200; i++) {
    const r = (await (await fetch(`${gw.url}/api/dashboard/approvals`)).json()) as {
      enabled: boolean;
      pending: Pending[];
    };
    expect(r.enabled).toBe(true);
    if (r.pending.length > 0) return r.pending[0]!;
    await new Promise((res) => setTimeout(res, 25));
  }
  throw new Error('no approval became pending');
}

const answer = (id: string, verb: 'approve' | 'deny') =>
  fetch(`${gw.url}/api/dashboard/approvals/${id}/${verb}`, {
    method: 'POST',
    headers: { 'x-rampart-dashboard': '1' },
  });

function ask(): Promise<OpenAI.Chat.Completions.ChatCompletion> {
  upstream.script.push({
    toolCalls: [{ id: 't1', name: 'unlock_door', arguments: '{"door":"front"}' }],
  });
  return client.chat.completions.create({
    model: 'gpt-4o-mini',
    tools,
    messages: [{ role: 'user', content: 'Unlock the front door please.' }],
  });
}

describe('gateway approvals through the dashboard', () => {
  it('holds the answer until a person approves, then the tool call goes through', async () => {
    const res = ask();
    const p = await pendingOne();
    expect(p).toMatchObject({ tool: 'unlock_door', args: { door: 'front' } });
    expect((await answer(p.id, 'approve')).status).toBe(200);
    const done = await res;
    expect(done.choices[0]!.finish_reason).toBe('tool_calls');
    expect(done.choices[0]!.message.tool_calls).toHaveLength(1);
  });

  it('a denial withholds the answer (content_filter)', async () => {
    const res = ask();
    const p = await pendingOne();
    expect((await answer(p.id, 'deny')).status).toBe(200);
    const done = await res;
    expect(done.choices[0]!.finish_reason).toBe('content_filter');
    expect(done.choices[0]!.message.tool_calls ?? []).toEqual([]);
  });

  it('a stream waits the same way: approved, the tool call is streamed', async () => {
    upstream.script.push({
      toolCalls: [{ id: 't2', name: 'unlock_door', arguments: '{"door":"back"}' }],
    });
    const stream = client.chat.completions.create({
      model: 'gpt-4o-mini',
      tools,
      stream: true,
      messages: [{ role: 'user', content: 'Unlock the back door please.' }],
    });
    const collected = (async () => {
      const finishes: (string | null)[] = [];
      let args = '';
      for await (const chunk of await stream) {
        const c = chunk.choices[0];
        if (c?.finish_reason) finishes.push(c.finish_reason);
        for (const t of c?.delta.tool_calls ?? []) args += t.function?.arguments ?? '';
      }
      return { finishes, args };
    })();
    const p = await pendingOne();
    expect(p.args).toEqual({ door: 'back' });
    expect((await answer(p.id, 'approve')).status).toBe(200);
    const { finishes, args } = await collected;
    expect(finishes).toEqual(['tool_calls']);
    expect(JSON.parse(args)).toEqual({ door: 'back' });
  });
});
