import { describe, expect, it } from 'vitest';
import { createRouter } from '../../../src/gateway/upstream/router.js';
import { createLocalModel } from '../../../src/local-model/model.js';
import { createHttpUpstream } from '../../../src/gateway/upstream/http-upstream.js';

const local = createLocalModel();
// Never called in these tests: routing only reads the configured model patterns.
const openai = createHttpUpstream({
  name: 'openai',
  base_url: 'http://127.0.0.1:9/v1',
  models: ['gpt-4o*', 'o3'],
});
const other = createHttpUpstream({
  name: 'other',
  base_url: 'http://127.0.0.1:9/v1',
  models: ['gpt-4o-mini', 'llama*'],
});

describe('router', () => {
  it('with no upstreams, every model routes to rampart-local (demo mode)', () => {
    const r = createRouter([], local);
    expect(r.route('gpt-4o')).toBe(local);
    expect(r.route('anything')).toBe(local);
    expect(r.models().map((m) => m.id)).toEqual(['rampart-local']);
  });

  it('with upstreams, the first matching pattern wins and unknown models are undefined', () => {
    const r = createRouter([openai, other], local);
    expect(r.route('gpt-4o-mini')).toBe(openai);
    expect(r.route('gpt-4o')).toBe(openai);
    expect(r.route('o3')).toBe(openai);
    expect(r.route('o3-pro')).toBeUndefined();
    expect(r.route('llama-3.1-8b')).toBe(other);
    expect(r.route('claude')).toBeUndefined();
    expect(r.route('rampart-local')).toBe(local);
  });

  it('lists exact model names (not globs) and reports every health', () => {
    const r = createRouter([openai, other], local);
    expect(r.models().map((m) => m.id)).toEqual(['rampart-local', 'o3', 'gpt-4o-mini']);
    expect(r.health().map((h) => h.name)).toEqual(['rampart-local', 'openai', 'other']);
  });
});
