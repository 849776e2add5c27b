// `rampart eval-agent [--format json|text] [--suite injection|intent]`: the agent-injection benchmark. The JSON form
// of the default suite is a stable interface with exactly five keys: tasks, asr_undefended, asr_defended,
// utility_undefended, utility_defended. `--suite intent` runs the intent suite (direct harm, hidden exfiltration,
// targets from the data) under the intent envelope; its JSON is the report's `configs` table. `--ablation` runs both
// suites under issue 21's configurations (ablation.ts); its JSON is `{seed, suites: {injection, intent}}`.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { RampartError } from '../core/errors.js';

export interface EvalAgentIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

export interface EvalAgentArgs {
  format: 'json' | 'text';
  suite?: 'injection' | 'intent';
  phrasings?: 'main' | 'holdout' | 'fresh';
  seed?: number;
  ablation?: boolean;
}

export async function evalAgentCommand(args: EvalAgentArgs, io: EvalAgentIo): Promise<number> {
  try {
    if (args.ablation) {
      const { runAblation, formatAblationReport } = await import('../eval/agent/ablation.js');
      const r = await runAblation(args.seed !== undefined ? { seed: args.seed } : {});
      io.out(args.format === 'json' ? JSON.stringify(r) : formatAblationReport(r));
      return 0;
    }
    if (args.suite === 'intent') {
      const { runIntentBenchmark, formatIntentReport } = await import('../eval/agent/intent-benchmark.js');
      const r = await runIntentBenchmark({
        ...(args.seed !== undefined ? { seed: args.seed } : {}),
        ...(args.phrasings ? { phrasings: args.phrasings } : {}),
      });
      io.out(
        args.format === 'json'
          ? JSON.stringify({ seed: r.seed, phrasings: r.phrasings, tasks: r.tasks, configs: r.configs })
          : formatIntentReport(r),
      );
      return 0;
    }
    // Loaded on use: the benchmark brings the tool firewall (Cedar's WebAssembly engine), which other
    // commands — `rampart serve` above all — should not keep in memory.
    const [{ formatAgentReport }, { runAgentBenchmark, summarize }] = await Promise.all([
      import('../eval/agent/format-report.js'),
      import('../eval/agent/run-benchmark.js'),
    ]);
    const report = await runAgentBenchmark();
    io.out(args.format === 'json' ? JSON.stringify(summarize(report)) : formatAgentReport(report));
    return 0;
  } catch (e) {
    if (e instanceof RampartError) io.err(`rampart: ${e.code}: ${e.message}`);
    else io.err(`rampart: internal error (${(e as Error)?.name ?? 'unknown'}); please report it`);
    return 2;
  }
}

export function registerEvalAgentCommand(
  program: Command,
  io: EvalAgentIo,
  setExit: (code: number) => void,
): Command {
  return program
    .command('eval-agent')
    .description(
      'run the agent-injection benchmark: attack success and task completion of the rampart-local agent with and without the tool firewall',
    )
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(
      new Option('--suite <suite>', 'injection (default) or intent (direct harm, hidden exfiltration)')
        .choices(['injection', 'intent'])
        .default('injection'),
    )
    .addOption(
      new Option('--phrasings <set>', 'intent suite: main or held-out user phrasings')
        .choices(['main', 'holdout', 'fresh'])
        .default('main'),
    )
    .addOption(
      new Option(
        '--ablation',
        "both suites under issue 21's configurations (no defense, firewall+taint+scan with a denying or an approving person, taint alone, scan alone, the intent envelope)",
      ),
    )
    .addOption(
      new Option('--seed <n>', 'intent suite: generation seed').argParser((v) => {
        if (!/^[0-9]{1,9}$/u.test(v)) throw new InvalidArgumentError('must be a non-negative integer');
        return Number(v);
      }),
    )
    .action(
      async (o: {
        format: 'json' | 'text';
        suite: 'injection' | 'intent';
        phrasings: 'main' | 'holdout' | 'fresh';
        seed?: number;
        ablation?: boolean;
      }) => {
        setExit(
          await evalAgentCommand(
            {
              format: o.format,
              suite: o.suite,
              phrasings: o.phrasings,
              ...(o.seed !== undefined ? { seed: o.seed } : {}),
              ...(o.ablation ? { ablation: true } : {}),
            },
            io,
          ),
        );
      },
    );
}
