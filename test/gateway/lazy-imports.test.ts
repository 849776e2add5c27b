// `rampart serve` on embedded defaults must not load what it does not use: the tool firewall (Cedar's
// WebAssembly engine), the sandbox, the MCP SDK, the Redis client, the OTLP exporter and the NER model are
// most of the resident memory a gateway would otherwise carry (issue 6: RSS < 200 MB). A static import
// added anywhere on the serve path brings them back; this test catches it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { spawnServe } from './fixtures/spawn-serve.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const NOT_ON_THE_SERVE_PATH = [
  '@cedar-policy/cedar-wasm',
  'quickjs-emscripten',
  '@modelcontextprotocol/sdk',
  'ioredis',
  '@opentelemetry/exporter-trace-otlp-http',
  '@opentelemetry/sdk-trace-base',
  'compromise',
  'ajv',
];

describe('rampart serve loads only what its config uses', () => {
  it('answers a chat request without loading the optional engines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-lazy-'));
    const config = join(dir, 'gateway.yaml');
    writeFileSync(
      config,
      `keys: { file: keys.json }\naudit: { path: audit.db }\ntelemetry: { log_level: error }\n`,
    );
    const { child, url: started } = spawnServe(config, {
      nodeArgs: ['--import', join(fixtures, 'package-trace.mjs')],
    });
    const packages = new Set<string>();
    child.stderr!.on('data', (d: Buffer) => {
      for (const m of d.toString().matchAll(/rampart-test-package (\S+)/gu)) packages.add(m[1]!);
    });
    const exited = new Promise((r) => child.once('exit', r));
    try {
      const url = await started;
      const res = await fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'rampart-local',
          messages: [{ role: 'user', content: 'Summarise: the meeting moved to Friday.' }],
        }),
      });
      expect(res.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
    expect(packages.has('hono')).toBe(true); // the trace works
    for (const p of NOT_ON_THE_SERVE_PATH) expect(packages, p).not.toContain(p);
  }, 60_000);
});
