// A gateway with a tool firewall in front of the fake OpenAI upstream, for the firewall tests: writes the
// firewall and policy YAML into a temporary folder, starts both, and hands back an openai client for it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { parseGatewayConfig } from '../../src/gateway/config.js';
import { startGateway, type RunningGateway } from '../../src/gateway/server.js';
import { startFakeUpstream, type FakeUpstream } from './openai-upstream.js';

export interface FirewallGateway {
  upstream: FakeUpstream;
  gw: RunningGateway;
  client: OpenAI;
  close(): Promise<void>;
}

export async function startFirewallGateway(
  firewallYaml: string,
  policyYaml: string,
): Promise<FirewallGateway> {
  const upstream = await startFakeUpstream();
  const dir = mkdtempSync(join(tmpdir(), 'rampart-fw-'));
  writeFileSync(join(dir, 'firewall.yaml'), firewallYaml);
  writeFileSync(join(dir, 'policy.yaml'), policyYaml);
  process.env.TEST_UPSTREAM_KEY = 'sk-test-upstream';
  const gw = await startGateway(
    parseGatewayConfig(
      `firewall: firewall.yaml
policy: policy.yaml
upstreams:
  - { name: fake, base_url: "${upstream.url}", api_key_env: TEST_UPSTREAM_KEY, models: ["*"], retries: 0 }
keys: { file: keys.json }
audit: { enabled: false }
telemetry: { log_level: error }`,
      'fw-test',
      dir,
    ),
    { port: 0 },
  );
  const client = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: 'x', maxRetries: 0 });
  return {
    upstream,
    gw,
    client,
    close: async () => {
      await gw.close();
      await upstream.close();
    },
  };
}
