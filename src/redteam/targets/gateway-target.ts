// The real Rampart gateway, in-process, with a policy (the shipped default unless told) in front of
// rampart-local. Requests go through the gateway's HTTP app (`app.fetch`), so every layer a deployed
// gateway applies — auth, limits, input/output guards, tool checks — runs; no port is opened.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChatMessage, ToolDefinition } from '../../gateway/openai-types.js';
import { parseGatewayConfig } from '../../gateway/config.js';
import { createGateway, type Gateway } from '../../gateway/gateway.js';
import { LOCAL_MODEL_ID } from '../../local-model/model.js';
import { createLogger } from '../../telemetry/logger.js';
import type { RedteamTarget, TargetReply } from '../types.js';
import { errorReply } from './http-target.js';
import { replyFromCompletion, replyFromError } from './reply.js';

export interface GatewayTargetOptions {
  /** Policy YAML file; the shipped default policy when absent. */
  policy?: string;
  /** Extra gateway config YAML lines (e.g. `on_block: refusal`, `inject_canary: true`). */
  extraConfig?: string;
  /** Gateway log level; silent by default (decision logs would interleave with the CLI's progress). */
  logLevel?: 'silent' | 'error' | 'warn' | 'info' | 'debug';
}

export interface ClosableTarget extends RedteamTarget {
  close(): Promise<void>;
}

export async function gatewayTarget(opts: GatewayTargetOptions = {}): Promise<ClosableTarget> {
  // An empty key file keeps the gateway in open mode (no API key), which is fine in-process.
  const dir = mkdtempSync(join(tmpdir(), 'rampart-redteam-gw-'));
  const lines = ['audit: { enabled: false }', `keys: { file: ${JSON.stringify(join(dir, 'keys.json'))} }`];
  if (opts.policy) lines.push(`policy: ${JSON.stringify(opts.policy)}`);
  if (opts.extraConfig) lines.push(opts.extraConfig);
  let gateway: Gateway;
  try {
    gateway = await createGateway(parseGatewayConfig(lines.join('\n'), 'redteam-gateway', process.cwd()), {
      log: createLogger({ level: opts.logLevel ?? 'silent' }),
    });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    name: opts.policy ? `gateway(${opts.policy})` : 'gateway(default policy)',
    async send(messages: ChatMessage[], tools?: ToolDefinition[]): Promise<TargetReply> {
      const body = JSON.stringify({
        model: LOCAL_MODEL_ID,
        messages,
        ...(tools && tools.length > 0 ? { tools } : {}),
      });
      try {
        const res = await gateway.app.fetch(
          new Request('http://localhost/v1/chat/completions', {
            method: 'POST',
            body,
            headers: { 'content-type': 'application/json' },
          }),
        );
        const text = await res.text();
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          return errorReply(`bad response: HTTP ${res.status}, body is not JSON`);
        }
        return res.ok ? replyFromCompletion(parsed) : replyFromError(res.status, parsed);
      } catch (e) {
        return errorReply(`gateway failed (${(e as Error)?.name ?? 'error'})`);
      }
    },
    async close() {
      try {
        await gateway.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
