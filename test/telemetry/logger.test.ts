import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/gateway/http-errors.js';
import { UpstreamError } from '../../src/gateway/upstream/errors.js';
import { CENSOR, createLogger } from '../../src/telemetry/logger.js';

function memoryLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      cb();
    },
  });
  return { log: createLogger({ level: 'debug', destination }), lines };
}

const SECRETS = {
  bearer: 'Bearer sk-live-AUTHHEADER0001',
  apiKey: 'sk-live-APIKEYFIELD0002',
  prompt: 'PROMPT-TEXT-ignore-previous-0003',
  content: 'CONTENT-0004',
  secret: 'SECRET-VALUE-0005',
  query: 'QUERYKEY0006',
  body: 'BODY-TEXT-0007',
  nested: 'DEEP-NESTED-0008',
  echoed: 'ECHOED-PROMPT-0009',
  echoedKey: 'sk-live-ECHOEDKEY0010',
  parsed: 'PARSED-TEXT-0011',
};

describe('createLogger', () => {
  it('censors sensitive fields at any depth and drops request bodies and query strings', async () => {
    const { log, lines } = memoryLogger();
    log.info(
      {
        headers: {
          authorization: SECRETS.bearer,
          'x-api-key': SECRETS.apiKey,
          'content-type': 'application/json',
        },
        api_key: SECRETS.apiKey,
        apiKey: SECRETS.apiKey,
        prompt: SECRETS.prompt,
        messages: [{ role: 'user', content: SECRETS.content }],
        choices: [{ message: { content: SECRETS.content } }],
        upstream: { secret: SECRETS.secret, key: SECRETS.apiKey },
        a: { b: { c: { d: { text: SECRETS.nested, input: SECRETS.nested, output: SECRETS.nested } } } },
        req: {
          method: 'POST',
          url: `/v1/chat/completions?api_key=${SECRETS.query}`,
          body: SECRETS.body,
          headers: { authorization: SECRETS.bearer },
        },
        res: { statusCode: 200, body: SECRETS.body },
        route: '/v1/chat/completions',
        keyId: 'key_123',
      },
      'request done',
    );
    log.warn({
      err: Object.assign(new Error('upstream failed'), {
        code: 'UPSTREAM_ERROR',
        config: { apiKey: SECRETS.apiKey },
      }),
    });
    // An error chain as the gateway logs it: the client's answer (which quotes the upstream's body), the
    // upstream failure (whose upstreamMessage echoes the prompt and key), and a parse error quoting its input.
    let parseError: unknown;
    try {
      JSON.parse(`{"x": "${SECRETS.parsed}" oops`);
    } catch (e) {
      parseError = e;
    }
    const upstreamError = new UpstreamError('UPSTREAM_ERROR', 'upstream "openai" answered 500', {
      status: 502,
      upstreamMessage: `you sent ${SECRETS.echoed} with ${SECRETS.echoedKey}`,
      cause: parseError,
    });
    log.error(
      {
        err: new GatewayError(
          {
            status: 502,
            type: 'upstream_error',
            code: 'upstream_error',
            message: `${upstreamError.message}: ${upstreamError.upstreamMessage}`,
          },
          { cause: upstreamError },
        ),
        decision: 'd-1',
        upstream: 'openai',
      },
      'request failed',
    );
    await new Promise((r) => setImmediate(r));
    const all = lines.join('\n');
    for (const v of Object.values(SECRETS)) expect(all).not.toContain(v);
    expect(JSON.parse(lines[2]!)).toMatchObject({
      decision: 'd-1',
      upstream: 'openai',
      err: {
        type: 'GatewayError',
        code: 'upstream_error',
        status: 502,
        cause: {
          type: 'UpstreamError',
          code: 'UPSTREAM_ERROR',
          status: 502,
          message: 'upstream "openai" answered 500',
          cause: { type: 'SyntaxError' },
        },
      },
    });
    const first = JSON.parse(lines[0]!);
    expect(first.headers.authorization).toBe(CENSOR);
    expect(first.headers['x-api-key']).toBe(CENSOR);
    expect(first.headers['content-type']).toBe('application/json');
    expect(first.a.b.c.d.text).toBe(CENSOR);
    expect(first.req).toEqual({ method: 'POST', path: '/v1/chat/completions' });
    expect(first.res).toEqual({ status: 200 });
    expect(first.keyId).toBe('key_123');
    expect(first.route).toBe('/v1/chat/completions');
    const second = JSON.parse(lines[1]!);
    expect(second.err).toEqual({ type: 'Error', code: 'UPSTREAM_ERROR', message: 'upstream failed' });
    expect(all).not.toContain('"stack"');
  });

  it('respects the level', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _e, cb) {
        lines.push(chunk.toString());
        cb();
      },
    });
    const log = createLogger({ level: 'warn', destination });
    log.info({ a: 1 }, 'hidden');
    log.warn({ a: 2 }, 'shown');
    await new Promise((r) => setImmediate(r));
    expect(lines.join('')).not.toContain('hidden');
    expect(lines.join('')).toContain('shown');
  });

  it('serializes errors that are not Errors, and cause chains, with bounds', async () => {
    const { log, lines } = memoryLogger();
    let deep: unknown = new Error('root');
    for (let i = 0; i < 10; i++) deep = new Error(`level ${i}`, { cause: deep });
    log.error({ err: deep }, 'deep');
    log.error({ err: 'a string thrown' }, 'string');
    await new Promise((r) => setImmediate(r));
    let e = JSON.parse(lines[0]!).err as { cause?: unknown; type: string };
    let depth = 0;
    while (e.cause) {
      e = e.cause as typeof e;
      depth++;
    }
    expect(depth).toBe(4);
    expect(e).toEqual({ type: 'truncated' });
    expect(JSON.parse(lines[1]!).err).toEqual({ type: 'string' });
    expect(lines[1]).not.toContain('a string thrown');
  });
});
