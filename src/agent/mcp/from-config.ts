// Builds a running proxy from a validated config: the guard (policy file or the shipped default), the tool firewall,
// the pin store and the upstream connections. The CLI and library users share this one path.
import { RampartError } from '../../core/errors.js';
import type { Logger } from '../../core/types.js';
import { ApprovalQueue } from '../approvals/approval-queue.js';
import { postApprovalsToWebhook, serveApprovalApi, type ApprovalApi } from '../approvals/http.js';
import { createGuard, loadGuard } from '../../policy/create-guard.js';
import { firewallOptionsFromConfig, loadFirewallConfig, type FirewallConfig } from '../firewall/config.js';
import { createToolFirewall, type ToolFirewall } from '../firewall/create-tool-firewall.js';
import { pinsFromConfig, resolveFrom, type McpProxyConfig } from './config.js';
import { createMcpProxy, type McpProxy, type McpProxyEvent } from './proxy.js';
import { parseListen } from './serve-http.js';
import { connectUpstreams, type TransportOptions, type Upstream } from './upstream-clients.js';

export interface ProxyFromConfigOptions extends TransportOptions {
  /** Folder relative paths in the config resolve against (the config file's folder). */
  baseDir: string;
  log?: Logger;
  onEvent?: (e: McpProxyEvent) => void;
  /** Already-connected upstreams (tests, embedding); when absent the configured servers are connected. */
  upstreams?: Upstream[];
}

/** The firewall section of a config (inline or from its file), with the folder its policy files resolve from. */
function firewallSection(
  config: McpProxyConfig,
  baseDir: string,
): { config: FirewallConfig; baseDir: string } | undefined {
  if (config.firewall) return { config: config.firewall, baseDir };
  if (config.firewall_file) return loadFirewallConfig(resolveFrom(baseDir, config.firewall_file));
  return undefined;
}

export function firewallFromConfig(
  config: McpProxyConfig,
  baseDir: string,
  log?: Logger,
  approvals?: ApprovalQueue,
): ToolFirewall | undefined {
  const section = firewallSection(config, baseDir);
  if (!section) return undefined;
  return createToolFirewall(
    firewallOptionsFromConfig(section.config, {
      baseDir: section.baseDir,
      ...(log ? { log } : {}),
      ...(approvals ? { approvals } : {}),
    }),
  );
}

const envValue = (name: string, what: string): string => {
  const v = process.env[name];
  if (!v) throw new RampartError('CONFIG_INVALID', `${what}: environment variable ${name} is not set`);
  return v;
};

export async function createMcpProxyFromConfig(
  config: McpProxyConfig,
  options: ProxyFromConfigOptions,
): Promise<McpProxy & { approvalsUrl?: string }> {
  const { baseDir, log } = options;
  // Everything that can fail on a bad file is built before any server process is started.
  const guard = config.policy
    ? loadGuard(resolveFrom(baseDir, config.policy), log ? { log } : {})
    : createGuard(undefined, log ? { log } : {});
  const section = firewallSection(config, baseDir);
  // The firewall's require_approval decisions wait on this queue; unanswered, they time out into a deny. With no
  // way to answer (no approval API, no webhook) there is no queue: an approval is denied at once, not after a wait.
  const approvals =
    section && (config.approvals?.listen || config.approvals?.webhook)
      ? new ApprovalQueue(
          section.config.approvals?.timeoutMs ? { timeoutMs: section.config.approvals.timeoutMs } : {},
        )
      : undefined;
  const firewall = section
    ? createToolFirewall(
        firewallOptionsFromConfig(section.config, {
          baseDir: section.baseDir,
          ...(log ? { log } : {}),
          ...(approvals ? { approvals } : {}),
        }),
      )
    : undefined;
  const userIntentSecret = config.user_intent
    ? envValue(config.user_intent.secret_env, 'user_intent.secret_env')
    : undefined;
  if (userIntentSecret !== undefined && userIntentSecret.length < 32)
    throw new RampartError(
      'CONFIG_INVALID',
      'user_intent.secret_env: the secret must be at least 32 characters',
    );
  const pins = pinsFromConfig(config, baseDir);
  const api = approvals ? await startApprovalAnswering(config, approvals, log) : undefined;
  let upstreams: Upstream[];
  try {
    upstreams = options.upstreams ?? (await connectUpstreams(config.servers, options));
  } catch (e) {
    await api?.close();
    throw e;
  }
  const proxy = createMcpProxy({
    upstreams,
    guard,
    ...(firewall ? { firewall } : {}),
    ...(approvals ? { approvals } : {}),
    turns: section?.config.intent !== undefined,
    ...(userIntentSecret !== undefined ? { userIntentSecret } : {}),
    allowUnfirewalledCalls: config.allow_unfirewalled_calls,
    principal: config.principal,
    pins,
    onPoison: config.on_poison,
    onChange: config.on_change,
    onInjection: config.on_injection,
    scanDescriptionsWithGuard: config.scan_descriptions_with_guard,
    limits: {
      maxToolsPerServer: config.limits.max_tools_per_server,
      maxDescriptionChars: config.limits.max_description_chars,
      maxResultChars: config.limits.max_result_chars,
    },
    ...(log ? { log } : {}),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
  if (!api) return proxy;
  return {
    ...proxy,
    approvalsUrl: api.url,
    close: async () => {
      await proxy.close();
      await api.close();
    },
  };
}

/** The approval API and the webhook a config asks for (before any server process is started). */
async function startApprovalAnswering(
  config: McpProxyConfig,
  approvals: ApprovalQueue,
  log?: Logger,
): Promise<ApprovalApi | undefined> {
  const a = config.approvals;
  if (!a) return undefined;
  let api: ApprovalApi | undefined;
  if (a.listen) {
    const token = envValue(a.token_env!, 'approvals.token_env');
    api = await serveApprovalApi(approvals, { ...parseListen(a.listen), token });
  }
  if (a.webhook) {
    const headers: Record<string, string> = {};
    for (const [h, env] of Object.entries(a.webhook.headers_env ?? {}))
      headers[h] = envValue(env, `approvals.webhook.headers_env.${h}`);
    postApprovalsToWebhook(approvals, {
      url: a.webhook.url,
      headers,
      ...(a.webhook.timeout_ms ? { timeoutMs: a.webhook.timeout_ms } : {}),
      ...(api ? { answerUrl: api.url } : {}),
      onError: (err) => log?.warn({ err }, 'mcp proxy: approval webhook failed'),
    });
  }
  return api;
}
