// The `rampart redteam` command's definition. It imports no attack library, target or gateway: those
// load when the command runs (redteam.ts), so the CLI's other commands start without them.
import { Option, type Command } from 'commander';
import { RampartError } from '../core/errors.js';
import { REDTEAM_EXIT, type RedteamArgs, type RedteamCliIo } from './redteam-args.js';

export { REDTEAM_EXIT } from './redteam-args.js';
export const DEFAULT_REDTEAM_OUT = 'rampart-redteam';

const defaultIo: RedteamCliIo = {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
};

/** Adds `redteam` to the program; main.ts passes its io and an exit-code setter. */
export function registerRedteamCommand(
  program: Command,
  io: RedteamCliIo = defaultIo,
  setExit: (code: number) => void = (c) => {
    process.exitCode = c;
  },
): Command {
  return program
    .command('redteam')
    .usage('--target local|gateway|<url> [--model <model>] [options]   (a URL target needs --model)')
    .description(
      'attack a target with the red-team library and report the attack success rate (ASR) by category; ' +
        'exit 0 done, 1 ASR above --fail-on-asr, 2 error',
    )
    .requiredOption(
      '--target <target>',
      'local (rampart-local, no defence), gateway (Rampart in front of it), or an OpenAI-compatible base URL (needs --model)',
    )
    .option('--model <model>', 'model name sent to a URL target (required with a URL target)')
    .option('--api-key-env <var>', 'environment variable holding the API key of a URL target')
    .option('--policy <file>', 'policy YAML for --target gateway (default: the shipped default policy)')
    .option(
      '--plan <file>',
      'red-team plan YAML (default: every category, each mutator and strategy on a sample)',
    )
    .option('--seed <n>', "seed (overrides the plan's): same seed, same cases and values")
    .option('--concurrency <n>', 'cases in flight at once', '4')
    .option('--rate <n>', 'at most N requests per second to the target')
    .option('--max-turns <n>', "most user turns per conversation (overrides the plan's)")
    .option('--timeout-ms <n>', 'per-request timeout for URL targets and the judge', '60000')
    .option(
      '--out <dir>',
      'directory for results.jsonl, summary.json, report.html, junit.xml, promptfoo.json',
      DEFAULT_REDTEAM_OUT,
    )
    .option('--fail-on-asr <x>', 'exit 1 when the ASR (0..1) is above this (CI gate)')
    .option('--resume', 'skip cases already in <out>/results.jsonl (same seed and plan)')
    .option('--limit <n>', 'run only N cases of the plan (taken round-robin across categories)')
    .option(
      '--judge-url <url>',
      'optional LLM judge (OpenAI-compatible base URL) for harmful-content goals; off by default',
    )
    .option('--judge-model <model>', 'model of the LLM judge')
    .addOption(
      new Option('--judge-key-env <var>', 'environment variable holding the judge API key').default(
        'RAMPART_JUDGE_API_KEY',
      ),
    )
    .option(
      '--adaptive',
      'search per attack (mutator and framing chains, multi-turn escalation) within --budget queries, instead of replaying the plan',
    )
    .option('--budget <n>', 'target queries per attack for --adaptive (default 30)')
    .option(
      '--attacker-url <url>',
      'optional attacker model (OpenAI-compatible base URL) that rewrites payloads in --adaptive; off by default',
    )
    .option('--attacker-model <model>', 'model of the attacker')
    .addOption(
      new Option('--attacker-key-env <var>', 'environment variable holding the attacker API key').default(
        'RAMPART_ATTACKER_API_KEY',
      ),
    )
    .option('--baseline <results.jsonl>', "a previous run's results.jsonl: report what got better or worse")
    .action(async (o: RedteamArgs) => {
      try {
        const { redteamCommand } = await import('./redteam.js');
        setExit(await redteamCommand(o, io));
      } catch (e) {
        if (e instanceof RampartError) {
          io.err(`rampart: ${e.code}: ${e.message}`);
          setExit(REDTEAM_EXIT.error);
          return;
        }
        io.err(`rampart: internal error (${(e as Error)?.name ?? 'unknown'}); please report it`);
        if (process.env.RAMPART_DEBUG) io.err(String((e as Error)?.stack));
        setExit(REDTEAM_EXIT.error);
      }
    });
}
