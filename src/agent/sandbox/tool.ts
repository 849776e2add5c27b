// run_javascript as an agent tool: the model supplies code, the host supplies every limit and capability.
import { z } from 'zod';
import { RampartError } from '../../core/errors.js';
import { runSandboxed } from './sandbox.js';
import type { SandboxOptions, SandboxResult } from './types.js';

const Args = z.object({ code: z.string() }).strict();

export interface SandboxTool {
  name: 'run_javascript';
  description: string;
  parameters: {
    type: 'object';
    properties: { code: { type: 'string'; description: string } };
    required: ['code'];
    additionalProperties: false;
  };
  execute(args: unknown): Promise<SandboxResult>;
}

/** Options are fixed by the host when the tool is built; the model can choose only the code. */
export function sandboxTool(options: SandboxOptions = {}): SandboxTool {
  const names = Object.keys(options.capabilities ?? {});
  return {
    name: 'run_javascript',
    description:
      'Run JavaScript in an isolated sandbox and return the value of its last expression (awaited if a promise). ' +
      'No network, files, timers or modules. `input` holds the provided data' +
      (names.length ? `; callable host functions: ${names.join(', ')}.` : '.'),
    parameters: {
      type: 'object',
      properties: {
        code: { type: 'string', description: 'JavaScript source; the last expression is the result' },
      },
      required: ['code'],
      additionalProperties: false,
    },
    async execute(args: unknown): Promise<SandboxResult> {
      const parsed = Args.safeParse(args);
      if (!parsed.success) throw new RampartError('INPUT_INVALID', 'run_javascript expects {"code": string}');
      return runSandboxed(parsed.data.code, options);
    },
  };
}
