// The gateway under benchmark, in its own process: the rule scanners only (the target is for a
// 2 KB prompt with the rule scanners), audit log on, pointed at the bench upstream given in argv.
// It runs the COMPILED package (dist/, built by `npm ci` / `npm run build`) — what `rampart serve` runs —
// so the figures do not include tsx's on-the-fly TypeScript transform (memory and per-closure cost).
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const distIndex = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
if (!existsSync(distIndex)) {
  process.stderr.write('bench:gateway needs the compiled package: run `npm run build` first\n');
  process.exit(2);
}
const { createGuard, parseGatewayConfig, startGateway } = (await import(
  distIndex
)) as typeof import('../../src/index.js');

const upstreamPort = process.argv[2];
const dir = mkdtempSync(join(tmpdir(), 'rampart-bench-'));
process.env.BENCH_UPSTREAM_KEY = 'sk-bench';
const config = parseGatewayConfig(
  `
upstreams:
  - { name: bench, base_url: "http://127.0.0.1:${upstreamPort}/v1", api_key_env: BENCH_UPSTREAM_KEY, models: ["*"], retries: 0 }
keys: { file: ${join(dir, 'keys.json')} }
audit: { path: ${join(dir, 'audit.db')} }
telemetry: { log_level: warn }
`,
  'bench',
  dir,
);
const guard = createGuard(`
version: 1
stages:
  input: { scanners: [injection-rules, secrets, pii] }
  output: { scanners: [secrets, pii, canary, system-prompt-leak, exfil-links] }
actions: { prompt_injection: block, jailbreak: block, secret: redact, pii: redact, pii.person: flag, leak: block, exfil.link: redact }
`);
const running = await startGateway(config, { port: 0 }, { guard });
process.stdout.write(`listening ${running.port}\n`);
// Exit cleanly on a signal (closes the audit log; lets `node --cpu-prof` write its profile).
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void running.close().finally(() => process.exit(0)));
