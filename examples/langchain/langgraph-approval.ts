// LangGraph + rampart/langchain/langgraph, offline: the model's send_email call needs a person's approval
// (a Cedar @approval policy), so the graph interrupts; resuming with { approved: true } runs the tool.
// Run: npx tsx examples/langchain/langgraph-approval.ts
import { AIMessage, HumanMessage, ToolMessage, isAIMessage } from '@langchain/core/messages';
import { Command, END, MemorySaver, MessagesAnnotation, START, StateGraph } from '@langchain/langgraph';
import { createToolFirewall } from 'rampart';
import { rampartApprovalNode } from 'rampart/langchain/langgraph';

const firewall = createToolFirewall({
  tools: {
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
  policies: '@approval("required") permit(principal, action, resource == Tool::"send_email");',
});

const graph = new StateGraph(MessagesAnnotation)
  .addNode('agent', () => ({
    messages: [
      new AIMessage({
        content: '',
        tool_calls: [{ id: 'c1', name: 'send_email', args: { to: 'bob@globex.example', body: 'Hi Bob!' } }],
      }),
    ],
  }))
  .addNode('rampart', rampartApprovalNode({ firewall }))
  .addNode('tools', (s: typeof MessagesAnnotation.State) => ({
    messages: (s.messages.findLast(isAIMessage)?.tool_calls ?? []).map(
      (c) => new ToolMessage({ tool_call_id: c.id ?? '', content: `sent to ${String(c.args.to)}` }),
    ),
  }))
  .addEdge(START, 'agent')
  .addEdge('agent', 'rampart')
  .addEdge('rampart', 'tools')
  .addEdge('tools', END)
  .compile({ checkpointer: new MemorySaver() });

const config = { configurable: { thread_id: 'demo' } };
const first = await graph.invoke({ messages: [new HumanMessage('Email Bob to say hi.')] }, config);
const pending = (first as { __interrupt__?: Array<{ value: unknown }> }).__interrupt__;
console.log('interrupted for:', JSON.stringify(pending?.[0]?.value));
const done = await graph.invoke(new Command({ resume: { approved: true } }), config);
console.log('tool result:', done.messages.at(-1)?.content);
