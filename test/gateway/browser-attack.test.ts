// A keyless gateway on loopback against a hostile web page, in headless Chromium. The page is served from
// another loopback port (another origin, the strongest case: no Private Network Access rule applies),
// and, for DNS rebinding, from the attacker's own name resolved to 127.0.0.1 on the gateway's port. It
// must never get the gateway to call the upstream, nor read an answer or the dashboard's data.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseGatewayConfig } from '../../src/gateway/config.js';
import { startGateway, type RunningGateway } from '../../src/gateway/server.js';
import { launchChromium } from '../helpers/chromium.js';
import { startFakeUpstream, type FakeUpstream } from '../helpers/openai-upstream.js';

const ATTACKER = 'attacker.example';
const PAGE = '<!doctype html><title>cat pictures</title><p>nothing to see here</p>';
const BODY = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'free tokens' }] });

describe('a keyless gateway and a hostile web page', () => {
  let upstream: FakeUpstream;
  let gw: RunningGateway;
  let attacker: Server;
  let attackerUrl: string;
  let browser: Browser | undefined;

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    const dir = mkdtempSync(join(tmpdir(), 'rampart-browser-'));
    gw = await startGateway(
      parseGatewayConfig(
        `upstreams: [{ name: fake, base_url: "${upstream.url}", models: ["*"], retries: 0 }]\n` +
          `keys: { file: ${join(dir, 'keys.json')} }\naudit: { enabled: false }\ntelemetry: { log_level: silent }`,
        't',
        dir,
      ),
      { port: 0 },
    );
    attacker = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE));
    await new Promise<void>((r) => attacker.listen(0, '127.0.0.1', r));
    attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`;
    browser = await launchChromium([`--host-resolver-rules=MAP ${ATTACKER} 127.0.0.1`]);
  });
  afterAll(async () => {
    await browser?.close();
    attacker?.closeAllConnections();
    await new Promise((r) => attacker?.close(r));
    await gw?.close();
    await upstream?.close();
  });
  afterEach(() => {
    upstream.requests.length = 0;
  });

  it('from another origin: a simple text/plain POST, a JSON POST and a dashboard read all fail', async () => {
    const page = await browser!.newPage();
    try {
      await page.goto(attackerUrl);
      const results = await page.evaluate(
        async ({ base, body }) => {
          const attempt = async (path: string, init: RequestInit) => {
            try {
              const res = await fetch(base + path, init);
              return res.type === 'opaque' ? 'sent, unreadable' : `read ${res.status}: ${await res.text()}`;
            } catch {
              return 'blocked';
            }
          };
          return {
            // No preflight for these: the browser sends them, the page just cannot read the answer.
            noCors: await attempt('/v1/chat/completions', {
              method: 'POST',
              mode: 'no-cors',
              headers: { 'content-type': 'text/plain' },
              body,
            }),
            simple: await attempt('/v1/chat/completions', {
              method: 'POST',
              headers: { 'content-type': 'text/plain' },
              body,
            }),
            json: await attempt('/v1/chat/completions', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body,
            }),
            dashboard: await attempt('/api/dashboard', {}),
          };
        },
        { base: gw.url, body: BODY },
      );
      expect(results).toEqual({
        noCors: 'sent, unreadable',
        simple: 'blocked',
        json: 'blocked',
        dashboard: 'blocked',
      });
      expect(upstream.requests).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('through DNS rebinding (its own name on the gateway port): refused by Host, nothing read', async () => {
    const page = await browser!.newPage();
    try {
      const port = new URL(gw.url).port;
      const origin = `http://${ATTACKER}:${port}`;
      // After the rebind the attacker's name points at 127.0.0.1, so the page's requests are same-origin for
      // the browser and go to the gateway. (Chromium's Private Network Access rule would also stop a page
      // first loaded from a public address; Firefox and Safari have no such rule, so the gateway must refuse
      // by itself: the page here runs in the attacker's origin, loaded from loopback.)
      await page.goto(`${origin}/`);
      const results = await page.evaluate(async (body) => {
        const read = async (path: string, init: RequestInit = {}) => {
          try {
            const res = await fetch(path, init);
            return { status: res.status, text: await res.text() };
          } catch {
            return { status: 0, text: '' };
          }
        };
        return {
          chat: await read('/v1/chat/completions', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
          }),
          dashboard: await read('/api/dashboard'),
          models: await read('/v1/models'),
        };
      }, BODY);
      for (const r of Object.values(results)) {
        expect(r.status).toBe(403);
        expect(r.text).toContain('host_not_allowed');
      }
      expect(upstream.requests).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
