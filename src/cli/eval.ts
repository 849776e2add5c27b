// `rampart eval --data FILE.jsonl`: detection quality of the configured guard on labelled rows.
import { SingleBar, Presets } from 'cli-progress';
import type { Trust } from '../core/types.js';
import type { Guard } from '../policy/create-guard.js';
import { countLines } from '../eval/jsonl.js';
import { runInjectionEval } from '../eval/injection-eval.js';
import { formatEvalRun } from '../eval/format-report.js';
import type { CliIo } from './scan.js';

export interface EvalArgs {
  data: string;
  format: 'text' | 'json';
  trust: Trust;
}

export async function evalCommand(guard: Guard, args: EvalArgs, io: CliIo): Promise<number> {
  let bar: SingleBar | undefined;
  if (io.isTTY && args.format === 'text') {
    bar = new SingleBar(
      { stream: process.stderr, clearOnComplete: true, hideCursor: true },
      Presets.shades_classic,
    );
    bar.start(await countLines(args.data), 0);
  }
  try {
    const run = await runInjectionEval(guard, {
      path: args.data,
      trust: args.trust,
      onRow: bar ? (n) => n % 50 === 0 && bar.update(n) : undefined,
    });
    bar?.stop();
    for (const m of run.malformed.slice(0, 20)) io.err(`${args.data}:${m.line}: skipped: ${m.error}`);
    if (run.malformed.length > 20) io.err(`… and ${run.malformed.length - 20} more malformed lines`);
    io.out(args.format === 'json' ? JSON.stringify(run.summary) : formatEvalRun(run, args.data));
    return 0;
  } finally {
    bar?.stop();
  }
}
