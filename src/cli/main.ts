// The `rampart` command line. Only cli/ decides exit codes and prints; library code throws RampartError.
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { RampartError } from '../core/errors.js';
import type { Stage, Trust } from '../core/types.js';
import { createGuard, loadGuard, type Guard, type GuardOptions } from '../policy/create-guard.js';
import { FAIL_ON, scanCommand, type CliIo, type FailOn } from './scan.js';
import { registerKeysCommand } from './keys.js';
import { registerAuditCommand } from './audit.js';
import type { OpenKeyStore } from './keys.js';
import { registerEvalAgentCommand } from './eval-agent.js';
import { registerRedteamCommand } from './redteam-command.js';
import { registerMcpProxyCommand } from './mcp-proxy.js';
import { registerIngestCommand } from './ingest.js';

export const EXIT = { ok: 0, flagged: 1, usage: 2 } as const;

function guardFrom(policy: string | undefined, options: GuardOptions = {}): Guard {
  return policy ? loadGuard(policy, options) : createGuard(undefined, options);
}

// Subcommands that pull in the gateway (serve, keys) load it when they run, so `rampart scan` does not
// pay for importing the gateway, its stores and its HTTP stack.
const openKeyStore: OpenKeyStore = async (configPath) =>
  (await import('./open-key-store.js')).openKeyStore(configPath);

/** The package's version, from the package.json above dist/ and src/ (read when main runs, not on import). */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version?: unknown;
  };
  return String(pkg.version);
}

const defaultIo = (): CliIo => ({
  stdin: process.stdin,
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
  isTTY: Boolean(process.stderr.isTTY),
});

export async function main(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command()
    .name('rampart')
    .description(
      'Defense in depth for LLM applications: scan prompts, documents and outputs; evaluate detection.',
    )
    .version(packageVersion(), '-V, --version', "print Rampart's version and exit")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showHelpAfterError('(run rampart --help for usage)');

  program
    .command('scan')
    .description(
      'scan text from FILE (or standard input) and print the decision; exit 0 allow (or below --fail-on), ' +
        '1 the action is --fail-on or worse, 2 error',
    )
    .argument('[file]', 'file to scan; - or nothing reads standard input')
    .addOption(
      new Option('--stage <stage>', 'where the text sits in the flow')
        .choices(['input', 'output'])
        .default('input'),
    )
    .addOption(
      new Option(
        '--trust <trust>',
        'who wrote it: user, or untrusted (retrieved document, tool result, web page)',
      )
        .choices(['user', 'untrusted'])
        .default('user'),
    )
    .option('--policy <file>', 'policy YAML file (default: the shipped default policy)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(
      new Option(
        '--fail-on <action>',
        'exit 1 when the action is this or worse: flag (any action but allow), redact (redact, ' +
          'require_approval, block) or block (require_approval, block)',
      )
        .choices(FAIL_ON)
        .default('flag'),
    )
    .action(
      async (
        file: string | undefined,
        o: { stage: Stage; trust: Trust; policy?: string; format: 'text' | 'json'; failOn: FailOn },
      ) => {
        // One check per process: only the scanners of this stage are warmed up (a server warms every stage).
        code = await scanCommand(
          guardFrom(o.policy, { warmUp: [o.stage] }),
          { stage: o.stage, trust: o.trust, format: o.format, file, failOn: o.failOn },
          io,
        );
      },
    );

  program
    .command('eval')
    .description(
      'measure detection on labelled JSONL rows {"text","label":"injection"|"jailbreak"|"benign","source"?,"lang"?,"trust"?}',
    )
    .requiredOption('--data <file>', 'JSONL file of labelled rows')
    .option('--policy <file>', 'policy YAML file (default: the shipped default policy)')
    .addOption(
      new Option('--trust <trust>', 'trust of rows that do not say (a row\'s "trust" wins)')
        .choices(['user', 'untrusted'])
        .default('user'),
    )
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (o: { data: string; policy?: string; trust: Trust; format: 'text' | 'json' }) => {
      const { evalCommand } = await import('./eval.js');
      code = await evalCommand(guardFrom(o.policy), { data: o.data, format: o.format, trust: o.trust }, io);
    });

  program
    .command('serve')
    .description(
      'run the OpenAI-compatible security gateway (port: --port, else RAMPART_PORT, else 8787; dashboard at /)',
    )
    .option(
      '--config <file>',
      'gateway config YAML (default: embedded defaults, built-in rampart-local model)',
    )
    .option('--port <port>', 'port to listen on')
    .option('--host <host>', 'address to listen on (default 127.0.0.1; others need API keys)')
    .action(async (o: { config?: string; port?: string; host?: string }) => {
      const { serveCommand } = await import('./serve.js');
      code = await serveCommand(o, io);
    });

  registerKeysCommand(program, openKeyStore, { out: io.out, err: io.err });
  registerEvalAgentCommand(program, { out: io.out, err: io.err }, (c) => {
    code = c;
  });
  registerMcpProxyCommand(program, { out: io.out, err: io.err }, (c) => {
    code = c;
  });
  registerRedteamCommand(program, { out: io.out, err: io.err, isTTY: io.isTTY }, (c) => {
    code = c;
  });
  registerAuditCommand(program, { out: io.out, err: io.err }, (c) => {
    code = c;
  });
  registerIngestCommand(program, { out: io.out, err: io.err }, (c) => {
    code = c;
  });

  try {
    await program.parseAsync([...argv]);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version are not errors.
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof RampartError) {
      io.err(`rampart: ${e.code}: ${e.message}`);
      return EXIT.usage;
    }
    // Anything else is a bug: say so without a stack trace or any input text.
    io.err(`rampart: internal error (${(e as Error)?.name ?? 'unknown'}); please report it`);
    if (process.env.RAMPART_DEBUG) io.err(String((e as Error)?.stack));
    return EXIT.usage;
  }
}
