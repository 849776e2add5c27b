import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
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
    await new Promise((r) => setImmediate(r));
    const all = lines.join('\n');
    for (const v of Object.values(SECRETS)) expect(all).not.toContain(v);
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
});
