// rampart/langchain/langgraph with the real @langchain/langgraph: a StateGraph on MessagesAnnotation,
// agent → rampart approval node → tools, a MemorySaver checkpointer; the interrupt is resumed with Command.
import { AIMessage, HumanMessage, ToolMessage, isAIMessage } from '@langchain/core/messages';
import { Command, END, MemorySaver, MessagesAnnotation, START, StateGraph } from '@langchain/langgraph';
import { describe, expect, it } from 'vitest';
import { createToolFirewall } from '../../../src/agent/firewall/create-tool-firewall.js';
import { rampartApprovalNode } from '../../../src/integrations/langchain/langgraph.js';

const firewall = () =>
  createToolFirewall({
    tools: {
      web_fetch: { schema: { type: 'object', properties: { url: { type: 'string' } } }, risk: 'read' },
      send_email: {
        schema: {
          type: 'object',
          properties: { to: { type: 'string' }, body: { type: 'string' } },
          required: ['to', 'body'],
        },
        sensitive: { to: 'recipient' },
        risk: 'external',
      },
    },
    policies: `
      @id("fetch") permit(principal, action, resource == Tool::"web_fetch");
      @id("email-needs-approval") @approval("required") permit(principal, action, resource == Tool::"send_email");`,
  });

function graph(calls: Array<{ name: string; args: Record<string, unknown> }>, ran: string[]) {
  return new StateGraph(MessagesAnnotation)
    .addNode('agent', () => ({
      messages: [
        new AIMessage({ id: 'a1', content: '', tool_calls: calls.map((c, i) => ({ ...c, id: `t${i}` })) }),
      ],
    }))
    .addNode('rampart', rampartApprovalNode({ firewall: firewall() }))
    .addNode('tools', (state: typeof MessagesAnnotation.State) => {
      const last = state.messages.findLast(isAIMessage)!;
      return {
        messages: (last.tool_calls ?? []).map((c) => {
          ran.push(c.name);
          return new ToolMessage({ tool_call_id: c.id!, content: 'done' });
        }),
      };
    })
    .addEdge(START, 'agent')
    .addEdge('agent', 'rampart')
    .addEdge('rampart', 'tools')
    .addEdge('tools', END)
    .compile({ checkpointer: new MemorySaver() });
}

const email = { name: 'send_email', args: { to: 'bob@globex.example', body: 'hi' } };

describe('rampartApprovalNode', () => {
  it('lets an allowed call through untouched', async () => {
    const ran: string[] = [];
    await graph([{ name: 'web_fetch', args: { url: 'https://globex.example' } }], ran).invoke(
      { messages: [new HumanMessage('Fetch the page.')] },
      { configurable: { thread_id: 'a' } },
    );
    expect(ran).toEqual(['web_fetch']);
  });

  it('interrupts on require_approval; an approval resumes and the tool runs', async () => {
    const ran: string[] = [];
    const g = graph([email], ran);
    const cfg = { configurable: { thread_id: 'b' } };
    const first = await g.invoke(
      { messages: [new HumanMessage('Email bob@globex.example to say hi.')] },
      cfg,
    );
    expect(ran).toEqual([]);
    const interrupts = (first as { __interrupt__?: Array<{ value: unknown }> }).__interrupt__ ?? [];
    expect(interrupts.map((i) => i.value)).toEqual([
      {
        type: 'rampart_approval',
        tool: 'send_email',
        args: email.args,
        reason: expect.stringContaining('send_email'),
      },
    ]);
    await g.invoke(new Command({ resume: { approved: true } }), cfg);
    expect(ran).toEqual(['send_email']);
  });

  it('a refusal removes the call and answers it with an error ToolMessage', async () => {
    const ran: string[] = [];
    const g = graph([email, { name: 'web_fetch', args: { url: 'https://globex.example' } }], ran);
    const cfg = { configurable: { thread_id: 'c' } };
    await g.invoke({ messages: [new HumanMessage('Email bob@globex.example to say hi.')] }, cfg);
    const end = await g.invoke(new Command({ resume: { approved: false } }), cfg);
    expect(ran).toEqual(['web_fetch']);
    const refusal = end.messages.find(
      (m) => m.getType() === 'tool' && String(m.content).startsWith('Rampart refused'),
    );
    expect((refusal as ToolMessage | undefined)?.tool_call_id).toBe('t0');
    const ai = end.messages.find((m) => m.id === 'a1') as AIMessage;
    expect(ai.tool_calls?.map((c) => c.name)).toEqual(['web_fetch']);
  });

  it('denies an unknown tool without asking anyone', async () => {
    const ran: string[] = [];
    const end = await graph([{ name: 'drop_database', args: {} }], ran).invoke(
      { messages: [new HumanMessage('hi')] },
      { configurable: { thread_id: 'd' } },
    );
    expect(ran).toEqual([]);
    expect((end as { __interrupt__?: unknown }).__interrupt__).toBeUndefined();
    expect(end.messages.some((m) => String(m.content).startsWith('Rampart refused'))).toBe(true);
  });
});
