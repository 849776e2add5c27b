// The MCP proxy's configuration file (YAML, validated with zod, errors located at file:line:col).
// Firewall tool names are the EXPOSED names (`<server>__<tool>`): the name the client calls is the name policies
// see, so one server's `send` can be allowed while another's is not.
import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { RampartError } from '../../core/errors.js';
import { loadYamlFile, parseYamlWith, type YamlFileKind } from '../../policy/yaml-source.js';
import { FirewallConfig } from '../firewall/config.js';
import { MAX_SERVER_NAME, SERVER_NAME } from './namespacing.js';
import { ToolPins } from './tool-pins.js';

const EnvName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/u, 'expected an environment variable name');
const Timeout = z.number().int().min(100).max(3_600_000);

const StdioServer = z.strictObject({
  command: z.string().min(1).max(4096),
  args: z.array(z.string().max(4096)).max(256).optional(),
  /** Extra environment for the server process (added to a minimal safe default environment). */
  env: z.record(EnvName, z.string().max(32_768)).optional(),
  /** Variables copied from the proxy's own environment (e.g. a token), so secrets need not sit in the file. */
  env_passthrough: z.array(EnvName).max(256).optional(),
  cwd: z.string().min(1).max(4096).optional(),
  timeout_ms: Timeout.optional(),
});

const HttpServer = z.strictObject({
  url: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//iu.test(u), { message: 'expected an http(s) URL' }),
  /** Header name → environment variable holding its value (e.g. Authorization: GITHUB_MCP_AUTH). */
  headers_env: z.record(z.string().regex(/^[A-Za-z0-9-]{1,64}$/u), EnvName).optional(),
  timeout_ms: Timeout.optional(),
});

export const McpServerConfig = z.union([StdioServer, HttpServer]);
export type McpServerConfig = z.infer<typeof McpServerConfig>;
export type StdioServerConfig = z.infer<typeof StdioServer>;
export type HttpServerConfig = z.infer<typeof HttpServer>;

const FileOrMemory = z.union([z.literal('memory'), z.strictObject({ file: z.string().min(1).max(4096) })]);

export const McpProxyConfig = z
  .strictObject({
    servers: z
      .record(
        z
          .string()
          .max(MAX_SERVER_NAME)
          .regex(SERVER_NAME, 'server names are [a-z0-9-] words joined by single "_"'),
        McpServerConfig,
      )
      .refine((s) => Object.keys(s).length > 0, { message: 'configure at least one server' }),
    /** Who the calls are made for (Cedar `principal`). */
    principal: z
      .strictObject({ type: z.string().min(1).max(64), id: z.string().min(1).max(256) })
      .default({ type: 'Agent', id: 'mcp-proxy' }),
    /** Tool firewall (tool names as exposed: `<server>__<tool>`), inline or as a file. */
    firewall: FirewallConfig.optional(),
    firewall_file: z.string().min(1).max(4096).optional(),
    /**
     * With no firewall, every tools/call is denied unless this is true. Passing calls unchecked is a choice the
     * file must state; results are scanned either way.
     */
    allow_unfirewalled_calls: z.boolean().default(false),
    /** Where tool pins are kept: `memory` or `{file: .rampart/mcp-pins.json}` (relative to the config file). */
    pins: FileOrMemory.default({ file: '.rampart/mcp-pins.json' }),
    /** A tool whose description instructs the model: dropped from the list (block) or only logged (flag). */
    on_poison: z.enum(['block', 'flag']).default('block'),
    /** A pinned tool whose definition changed: blocked until accepted (block) or only logged (alert). */
    on_change: z.enum(['block', 'alert']).default('block'),
    /** A tool result carrying an injection: replaced by a notice (block) or passed with a warning (flag). */
    on_injection: z.enum(['block', 'flag']).default('block'),
    /** Scan descriptions with the policy's untrusted-text scanners too (our own checks always run). */
    scan_descriptions_with_guard: z.boolean().default(true),
    /**
     * How `require_approval` decisions are answered (the wait is the firewall's `approvals.timeoutMs`, default
     * 5 minutes; no answer is a deny): an HTTP API on `listen` (host:port) guarded by the bearer token in the
     * environment variable `token_env` (`rampart mcp-proxy approvals` talks to it), and/or a `webhook` that is
     * told of each request. With none of them, nobody can approve and every approval times out into a deny.
     */
    approvals: z
      .strictObject({
        listen: z.string().min(1).max(300).optional(),
        token_env: EnvName.optional(),
        webhook: z
          .strictObject({
            url: z
              .string()
              .url()
              .refine((u) => /^https?:\/\//iu.test(u), { message: 'expected an http(s) URL' }),
            headers_env: z.record(z.string().regex(/^[A-Za-z0-9-]{1,64}$/u), EnvName).optional(),
            timeout_ms: Timeout.optional(),
          })
          .optional(),
      })
      .refine((a) => !a.listen || a.token_env, {
        message: 'approvals.listen needs token_env (the API is never open without a token)',
        path: ['token_env'],
      })
      .optional(),
    /**
     * User-originated calls (`_meta["rampart/user-intent"]`): each session's key is issued to the client at
     * initialize; with `secret_env`, it is derived from that secret instead (HMAC-SHA256 of the session id).
     */
    user_intent: z.strictObject({ secret_env: EnvName }).optional(),
    /** Policy YAML for the guard (relative to the config file); the shipped default when absent. */
    policy: z.string().min(1).max(4096).optional(),
    limits: z
      .strictObject({
        max_tools_per_server: z.number().int().min(1).max(10_000).default(500),
        max_description_chars: z.number().int().min(256).max(1_000_000).default(64_000),
        max_result_chars: z.number().int().min(1024).max(16_000_000).default(1_000_000),
        max_http_sessions: z.number().int().min(1).max(10_000).default(64),
      })
      .prefault({}),
  })
  .refine((c) => !(c.firewall && c.firewall_file), {
    message: 'give at most one of firewall and firewall_file',
    path: ['firewall_file'],
  });
export type McpProxyConfig = z.infer<typeof McpProxyConfig>;

const CONFIG_FILE: YamlFileKind = { what: 'MCP proxy config', maxBytes: 4 * 1024 * 1024 };

export function parseMcpProxyConfig(source: string, name = '<inline>'): McpProxyConfig {
  try {
    return parseYamlWith(source, McpProxyConfig, name, 'CONFIG_INVALID').value;
  } catch (cause) {
    if (cause instanceof RampartError) throw cause;
    // The yaml library throws plain errors from toJS (e.g. an alias before its anchor): still a config error.
    throw new RampartError(
      'CONFIG_INVALID',
      `${name}: YAML cannot be read (${(cause as Error)?.name ?? 'error'})`,
      {
        cause,
      },
    );
  }
}

/** Reads the proxy config; relative paths inside it (pins, policy, firewall files) resolve against its folder. */
export function loadMcpProxyConfig(path: string): { config: McpProxyConfig; baseDir: string } {
  const config = loadYamlFile(path, McpProxyConfig, CONFIG_FILE).value;
  return { config, baseDir: dirname(resolve(path)) };
}

export const resolveFrom = (baseDir: string, p: string): string => (isAbsolute(p) ? p : resolve(baseDir, p));

/** The pin store a config names: in memory, or its pin file (resolved against the config's folder). */
export function pinsFromConfig(config: McpProxyConfig, baseDir: string): ToolPins {
  return config.pins === 'memory'
    ? new ToolPins()
    : new ToolPins({ file: resolveFrom(baseDir, config.pins.file) });
}
