// Builds a running proxy from a validated config: the guard (policy file or the shipped default), the tool firewall,
// the pin store and the upstream connections. The CLI and library users share this one path.
import type { Logger } from '../../core/types.js';
import { createGuard, loadGuard } from '../../policy/create-guard.js';
import { firewallOptionsFromConfig, loadFirewallConfig } from '../firewall/config.js';
import { createToolFirewall, type ToolFirewall } from '../firewall/create-tool-firewall.js';
import { pinsFromConfig, resolveFrom, type McpProxyConfig } from './config.js';
import { createMcpProxy, type McpProxy, type McpProxyEvent } from './proxy.js';
import { connectUpstreams, type TransportOptions, type Upstream } from './upstream-clients.js';

export interface ProxyFromConfigOptions extends TransportOptions {
  /** Folder relative paths in the config resolve against (the config file's folder). */
  baseDir: string;
  log?: Logger;
  onEvent?: (e: McpProxyEvent) => void;
  /** Already-connected upstreams (tests, embedding); when absent the configured servers are connected. */
  upstreams?: Upstream[];
}

/** The pin store a config names (also used by `rampart mcp-proxy pins`). */

export function firewallFromConfig(
  config: McpProxyConfig,
  baseDir: string,
  log?: Logger,
): ToolFirewall | undefined {
  if (config.firewall)
    return createToolFirewall(
      firewallOptionsFromConfig(config.firewall, { baseDir, ...(log ? { log } : {}) }),
    );
  if (config.firewall_file) {
    const loaded = loadFirewallConfig(resolveFrom(baseDir, config.firewall_file));
    return createToolFirewall(
      firewallOptionsFromConfig(loaded.config, { baseDir: loaded.baseDir, ...(log ? { log } : {}) }),
    );
  }
  return undefined;
}

export async function createMcpProxyFromConfig(
  config: McpProxyConfig,
  options: ProxyFromConfigOptions,
): Promise<McpProxy> {
  const { baseDir, log } = options;
  // Everything that can fail on a bad file is built before any server process is started.
  const guard = config.policy
    ? loadGuard(resolveFrom(baseDir, config.policy), log ? { log } : {})
    : createGuard(undefined, log ? { log } : {});
  const firewall = firewallFromConfig(config, baseDir, log);
  const pins = pinsFromConfig(config, baseDir);
  const upstreams = options.upstreams ?? (await connectUpstreams(config.servers, options));
  return createMcpProxy({
    upstreams,
    guard,
    ...(firewall ? { firewall } : {}),
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
}
