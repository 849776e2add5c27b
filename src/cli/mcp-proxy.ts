// `rampart mcp-proxy`: runs the MCP proxy (stdio by default, streamable HTTP with --listen), and
// `rampart mcp-proxy pins`: lists, accepts or forgets tool pins (the way out of a rug-pull block).
// On stdio, standard output IS the MCP channel: nothing but protocol messages may be written there, so every
// message of ours goes to standard error.
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { RampartError } from '../core/errors.js';
import type { Logger } from '../core/types.js';
import { loadMcpProxyConfig, pinsFromConfig, resolveFrom } from '../agent/mcp/config.js';
import { ToolPins } from '../agent/mcp/tool-pins.js';

export interface McpProxyCliIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

export const DEFAULT_MCP_CONFIG = 'rampart-mcp.yaml';

const defaultIo: McpProxyCliIo = {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
};

/** One JSON line per warning on standard error; events carry names and reasons, never tool text. */
const stderrLogger = (io: McpProxyCliIo, verbose: boolean): Logger => ({
  warn: (obj, msg) => io.err(JSON.stringify({ level: 'warn', msg, ...obj })),
  ...(verbose ? { debug: (obj, msg) => io.err(JSON.stringify({ level: 'debug', msg, ...obj })) } : {}),
});

export interface McpProxyRunArgs {
  config: string;
  listen?: string;
  verbose?: boolean;
}

/** Runs until the client disconnects (stdio), or SIGINT/SIGTERM, or `stop` resolves. */
export async function mcpProxyCommand(
  args: McpProxyRunArgs,
  io: McpProxyCliIo,
  stop?: Promise<void>,
): Promise<number> {
  // The MCP SDK and the tool firewall are loaded here, on use, so that other commands do not carry them.
  const [{ createMcpProxyFromConfig }, { parseListen, serveMcpHttp }, { StdioServerTransport }] =
    await Promise.all([
      import('../agent/mcp/from-config.js'),
      import('../agent/mcp/serve-http.js'),
      import('@modelcontextprotocol/sdk/server/stdio.js'),
    ]);
  const { config, baseDir } = loadMcpProxyConfig(args.config);
  const listen = args.listen !== undefined ? parseListen(args.listen) : undefined;
  const log = stderrLogger(io, Boolean(args.verbose));
  const proxy = await createMcpProxyFromConfig(config, { baseDir, log });
  const signalled =
    stop ??
    new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
  const servers = Object.keys(config.servers).join(', ');
  try {
    if (listen) {
      const http = await serveMcpHttp(proxy, {
        ...listen,
        maxSessions: config.limits.max_http_sessions,
      });
      io.err(`rampart mcp-proxy listening on ${http.url} (servers: ${servers})`);
      if (proxy.approvalsUrl) io.err(`approvals answered at ${proxy.approvalsUrl}`);
      await signalled;
      await http.close();
    } else {
      const server = proxy.createServer(randomUUID());
      const transport = new StdioServerTransport();
      const disconnected = new Promise<void>((resolve) => {
        server.onclose = resolve;
        process.stdin.once('end', resolve);
      });
      await server.connect(transport);
      io.err(`rampart mcp-proxy on stdio (servers: ${servers})`);
      if (proxy.approvalsUrl) io.err(`approvals answered at ${proxy.approvalsUrl}`);
      await Promise.race([signalled, disconnected]);
    }
  } finally {
    await proxy.close();
  }
  return 0;
}

export interface McpPinsArgs {
  config?: string;
  pins?: string;
  accept?: string;
  forget?: string;
  format: 'text' | 'json';
}

export function mcpPinsCommand(args: McpPinsArgs, io: McpProxyCliIo): number {
  let pins: ToolPins;
  if (args.pins) pins = new ToolPins({ file: resolveFrom(process.cwd(), args.pins) });
  else {
    const { config, baseDir } = loadMcpProxyConfig(args.config ?? DEFAULT_MCP_CONFIG);
    if (config.pins === 'memory')
      throw new RampartError(
        'CONFIG_INVALID',
        'this config keeps pins in memory: there is no pin file to change',
      );
    pins = pinsFromConfig(config, baseDir);
  }
  if (args.accept) {
    const r = pins.accept(args.accept);
    io.out(
      args.format === 'json'
        ? JSON.stringify({ accepted: args.accept, sha256: r.sha256 })
        : `accepted ${args.accept} (sha256 ${r.sha256})`,
    );
    return 0;
  }
  if (args.forget) {
    const had = pins.forget(args.forget);
    if (!had) throw new RampartError('KEY_NOT_FOUND', `no pin for tool '${args.forget.slice(0, 128)}'`);
    io.out(args.format === 'json' ? JSON.stringify({ forgotten: args.forget }) : `forgot ${args.forget}`);
    return 0;
  }
  const list = pins.list();
  if (args.format === 'json') io.out(JSON.stringify(list));
  else if (list.length === 0) io.out('no pins');
  else
    for (const p of list)
      io.out(
        `${p.name}  ${p.sha256.slice(0, 16)}  ${p.pending ? `CHANGED (pending ${p.pending.sha256.slice(0, 16)}, seen ${p.pending.seenAt})` : 'ok'}`,
      );
  return 0;
}

export interface McpApprovalsArgs {
  config?: string;
  approve?: string;
  deny?: string;
  reason?: string;
  approver?: string;
  format: 'text' | 'json';
}

/** Lists, approves or denies pending approvals of a running proxy, through its approval API (config `approvals`). */
export async function mcpApprovalsCommand(
  args: McpApprovalsArgs,
  io: McpProxyCliIo,
  doFetch: typeof fetch = fetch,
): Promise<number> {
  const { config } = loadMcpProxyConfig(args.config ?? DEFAULT_MCP_CONFIG);
  const a = config.approvals;
  if (!a?.listen || !a.token_env)
    throw new RampartError(
      'CONFIG_INVALID',
      'this config has no approval API (set approvals.listen and approvals.token_env)',
    );
  const token = process.env[a.token_env];
  if (!token)
    throw new RampartError(
      'CONFIG_INVALID',
      `environment variable ${a.token_env} (approvals.token_env) is not set`,
    );
  const { host, port } = (await import('../agent/mcp/serve-http.js')).parseListen(a.listen);
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${port}/approvals`;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const call = async (url: string, init: RequestInit): Promise<{ status: number; body: unknown }> => {
    let r: Response;
    try {
      r = await doFetch(url, { ...init, headers, redirect: 'error', signal: AbortSignal.timeout(10_000) });
    } catch {
      throw new RampartError(
        'UPSTREAM_UNAVAILABLE',
        `the approval API at ${base} cannot be reached (is the proxy running?)`,
      );
    }
    const text = (await r.text()).slice(0, 4 * 1024 * 1024);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new RampartError('UPSTREAM_BAD_RESPONSE', `the approval API answered ${r.status} with no JSON`);
    }
    return { status: r.status, body };
  };
  const id = args.approve ?? args.deny;
  if (id !== undefined) {
    const verb = args.approve !== undefined ? 'approve' : 'deny';
    const r = await call(`${base}/${encodeURIComponent(id)}/${verb}`, {
      method: 'POST',
      body: JSON.stringify({
        approver: args.approver ?? process.env.USER ?? 'cli',
        ...(args.reason ? { reason: args.reason } : {}),
      }),
    });
    if (r.status === 404)
      throw new RampartError(
        'APPROVAL_NOT_FOUND',
        `no pending approval with id '${id.slice(0, 64)}' (unknown or already decided)`,
      );
    if (r.status !== 200)
      throw new RampartError(
        'UPSTREAM_ERROR',
        `the approval API answered ${r.status}: ${String((r.body as { error?: unknown })?.error ?? '').slice(0, 200)}`,
      );
    io.out(
      args.format === 'json' ? JSON.stringify(r.body) : `${verb === 'approve' ? 'approved' : 'denied'} ${id}`,
    );
    return 0;
  }
  const r = await call(base, { method: 'GET' });
  if (r.status !== 200)
    throw new RampartError(
      'UPSTREAM_ERROR',
      `the approval API answered ${r.status}: ${String((r.body as { error?: unknown })?.error ?? '').slice(0, 200)}`,
    );
  const pending = ((r.body as { pending?: unknown }).pending ?? []) as Array<Record<string, unknown>>;
  if (args.format === 'json') io.out(JSON.stringify(pending));
  else if (pending.length === 0) io.out('no pending approvals');
  else
    for (const p of pending)
      io.out(
        `${String(p.id)}  ${String(p.tool)}  session ${String(p.sessionId)}  expires ${new Date(Number(p.expiresAt)).toISOString()}\n  reason: ${String(p.reason)}\n  args: ${JSON.stringify(p.args)}`,
      );
  return 0;
}

/**
 * Adds `mcp-proxy` (and `mcp-proxy pins`) to the program. main.ts passes its io and an exit-code setter; RampartErrors
 * propagate to main's handler.
 */
export function registerMcpProxyCommand(
  program: Command,
  io: McpProxyCliIo = defaultIo,
  setExit: (code: number) => void = (c) => {
    process.exitCode = c;
  },
): Command {
  const cmd = program
    .command('mcp-proxy')
    .description(
      'run the MCP proxy: namespaced tools from several MCP servers, poisoning and rug-pull checks, tool firewall, result scanning',
    )
    .option('--config <file>', 'MCP proxy config YAML', DEFAULT_MCP_CONFIG)
    .option(
      '--listen <host:port>',
      'serve streamable HTTP on host:port (default host 127.0.0.1) instead of stdio',
    )
    .option('--verbose', 'log every firewall decision to standard error')
    .action(async (o: McpProxyRunArgs) => {
      setExit(await mcpProxyCommand(o, io));
    });
  cmd
    .command('pins')
    .description(
      'list the pins of the --config file, or accept a changed tool definition (--accept) or delete a pin (--forget)',
    )
    .option('--pins <file>', 'pin file to use directly (instead of the config)')
    .option('--accept <server__tool>', 'accept the changed definition of this tool')
    .option('--forget <server__tool>', 'delete the pin of this tool (its next definition is pinned afresh)')
    .option('--format <format>', 'text or json', 'text')
    // `--config` is the proxy's option (commander parses it wherever it stands); its pins file is the one changed.
    .action((_o: unknown, sub: Command) => {
      const o = sub.optsWithGlobals<McpPinsArgs>();
      if (o.format !== 'text' && o.format !== 'json')
        throw new RampartError('INPUT_INVALID', '--format must be text or json');
      setExit(mcpPinsCommand(o, io));
    });
  cmd
    .command('approvals')
    .description(
      "list the running proxy's pending approvals (its approval API, config `approvals`), or --approve / --deny one by id",
    )
    .option('--approve <id>', 'approve this pending call')
    .option('--deny <id>', 'deny this pending call')
    .option('--reason <text>', 'why (with --deny)')
    .option('--approver <name>', 'who decides (default $USER)')
    .option('--format <format>', 'text or json', 'text')
    .action(async (_o: unknown, sub: Command) => {
      const o = sub.optsWithGlobals<McpApprovalsArgs>();
      if (o.format !== 'text' && o.format !== 'json')
        throw new RampartError('INPUT_INVALID', '--format must be text or json');
      if (o.approve !== undefined && o.deny !== undefined)
        throw new RampartError('INPUT_INVALID', 'give at most one of --approve and --deny');
      setExit(await mcpApprovalsCommand(o, io));
    });
  return cmd;
}
