import { describe, expect, it } from 'vitest';
import { parseUpstreamConfig, resolveApiKey } from '../../../src/gateway/upstream/config.js';
import { createHttpUpstream } from '../../../src/gateway/upstream/http-upstream.js';

const base = { name: 'openai', base_url: 'https://api.openai.com/v1', models: ['gpt-4o*'] };
const codeAndMessage = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return { code: (e as { code?: string }).code, message: (e as Error).message };
  }
  throw new Error('expected a throw');
};

describe('upstream config', () => {
  it('fills the documented defaults', () => {
    expect(parseUpstreamConfig(base)).toMatchObject({
      timeout_ms: 60_000,
      retries: 2,
      retry_base_ms: 200,
      circuit_breaker: { failure_threshold: 5, reset_ms: 30_000 },
      max_response_bytes: 16 * 1024 * 1024,
    });
  });

  it('rejects a literal api_key with a message pointing to api_key_env / api_key_file, without echoing it', () => {
    const r = codeAndMessage(() => parseUpstreamConfig({ ...base, api_key: 'sk-live-123456' }));
    expect(r.code).toBe('CONFIG_INVALID');
    expect(r.message).toMatch(/api_key_env/);
    expect(r.message).toMatch(/api_key_file/);
    expect(r.message).not.toContain('sk-live-123456');
  });

  it.each([
    [{ ...base, base_url: 'ftp://x' }, /base_url/],
    [{ ...base, base_url: 'https://user:pw@x' }, /base_url/],
    [{ ...base, models: ['g*t'] }, /trailing/],
    [{ ...base, extra: 1 }, /extra|Unrecognized/i],
    [{ ...base, headers: { Authorization: 'Bearer sk-x' } }, /credential headers/],
    [{ ...base, api_key_env: 'A', api_key_file: '/k' }, /not both/],
  ])('rejects invalid config %#', (raw, re) => {
    const r = codeAndMessage(() => parseUpstreamConfig(raw));
    expect(r.code).toBe('CONFIG_INVALID');
    expect(r.message).toMatch(re);
  });

  it('resolves the key from an env var or a file, naming only the variable or path when missing', () => {
    expect(
      resolveApiKey(parseUpstreamConfig({ ...base, api_key_env: 'K' }), { env: { K: ' sk-1 \n' } }),
    ).toBe('sk-1');
    expect(resolveApiKey(parseUpstreamConfig(base), { env: {} })).toBeUndefined();
    const missing = codeAndMessage(() =>
      createHttpUpstream({ ...base, api_key_env: 'NOPE_KEY' }, { env: {} }),
    );
    expect(missing).toMatchObject({ code: 'CONFIG_INVALID' });
    expect(missing.message).toContain('NOPE_KEY');
    const file = codeAndMessage(() =>
      createHttpUpstream({ ...base, api_key_file: '/nonexistent/rampart-key' }),
    );
    expect(file).toMatchObject({ code: 'CONFIG_NOT_FOUND' });
    expect(file.message).toContain('/nonexistent/rampart-key');
    expect(
      resolveApiKey(parseUpstreamConfig({ ...base, api_key_file: '/k' }), {
        readFile: () => 'sk-from-file\n',
      }),
    ).toBe('sk-from-file');
  });
});
