import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { RampartError } from '../../src/core/errors.js';
import { TelemetryConfig } from '../../src/telemetry/config.js';
import {
  setGenAiResponse,
  setRampartAttributes,
  setSpanError,
  startGenAiSpan,
} from '../../src/telemetry/span-attributes.js';
import { createTracing, parseOtlpHeaders, type Tracing } from '../../src/telemetry/tracing.js';

const PROMPT = 'PROMPT-TEXT-should-never-be-exported';
const opened: Tracing[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.shutdown();
});

function recordRequest(tracing: Tracing): void {
  const span = startGenAiSpan(tracing.tracer, {
    operation: 'chat',
    provider: 'openai',
    model: 'gpt-4o-mini',
    maxTokens: 256,
    stream: true,
  });
  setRampartAttributes(span, {
    decisionId: 'dec_1',
    inputAction: 'flag',
    outputAction: 'allow',
    categories: ['prompt_injection.override', 'prompt_injection.override', 'pii.email'],
    scannerMs: { 'injection-rules': 0.4, secrets: 0.2, [PROMPT + ' x']: 1 },
    keyId: 'key_1',
    tenant: 'acme',
    upstream: 'primary',
  });
  setGenAiResponse(span, {
    model: 'gpt-4o-mini-2024-07-18',
    id: 'chatcmpl-123',
    finishReasons: ['stop'],
    inputTokens: 12,
    outputTokens: 34,
  });
  span.end();
}

describe('createTracing', () => {
  it('records a GenAI request span with Rampart attributes (in-memory exporter)', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = await createTracing(TelemetryConfig.parse({ service_name: 'gw-test' }), { exporter });
    opened.push(tracing);
    expect(tracing.enabled).toBe(true);
    recordRequest(tracing);
    await tracing.forceFlush();
    const [span] = exporter.getFinishedSpans();
    expect(span?.name).toBe('chat gpt-4o-mini');
    expect(span?.resource.attributes['service.name']).toBe('gw-test');
    expect(span?.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.system': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.request.max_tokens': 256,
      'gen_ai.request.stream': true,
      'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
      'gen_ai.response.id': 'chatcmpl-123',
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': 12,
      'gen_ai.usage.output_tokens': 34,
      'rampart.decision.id': 'dec_1',
      'rampart.decision.action.input': 'flag',
      'rampart.decision.action.output': 'allow',
      'rampart.categories': ['prompt_injection.override', 'pii.email'],
      'rampart.scanner.injection-rules.ms': 0.4,
      'rampart.scanner.secrets.ms': 0.2,
      'rampart.key.id': 'key_1',
      'rampart.tenant': 'acme',
      'rampart.upstream': 'primary',
    });
    // A scanner name that is not an identifier never becomes part of an attribute key.
    expect(JSON.stringify(span?.attributes)).not.toContain(PROMPT);
  });

  it('marks a failed span with a stable code and never a free-text message', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = await createTracing(TelemetryConfig.parse({}), { exporter });
    opened.push(tracing);
    const a = startGenAiSpan(tracing.tracer, { operation: 'embeddings', model: 'text-embedding-3-small' });
    setSpanError(a, 'UPSTREAM_TIMEOUT');
    a.end();
    const b = tracing.tracer.startSpan('b');
    setSpanError(b, `upstream said: ${PROMPT}`);
    b.end();
    await tracing.forceFlush();
    const [sa, sb] = exporter.getFinishedSpans();
    expect(sa?.name).toBe('embeddings text-embedding-3-small');
    expect(sa?.status).toEqual({ code: 2, message: 'UPSTREAM_TIMEOUT' });
    expect(sa?.attributes['error.type']).toBe('UPSTREAM_TIMEOUT');
    expect(sb?.status.message).toBe('error');
  });

  it('is a no-op without an exporter or endpoint', async () => {
    const tracing = await createTracing(TelemetryConfig.parse({}));
    expect(tracing.enabled).toBe(false);
    const span = tracing.tracer.startSpan('x');
    expect(span.isRecording()).toBe(false);
    span.end();
    await tracing.forceFlush();
    await tracing.shutdown();
  });

  it('exports over OTLP/HTTP to a real collector endpoint, with headers from the named env var', async () => {
    const received: Array<{ url?: string; headers: IncomingHttpHeaders; body: string }> = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        received.push({ url: req.url, headers: req.headers, body });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      const config = TelemetryConfig.parse({
        service_name: 'gw-otlp',
        otlp_endpoint: `http://127.0.0.1:${port}/v1/traces`,
        otlp_headers_env: 'TEST_OTLP_HEADERS',
      });
      const tracing = await createTracing(config, {
        env: { TEST_OTLP_HEADERS: 'x-collector-token=abc%20def,x-tenant=t1' },
      });
      opened.push(tracing);
      recordRequest(tracing);
      await tracing.forceFlush();
      expect(received).toHaveLength(1);
      const [req] = received;
      expect(req?.url).toBe('/v1/traces');
      expect(req?.headers['x-collector-token']).toBe('abc def');
      expect(req?.headers['x-tenant']).toBe('t1');
      const payload = JSON.parse(req!.body) as {
        resourceSpans: Array<{
          resource: { attributes: Array<{ key: string; value: Record<string, unknown> }> };
          scopeSpans: Array<{
            spans: Array<{
              name: string;
              attributes: Array<{ key: string; value: Record<string, unknown> }>;
            }>;
          }>;
        }>;
      };
      const rs = payload.resourceSpans[0]!;
      expect(rs.resource.attributes).toContainEqual({
        key: 'service.name',
        value: { stringValue: 'gw-otlp' },
      });
      const span = rs.scopeSpans[0]!.spans[0]!;
      expect(span.name).toBe('chat gpt-4o-mini');
      const attrs = Object.fromEntries(span.attributes.map((a) => [a.key, a.value]));
      expect(attrs['gen_ai.request.model']).toEqual({ stringValue: 'gpt-4o-mini' });
      expect(attrs['rampart.decision.id']).toEqual({ stringValue: 'dec_1' });
      expect(attrs['gen_ai.usage.output_tokens']).toEqual({ intValue: 34 });
      expect(req!.body).not.toContain(PROMPT);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('refuses a missing headers env var and malformed headers without echoing the value', async () => {
    const config = TelemetryConfig.parse({
      otlp_endpoint: 'http://127.0.0.1:1/v1/traces',
      otlp_headers_env: 'NOPE_UNSET',
    });
    await expect(createTracing(config, { env: {} })).rejects.toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
    let message = '';
    try {
      parseOtlpHeaders('Bearer-sk-live-SECRET', 'H');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/key=value/);
    expect(message).not.toContain('SECRET');
    expect(() => parseOtlpHeaders('a=%E0%A4%A', 'H')).toThrow(/URL encoding/);
  });

  it('parseOtlpHeaders: hostile input either parses to clean headers or throws CONFIG_INVALID', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: 'binary' }), (raw) => {
        try {
          const h = parseOtlpHeaders(raw, 'H');
          for (const [k, v] of Object.entries(h)) {
            expect(k).toMatch(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/);
            expect(v).not.toMatch(/[\r\n\0]/);
          }
        } catch (e) {
          expect(e).toBeInstanceOf(RampartError);
          expect((e as RampartError).code).toBe('CONFIG_INVALID');
        }
      }),
      { numRuns: 300 },
    );
  });
});
