// Structured output through the gateway, with the real openai SDK and a real upstream server in the test:
// a valid answer passes, an invalid one is repaired once, invalid twice is 422 rampart_schema_violation, a
// stream holds back its end until the check passed, tool-call arguments are checked against the tool's
// parameters, and a hostile schema is a 400 before anything goes upstream.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseGatewayConfig } from '../../../src/gateway/config.js';
import { startGateway, type RunningGateway } from '../../../src/gateway/server.js';
import { startFakeUpstream, type FakeUpstream } from '../../helpers/openai-upstream.js';
import { checksummed } from '../../scanners/secrets-samples.js';

let upstream: FakeUpstream;
let gw: RunningGateway;
let noRepair: RunningGateway;
let client: OpenAI;
let clientNoRepair: OpenAI;

const SCHEMA = {
  type: 'object',
  properties: { city: { type: 'string' }, temperature_c: { type: 'number' } },
  required: ['city', 'temperature_c'],
  additionalProperties: false,
};
const responseFormat = (schema: unknown = SCHEMA): OpenAI.ResponseFormatJSONSchema => ({
  type: 'json_schema',
  json_schema: { name: 'weather', schema: schema as Record<string, unknown>, strict: true },
});
const ask = (
  extra: Partial<OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming> = {},
): OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming => ({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user' as const, content: 'Weather in Oslo as JSON.' }],
  response_format: responseFormat(),
  ...extra,
});
const VALID = '{"city":"Oslo","temperature_c":4.5}';

async function start(extra: string): Promise<RunningGateway> {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-struct-'));
  return startGateway(
    parseGatewayConfig(
      `upstreams:
  - { name: fake, base_url: "${upstream.url}", api_key_env: TEST_UPSTREAM_KEY, models: ["*"], retries: 0 }
keys: { file: keys.json }
audit: { enabled: false }
telemetry: { log_level: silent }
${extra}`,
      'struct-test',
      dir,
    ),
    { port: 0 },
  );
}

beforeAll(async () => {
  upstream = await startFakeUpstream();
  process.env.TEST_UPSTREAM_KEY = 'sk-test-upstream';
  gw = await start('');
  noRepair = await start('structured_output: { repair_attempts: 0 }');
  client = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: 'x', maxRetries: 0 });
  clientNoRepair = new OpenAI({ baseURL: `${noRepair.url}/v1`, apiKey: 'x', maxRetries: 0 });
});
afterEach(() => {
  upstream.script.length = 0;
  upstream.requests.length = 0;
});
afterAll(async () => {
  await gw?.close();
  await noRepair?.close();
  await upstream?.close();
});

async function apiError(p: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  try {
    await p;
  } catch (e) {
    if (e instanceof OpenAI.APIError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('response_format json_schema (JSON answers)', () => {
  it('passes an answer that matches the schema, with one upstream call', async () => {
    upstream.script.push({ chunks: [VALID] });
    const r = await client.chat.completions.create(ask());
    expect(JSON.parse(r.choices[0]!.message.content!)).toEqual({ city: 'Oslo', temperature_c: 4.5 });
    expect(upstream.requests).toHaveLength(1);
  });

  it('repairs an invalid answer with one more upstream call that lists what was wrong', async () => {
    upstream.script.push({ chunks: ['{"city":"Oslo","temp":"cold"}'] }, { chunks: [VALID] });
    const r = await client.chat.completions.create(ask());
    expect(r.choices[0]!.message.content).toBe(VALID);
    expect(upstream.requests).toHaveLength(2);
    const repair = upstream.requests[1]!.body.messages;
    expect(repair.at(-2)).toEqual({ role: 'assistant', content: '{"city":"Oslo","temp":"cold"}' });
    const note = repair.at(-1)!;
    expect(note.role).toBe('user');
    expect(note.content).toContain("content: must have required property 'temperature_c'");
    expect(note.content).toContain("content: must NOT have property 'temp'");
    // Both calls count: the usage covers them.
    expect(r.usage?.total_tokens).toBe(30);
  });

  it('sends the invalid answer back for repair with the masks of the output guard, never a secret in clear', async () => {
    const token = checksummed('ghp');
    upstream.script.push({ chunks: [`{"city":"${token}"}`] }, { chunks: [VALID] });
    await client.chat.completions.create(ask());
    const sent = JSON.stringify(upstream.requests[1]!.body.messages);
    expect(sent).not.toContain(token);
    expect(sent).toContain('[REDACTED:GITHUB_TOKEN]');
  });

  it('answers 422 rampart_schema_violation when the repair fails too (never a 200 with invalid JSON)', async () => {
    upstream.script.push({ chunks: ['Sure! Oslo is cold.'] }, { chunks: ['{"city":"Oslo"}'] });
    const e = await apiError(client.chat.completions.create(ask()));
    expect(e.status).toBe(422);
    expect(e.code).toBe('rampart_schema_violation');
    expect(e.type).toBe('rampart_schema_violation');
    expect(e.message).toContain(
      "after a repair attempt: content: must have required property 'temperature_c'",
    );
    expect(e.headers?.get('x-rampart-decision')).toMatch(/^[0-9a-f-]{36}$/);
    expect(upstream.requests).toHaveLength(2);
  });

  it('makes no repair request with repair_attempts: 0', async () => {
    upstream.script.push({ chunks: ['not json'] }, { chunks: [VALID] });
    const e = await apiError(clientNoRepair.chat.completions.create(ask()));
    expect(e.status).toBe(422);
    expect(e.message).toContain('content: is not valid JSON');
    expect(upstream.requests).toHaveLength(1);
  });

  it('leaves a request without json_schema alone (json_object, text)', async () => {
    upstream.script.push({ chunks: ['not json'] }, { chunks: ['plain'] });
    const a = await client.chat.completions.create({
      ...ask(),
      response_format: { type: 'json_object' },
    });
    expect(a.choices[0]!.message.content).toBe('not json');
    const b = await client.chat.completions.create({ ...ask(), response_format: undefined });
    expect(b.choices[0]!.message.content).toBe('plain');
  });
});

describe('config', () => {
  it('is on by default, and repair_attempts is 0 or 1', () => {
    expect(parseGatewayConfig('version: 1', 't', '/').structured_output).toEqual({
      enabled: true,
      tool_arguments: true,
      repair_attempts: 1,
      timeout_ms: 5000,
    });
    expect(() => parseGatewayConfig('structured_output: { repair_attempts: 2 }', 't', '/')).toThrow(
      /repair_attempts/,
    );
  });

  it('checks nothing with enabled: false', async () => {
    const off = await start('structured_output: { enabled: false }');
    try {
      upstream.script.push({ chunks: ['not json'] });
      const c = new OpenAI({ baseURL: `${off.url}/v1`, apiKey: 'x', maxRetries: 0 });
      const r = await c.chat.completions.create(ask());
      expect(r.choices[0]!.message.content).toBe('not json');
    } finally {
      await off.close();
    }
  });
});

describe('caller schemas are checked before anything goes upstream', () => {
  const refused = async (schema: unknown, pattern: RegExp) => {
    const e = await apiError(
      client.chat.completions.create(ask({ response_format: responseFormat(schema) })),
    );
    expect(e.status).toBe(400);
    expect(e.code).toBe('schema_invalid');
    expect(e.param).toBe('response_format.json_schema.schema');
    expect(e.message).toMatch(pattern);
  };

  it('refuses invalid and hostile schemas with a clear 400', async () => {
    await refused({ type: 'object', propertees: {} }, /unknown keyword: "propertees"/);
    await refused({ type: 'string', pattern: '^(a|aa)+$' }, /may backtrack catastrophically/);
    await refused({ $ref: 'http://169.254.169.254/latest' }, /can't resolve reference/);
    let deep: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 40; i++) deep = { type: 'array', items: deep };
    await refused(deep, /deeper than 32 levels/);
    await refused({ type: 'object', description: 'x'.repeat(70_000) }, /over 65536 bytes/);
    expect(upstream.requests).toHaveLength(0);
  });

  it('names the tool whose parameters are refused', async () => {
    const e = await apiError(
      client.chat.completions.create({
        ...ask({ response_format: undefined }),
        tools: [
          { type: 'function', function: { name: 'ok', parameters: { type: 'object' } } },
          { type: 'function', function: { name: 'bad', parameters: { type: 'object', required: 'x' } } },
        ],
      }),
    );
    expect(e.status).toBe(400);
    expect(e.param).toBe('tools[1].function.parameters');
    expect(upstream.requests).toHaveLength(0);
  });
});

describe('a schema whose validation is exponential', () => {
  it('is stopped at structured_output.timeout_ms (422), while the gateway keeps answering', async () => {
    const slow = await start('structured_output: { timeout_ms: 1000 }');
    try {
      // Each level tries its child twice through anyOf: 2^40 evaluations for data nested 40 deep.
      const $defs: Record<string, unknown> = { d0: { type: 'array', items: { type: 'number' } } };
      for (let i = 1; i <= 40; i++)
        $defs[`d${i}`] = {
          anyOf: [
            { $ref: `#/$defs/d${i - 1}` },
            { type: 'object', properties: { a: { $ref: `#/$defs/d${i - 1}` } } },
          ],
        };
      upstream.script.push({ chunks: ['{"a":'.repeat(40) + '["x"]' + '}'.repeat(40)] });
      const c = new OpenAI({ baseURL: `${slow.url}/v1`, apiKey: 'x', maxRetries: 0 });
      const order: string[] = [];
      const chat = apiError(
        c.chat.completions.create(ask({ response_format: responseFormat({ $defs, $ref: '#/$defs/d40' }) })),
      ).then((e) => {
        order.push('chat');
        return e;
      });
      await new Promise((r) => setTimeout(r, 200));
      const health = await fetch(`${slow.url}/healthz`);
      order.push('healthz');
      expect(health.status).toBe(200);
      const e = await chat;
      expect(order).toEqual(['healthz', 'chat']);
      expect(e.status).toBe(422);
      expect(e.code).toBe('rampart_schema_violation');
      expect(e.message).toContain('the schema check did not finish within 1000 ms');
      expect(upstream.requests).toHaveLength(1); // no repair: another answer would not be cheaper to check
    } finally {
      await slow.close();
    }
  }, 30_000);
});

describe('tool-call arguments', () => {
  const tools: OpenAI.Chat.Completions.ChatCompletionTool[] = [
    {
      type: 'function',
      function: {
        name: 'get_weather',
        parameters: {
          type: 'object',
          properties: { city: { type: 'string', minLength: 1 } },
          required: ['city'],
          additionalProperties: false,
        },
      },
    },
  ];
  const withTools = () => ({ ...ask({ response_format: undefined }), tools });

  it('passes a call that matches its tool, and repairs one that does not', async () => {
    upstream.script.push({ toolCalls: [{ id: 'c1', name: 'get_weather', arguments: '{"city":"Oslo"}' }] });
    const a = await client.chat.completions.create(withTools());
    expect(a.choices[0]!.message.tool_calls?.[0]).toMatchObject({
      function: { arguments: '{"city":"Oslo"}' },
    });

    upstream.script.push(
      { toolCalls: [{ id: 'c1', name: 'get_weather', arguments: '{"town":"Oslo"}' }] },
      { toolCalls: [{ id: 'c2', name: 'get_weather', arguments: '{"city":"Oslo"}' }] },
    );
    const b = await client.chat.completions.create(withTools());
    expect(b.choices[0]!.message.tool_calls?.[0]?.id).toBe('c2');
    const repair = upstream.requests.at(-1)!.body.messages;
    expect(repair.at(-2)).toMatchObject({ role: 'tool', tool_call_id: 'c1' });
    expect(repair.at(-1)!.content).toContain("tool_calls[0].arguments: must have required property 'city'");
  });

  it('masks a secret in the arguments it sends back for repair', async () => {
    const token = checksummed('ghp');
    upstream.script.push(
      { toolCalls: [{ id: 'c1', name: 'get_weather', arguments: `{"town":"${token}"}` }] },
      { toolCalls: [{ id: 'c2', name: 'get_weather', arguments: '{"city":"Oslo"}' }] },
    );
    await client.chat.completions.create(withTools());
    const sent = JSON.stringify(upstream.requests.at(-1)!.body.messages);
    expect(sent).not.toContain(token);
    expect(sent).toContain('[REDACTED:GITHUB_TOKEN]');
  });

  it('checks the function tools of /v1/responses the same way', async () => {
    upstream.script.push({ toolCalls: [{ id: 'c1', name: 'get_weather', arguments: '{"city":""}' }] });
    const e = await apiError(
      clientNoRepair.responses.create({
        model: 'gpt-4o-mini',
        input: 'Weather in Oslo?',
        tools: [
          {
            type: 'function',
            name: 'get_weather',
            strict: true,
            parameters: {
              type: 'object',
              properties: { city: { type: 'string', minLength: 1 } },
              required: ['city'],
              additionalProperties: false,
            },
          },
        ],
      }),
    );
    expect(e.status).toBe(422);
    expect(e.message).toContain('tool_calls[0].arguments/city: must NOT have fewer than 1 characters');
  });

  it('refuses a call to a function the request did not declare, and arguments that are not JSON', async () => {
    upstream.script.push({ toolCalls: [{ id: 'c1', name: 'rm_rf', arguments: '{}' }] });
    const e = await apiError(clientNoRepair.chat.completions.create(withTools()));
    expect(e.status).toBe(422);
    expect(e.message).toContain("tool_calls[0]: calls 'rm_rf', which is not a tool of this request");
    upstream.script.push({ toolCalls: [{ id: 'c1', name: 'get_weather', arguments: '{"city":' }] });
    const f = await apiError(clientNoRepair.chat.completions.create(withTools()));
    expect(f.message).toContain('tool_calls[0].arguments: is not valid JSON');
  });
});

describe('streams', () => {
  async function collect(stream: AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>) {
    let text = '';
    let finish: string | null = null;
    for await (const c of stream) {
      text += c.choices[0]?.delta?.content ?? '';
      finish = c.choices[0]?.finish_reason ?? finish;
    }
    return { text, finish };
  }

  it('streams a valid answer whole', async () => {
    upstream.script.push({ chunks: ['{"city":', '"Oslo",', '"temperature_c":', '4.5}'] });
    const r = await collect(await client.chat.completions.create({ ...ask(), stream: true }));
    expect(r).toEqual({ text: VALID, finish: 'stop' });
  });

  it('holds back the end of an invalid answer and ends with rampart_schema_violation', async () => {
    upstream.script.push({ chunks: ['{"city":', '"Oslo",', '"temperature_c":', '"warm"}\n'] });
    const seen: string[] = [];
    const e = await apiError(
      (async () => {
        const s = await client.chat.completions.create({ ...ask(), stream: true });
        for await (const c of s) seen.push(c.choices[0]?.delta?.content ?? '');
      })(),
    );
    expect(e.code).toBe('rampart_schema_violation');
    expect(e.message).toContain('content/temperature_c: must be number');
    // The closing brace never left: what the client got is not a complete JSON document.
    const sent = seen.join('');
    expect(sent.length).toBeGreaterThan(0);
    expect(sent).not.toContain('}');
    expect(() => JSON.parse(sent) as unknown).toThrow(SyntaxError);
    expect(upstream.requests).toHaveLength(1); // no repair for a stream
  });

  it('checks streamed tool calls before they are sent', async () => {
    upstream.script.push({ toolCalls: [{ id: 'c1', name: 'nope', arguments: '{}' }] });
    const e = await apiError(
      (async () => {
        const s = await client.chat.completions.create({
          ...ask({ response_format: undefined }),
          tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }],
          stream: true,
        });
        for await (const c of s) expect(c.choices[0]?.delta?.tool_calls).toBeUndefined();
      })(),
    );
    expect(e.code).toBe('rampart_schema_violation');
  });
});

describe('close()', () => {
  it('stops the schema-check thread, so a process that closes its gateway exits', () => {
    // Before the fix the thread outlived close() and kept an embedded gateway's process alive (the
    // examples/rag pipeline never exited). The child is killed after 30 s if it hangs.
    const src = new URL('../../../src/gateway/', import.meta.url).pathname;
    const script = `
      import { startGateway } from '${src}server.ts';
      import { defaultGatewayConfig } from '${src}config.ts';
      const config = defaultGatewayConfig();
      const gw = await startGateway({ ...config, audit: { ...config.audit, enabled: false },
        telemetry: { ...config.telemetry, log_level: 'silent' } }, { port: 0 });
      const res = await fetch(gw.url + '/v1/chat/completions', { method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'rampart-local', messages: [{ role: 'user', content: 'Reply with exactly \`{"a":1}\`' }],
          response_format: { type: 'json_schema', json_schema: { name: 'a', schema: { type: 'object' } } } }) });
      console.log(res.status, (await res.json()).choices[0].message.content);
      await gw.close();`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 30_000,
      killSignal: 'SIGKILL',
    });
    expect(out.trim()).toBe('200 {"a":1}');
  }, 40_000);
});
