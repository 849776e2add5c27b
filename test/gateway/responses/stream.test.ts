// The chat-stream → Responses-events translation on its own: event order and shapes, a stopped stream
// (content_filter), a cut one (length), an error frame, an early return that returns the chat frames too,
// and arbitrary frames that never make it throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sseData } from '../../../src/gateway/chat/sse-response.js';
import { responsesEvents } from '../../../src/gateway/responses/stream.js';

const meta = { id: 'resp_abc', model: 'm', createdAt: 1 };

async function* framesOf(values: Array<unknown>): AsyncGenerator<string, void, void> {
  for (const v of values) yield v === '[DONE]' ? 'data: [DONE]\n\n' : sseData(v);
}
const delta = (
  d: Record<string, unknown>,
  finish: string | null = null,
  extra: Record<string, unknown> = {},
) => ({
  choices: [{ index: 0, delta: d, finish_reason: finish }],
  ...extra,
});

async function collect(gen: AsyncGenerator<string, void, void>) {
  const out: Array<{ event: string; data: Record<string, unknown> & { type: string } }> = [];
  for await (const f of gen) {
    const [head, body] = f.split('\n');
    out.push({ event: head!.slice('event: '.length), data: JSON.parse(body!.slice(6)) });
  }
  return out;
}

describe('responsesEvents', () => {
  it('turns text and checked tool calls into message and function_call items, then response.completed', async () => {
    const events = await collect(
      responsesEvents(
        framesOf([
          delta({ role: 'assistant', content: '' }),
          delta({ content: 'Hel' }),
          delta({ content: 'lo' }),
          delta({ tool_calls: [{ index: 0, id: 'c1', function: { name: 'f', arguments: '{"a":1}' } }] }),
          delta({}, 'tool_calls'),
          { choices: [], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } },
          '[DONE]',
        ]),
        meta,
      ),
    );
    expect(events.every((e) => e.event === e.data.type)).toBe(true);
    expect(events.map((e) => e.data.sequence_number)).toEqual(events.map((_, i) => i));
    expect(events.map((e) => e.event)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]);
    const done = events.at(-1)!.data as unknown as { response: Record<string, unknown> };
    expect(done.response).toMatchObject({
      id: 'resp_abc',
      object: 'response',
      status: 'completed',
      output: [
        { type: 'message', status: 'completed', content: [{ type: 'output_text', text: 'Hello' }] },
        { type: 'function_call', call_id: 'c1', name: 'f', arguments: '{"a":1}', status: 'completed' },
      ],
      usage: { input_tokens: 3, output_tokens: 2, total_tokens: 5 },
    });
  });

  it('a stream the guard stopped ends in response.incomplete (content_filter) with the decision', async () => {
    const rampart = { decision: 'd1', stage: 'output', action: 'block', categories: ['leak.system_prompt'] };
    const events = await collect(
      responsesEvents(
        framesOf([
          delta({ role: 'assistant', content: '' }),
          delta({ content: 'Sure: ' }),
          delta({}, 'content_filter', { rampart }),
          '[DONE]',
        ]),
        meta,
      ),
    );
    const last = events.at(-1)!;
    expect(last.event).toBe('response.incomplete');
    expect(last.data).toMatchObject({
      response: {
        status: 'incomplete',
        incomplete_details: { reason: 'content_filter' },
        rampart,
        output: [{ type: 'message', status: 'incomplete', content: [{ text: 'Sure: ' }] }],
      },
    });
  });

  it('a stream cut at the token cap is incomplete (max_output_tokens)', async () => {
    const events = await collect(
      responsesEvents(framesOf([delta({ content: 'a' }), delta({}, 'length'), '[DONE]']), meta),
    );
    expect(events.at(-1)!.data).toMatchObject({
      type: 'response.incomplete',
      response: { incomplete_details: { reason: 'max_output_tokens' } },
    });
  });

  it('an error frame becomes an error event, and nothing follows it', async () => {
    const events = await collect(
      responsesEvents(
        framesOf([
          delta({ role: 'assistant', content: '' }),
          { error: { type: 'upstream_error', code: 'upstream_timeout', message: 'too slow', param: null } },
          '[DONE]',
        ]),
        meta,
      ),
    );
    expect(events.map((e) => e.event)).toEqual(['response.created', 'response.in_progress', 'error']);
    expect(events.at(-1)!.data).toMatchObject({ code: 'upstream_timeout', message: 'too slow', param: null });
  });

  it('returning early returns the chat frames (the chat stream settles as for a client that left)', async () => {
    let settled = false;
    async function* chat(): AsyncGenerator<string, void, void> {
      try {
        yield sseData(delta({ role: 'assistant', content: '' }));
        yield sseData(delta({ content: 'x' }));
        yield sseData(delta({ content: 'y' }));
      } finally {
        settled = true;
      }
    }
    const gen = responsesEvents(chat(), meta);
    await gen.next();
    await gen.return(undefined);
    expect(settled).toBe(true);
  });

  it('never throws on arbitrary frames, and numbers its events in order', async () => {
    const chunk = fc.record(
      {
        choices: fc.array(
          fc.record({
            delta: fc.record({ content: fc.option(fc.string()), tool_calls: fc.constant(undefined) }),
            finish_reason: fc.option(fc.constantFrom('stop', 'length', 'content_filter', 'tool_calls')),
          }),
          { maxLength: 1 },
        ),
        rampart: fc.anything(),
      },
      { requiredKeys: [] },
    );
    const frame = fc.oneof(chunk.map(sseData), fc.string(), fc.constant('data: [DONE]\n\n'));
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { maxLength: 12 }), async (frames) => {
        async function* gen(): AsyncGenerator<string, void, void> {
          yield* frames;
        }
        const events = await collect(responsesEvents(gen(), meta));
        expect(events.map((e) => e.data.sequence_number)).toEqual(events.map((_, i) => i));
      }),
    );
  });
});
