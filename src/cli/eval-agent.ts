// `rampart eval-agent [--format json|text]`: the agent-injection benchmark. The JSON form is a stable interface
// with exactly five keys: tasks, asr_undefended, asr_defended, utility_undefended, utility_defended.
import { Option, type Command } from 'commander';
import { RampartError } from '../core/errors.js';

export interface EvalAgentIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

export async function evalAgentCommand(args: { format: 'json' | 'text' }, io: EvalAgentIo): Promise<number> {
  try {
    // Loaded on use: the benchmark brings the tool firewall (Cedar's WebAssembly engine), which other
    // commands — `rampart serve` above all — should not keep in memory.
    const [{ formatAgentReport }, { runAgentBenchmark, summarize }] = await Promise.all([
      import('../agent/eval/format-report.js'),
      import('../agent/eval/run-benchmark.js'),
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
    .action(async (o: { format: 'json' | 'text' }) => {
      setExit(await evalAgentCommand({ format: o.format }, io));
    });
}
