// The gateway under benchmark is the real `rampart serve` (bin/rampart.js → the COMPILED package in dist/,
// built by `npm ci` / `npm run build`) in its own process, so its latency and memory are what users run:
// no TypeScript loader in the process. This writes its config: the rule scanners only on input (the issue's
// target is for a 2 KB prompt with the rule scanners), leakage scanners on output, audit log on, pointed at
// the bench upstream.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const rampartBin = fileURLToPath(new URL('../../bin/rampart.js', import.meta.url));

/** The bench policy: the gateway's, and the scan floor's in bare-proxy.ts (the same scanners, guard only). */
export const BENCH_POLICY = `version: 1
stages:
  input: { scanners: [injection-rules, secrets, pii] }
  output: { scanners: [secrets, pii, canary, system-prompt-leak, exfil-links] }
actions: { prompt_injection: block, jailbreak: block, secret: redact, pii: redact, pii.person: flag, leak: block, exfil.link: redact }
`;

/** `waitForCommit: false` writes audit.wait_for_commit: false (answers do not wait for their audit rows). */
export function writeGatewayConfig(
  upstreamPort: number,
  { waitForCommit = true }: { waitForCommit?: boolean } = {},
): { configPath: string; env: NodeJS.ProcessEnv } {
  if (!existsSync(fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url)))) {
    process.stderr.write('bench:gateway needs the compiled package: run `npm run build` first\n');
    process.exit(2);
  }
  const dir = mkdtempSync(join(tmpdir(), 'rampart-bench-'));
  writeFileSync(join(dir, 'policy.yaml'), BENCH_POLICY);
  const configPath = join(dir, 'gateway.yaml');
  writeFileSync(
    configPath,
    `policy: policy.yaml
upstreams:
  - { name: bench, base_url: "http://127.0.0.1:${upstreamPort}/v1", api_key_env: BENCH_UPSTREAM_KEY, models: ["*"], retries: 0 }
keys: { file: keys.json }
audit: { path: audit.db, wait_for_commit: ${waitForCommit} }
telemetry: { log_level: warn }
`,
  );
  return { configPath, env: { ...process.env, BENCH_UPSTREAM_KEY: 'sk-bench' } };
}
