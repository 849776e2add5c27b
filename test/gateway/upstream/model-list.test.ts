// GET /v1/models with upstreams configured by glob: the upstream's own list is asked (bounded, cached, one
// request at a time), and any failure degrades to the configured names without failing the route.
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseGatewayConfig } from '../../../src/gateway/config.js';
import { startGateway } from '../../../src/gateway/server.js';
import { createHttpUpstream } from '../../../src/gateway/upstream/http-upstream.js';
import { createLocalModel } from '../../../src/local-model/model.js';
import {
  MODEL_LIST_MAX_ENTRIES,
  MODEL_LIST_RETRY_MS,
  MODEL_LIST_TTL_MS,
  parseModelIds,
} from '../../../src/gateway/upstream/model-list.js';
import { createRouter } from '../../../src/gateway/upstream/router.js';

type Answer = 'list' | 'status_500' | 'hang' | 'huge' | 'too_many' | 'not_json';

/** A real upstream whose GET /models answers as `state.answer` says, counting the calls. */
const LISTED = ['gpt-4o', 'o3-mini', 'rampart-local', 'bad\nid'];
const state = { answer: 'list' as Answer, gets: 0, ids: LISTED };
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.method !== 'GET' || !req.url?.endsWith('/models')) {
      res.writeHead(404).end();
      return;
    }
    state.gets++;
    const send = (body: string) => res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    switch (state.answer) {
      case 'list':
        return send(
          JSON.stringify({ object: 'list', data: state.ids.map((id) => ({ id, object: 'model' })) }),
        );
      case 'status_500':
        return void res.writeHead(500).end('{"error":{"message":"down"}}');
      case 'hang':
        return; // never answers
      case 'huge':
        return send(`{"data":[${'{"id":"m"},'.repeat(200_000)}{"id":"last"}]}`);
      case 'too_many':
        return send(JSON.stringify({ data: Array.from({ length: 5000 }, (_, i) => ({ id: `m-${i}` })) }));
      case 'not_json':
        return send('<html>oops</html>');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});
beforeEach(() => {
  state.answer = 'list';
  state.gets = 0;
  state.ids = LISTED;
});

function routerWith(models: string[], clock = { t: 1_000_000 }, timeout_ms = 60_000) {
  const upstream = createHttpUpstream(
    { name: 'up', base_url: url, models, retries: 0, timeout_ms },
    { now: () => clock.t },
  );
  return createRouter([upstream], createLocalModel());
}
const ids = async (r: ReturnType<typeof routerWith>) => (await r.listModels()).map((m) => m.id);

describe('listing an upstream configured by glob', () => {
  it("lists the upstream's own models, rampart-local once and its own, invalid ids left out", async () => {
    const r = routerWith(['*']);
    const list = await r.listModels();
    expect(list.map((m) => [m.id, m.owned_by])).toEqual([
      ['rampart-local', 'rampart'],
      ['gpt-4o', 'up'],
      ['o3-mini', 'up'],
    ]);
  });

  it('lists only the names its patterns route, and never asks an upstream of exact names', async () => {
    expect(await ids(routerWith(['gpt-4o*', 'o1']))).toEqual(['rampart-local', 'gpt-4o', 'o1']); // not o3-mini
    state.gets = 0;
    expect(await ids(routerWith(['gpt-4o', 'o1']))).toEqual(['rampart-local', 'gpt-4o', 'o1']);
    expect(state.gets).toBe(0);
  });

  it('caches the list for its TTL and asks once for concurrent callers', async () => {
    const clock = { t: 1_000_000 };
    const r = routerWith(['*'], clock);
    await Promise.all([r.listModels(), r.listModels(), r.listModels()]);
    expect(state.gets).toBe(1);
    clock.t += MODEL_LIST_TTL_MS - 1;
    await r.listModels();
    expect(state.gets).toBe(1);
    clock.t += 2;
    state.ids = ['gpt-5'];
    expect(await ids(r)).toEqual(['rampart-local', 'gpt-5']);
    expect(state.gets).toBe(2);
  });

  it.each<Answer>(['status_500', 'hang', 'huge', 'not_json'])(
    'degrades to the configured names when the upstream answers %s, and retries later',
    async (answer) => {
      state.answer = answer;
      const clock = { t: 1_000_000 };
      const r = routerWith(['gpt-4o*', 'o1'], clock, 300);
      expect(await ids(r)).toEqual(['rampart-local', 'o1']);
      expect(state.gets).toBe(1);
      await r.listModels();
      expect(state.gets).toBe(1); // not asked again at once
      state.answer = 'list';
      state.ids = ['gpt-4o', 'o3-mini'];
      clock.t += MODEL_LIST_RETRY_MS;
      expect(await ids(r)).toEqual(['rampart-local', 'gpt-4o', 'o1']);
    },
  );

  it(`keeps at most ${MODEL_LIST_MAX_ENTRIES} models of one upstream`, async () => {
    state.answer = 'too_many';
    expect((await routerWith(['*']).listModels()).length).toBe(MODEL_LIST_MAX_ENTRIES + 1);
  });
});

describe('parseModelIds', () => {
  it('returns distinct printable ids, at most the bound, for any JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.array(fc.oneof(fc.string(), fc.jsonValue())), (junk, entries) => {
        for (const text of [JSON.stringify(junk), JSON.stringify({ data: entries.map((id) => ({ id })) })]) {
          let out: string[];
          try {
            out = parseModelIds(text);
          } catch {
            continue; // not a model list: the caller degrades to the config
          }
          expect(new Set(out).size).toBe(out.length);
          expect(out.length).toBeLessThanOrEqual(MODEL_LIST_MAX_ENTRIES);
          for (const id of out) expect(id).toMatch(/^[\x21-\x7e][\x20-\x7e]{0,199}$/u);
        }
      }),
    );
  });
});

describe('GET /v1/models through the gateway', () => {
  it("lists a '*' upstream's models to the openai SDK, and still answers while that upstream is down", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-models-'));
    const g = await startGateway(
      parseGatewayConfig(
        `
upstreams:
  - { name: up, base_url: '${url}', models: ['*'], retries: 0 }
keys: { file: ${join(dir, 'keys.json')} }
audit: { enabled: false }
telemetry: { log_level: error }
`,
        't',
        dir,
      ),
      { port: 0 },
    );
    try {
      const client = new OpenAI({ baseURL: `${g.url}/v1`, apiKey: 'x', maxRetries: 0 });
      state.ids = ['gpt-4o', 'o3-mini'];
      const listed: string[] = [];
      for await (const m of client.models.list()) listed.push(m.id);
      expect(listed).toEqual(['rampart-local', 'gpt-4o', 'o3-mini']);

      const down = await startGateway(
        parseGatewayConfig(
          `
upstreams:
  - { name: down, base_url: 'http://127.0.0.1:9/v1', models: ['*', 'known-model'], retries: 0 }
keys: { file: ${join(dir, 'keys2.json')} }
audit: { enabled: false }
telemetry: { log_level: error }
`,
          't',
          dir,
        ),
        { port: 0 },
      );
      try {
        const res = await fetch(`${down.url}/v1/models`);
        expect(res.status).toBe(200);
        const body = (await res.json()) as { data: Array<{ id: string }> };
        expect(body.data.map((m) => m.id)).toEqual(['rampart-local', 'known-model']);
      } finally {
        await down.close();
      }
    } finally {
      await g.close();
    }
  });
});
