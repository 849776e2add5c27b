// The `rampart redteam` command definition: its options and defaults, the usage line, and how errors become
// exit 2 with a one-line message. Only argument errors are exercised here (they fail before any case runs);
// full runs are in test/redteam/runner-cli.test.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_REDTEAM_OUT, REDTEAM_EXIT, registerRedteamCommand } from '../../src/cli/redteam-command.js';

const outDir = mkdtempSync(join(tmpdir(), 'rt-cmd-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

function setup() {
  const out: string[] = [];
  const err: string[] = [];
  const codes: number[] = [];
  const program = new Command().exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  const cmd = registerRedteamCommand(
    program,
    { out: (s) => out.push(s), err: (s) => err.push(s), isTTY: false },
    (c) => codes.push(c),
  );
  cmd.exitOverride();
  return { program, cmd, out, err, codes };
}

async function run(args: string[]) {
  const s = setup();
  await s.program.parseAsync(['redteam', ...args, '--out', outDir], { from: 'user' });
  return s;
}

describe('registerRedteamCommand', () => {
  it('registers `redteam` with its options and defaults', () => {
    const { program, cmd } = setup();
    expect(program.commands.map((c) => c.name())).toEqual(['redteam']);
    expect(cmd.name()).toBe('redteam');
    expect(cmd.options.map((o) => o.long)).toEqual([
      '--target',
      '--model',
      '--api-key-env',
      '--policy',
      '--plan',
      '--seed',
      '--concurrency',
      '--rate',
      '--max-turns',
      '--timeout-ms',
      '--out',
      '--fail-on-asr',
      '--resume',
      '--limit',
      '--judge-url',
      '--judge-model',
      '--judge-key-env',
      '--adaptive',
      '--budget',
      '--attacker-url',
      '--attacker-model',
      '--attacker-key-env',
      '--baseline',
    ]);
    expect(cmd.options.find((o) => o.long === '--target')?.mandatory).toBe(true);
    const defaults = Object.fromEntries(
      cmd.options.filter((o) => o.defaultValue !== undefined).map((o) => [o.long, o.defaultValue]),
    );
    expect(defaults).toEqual({
      '--concurrency': '4',
      '--timeout-ms': '60000',
      '--out': DEFAULT_REDTEAM_OUT,
      '--judge-key-env': 'RAMPART_JUDGE_API_KEY',
      '--attacker-key-env': 'RAMPART_ATTACKER_API_KEY',
    });
    expect(DEFAULT_REDTEAM_OUT).toBe('rampart-redteam');
    expect(cmd.usage()).toBe(
      '--target local|gateway|<url> [--model <model>] [options]   (a URL target needs --model)',
    );
    expect(cmd.description()).toContain('exit 0 done, 1 ASR above --fail-on-asr, 2 error');
  });

  it('keeps the documented exit codes', () => {
    expect(REDTEAM_EXIT).toEqual({ ok: 0, asrAboveThreshold: 1, error: 2 });
  });

  it('is a commander usage error, before the action runs, without --target', async () => {
    const s = setup();
    const e = await s.program.parseAsync(['redteam'], { from: 'user' }).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(CommanderError);
    expect((e as CommanderError).code).toBe('commander.missingMandatoryOptionValue');
    expect((e as CommanderError).message).toContain("required option '--target <target>' not specified");
    expect(s.codes).toEqual([]);
  });

  it('a URL target needs --model: exit 2 with one line naming the rule', async () => {
    const r = await run(['--target', 'http://127.0.0.1:9/v1']);
    expect(r.codes).toEqual([REDTEAM_EXIT.error]);
    expect(r.err).toEqual(['rampart: INPUT_INVALID: --model is required with a URL target']);
    expect(r.out).toEqual([]);
  });

  it.each([
    [
      ['--target', 'https://user:hunter2@api.example.test/v1', '--model', 'm'],
      'rampart: INPUT_INVALID: --target URL must not carry credentials: use --api-key-env',
    ],
    [
      ['--target', 'local', '--concurrency', '0'],
      'rampart: INPUT_INVALID: --concurrency must be an integer from 1 to 256',
    ],
    [
      ['--target', 'local', '--judge-url', 'http://127.0.0.1:9/v1'],
      'rampart: INPUT_INVALID: --judge-url and --judge-model go together',
    ],
  ])('%j → exit 2 with one error line', async (args, line) => {
    const r = await run(args);
    expect(r.codes).toEqual([REDTEAM_EXIT.error]);
    expect(r.err).toEqual([line]);
    expect(r.err.join('\n')).not.toContain('hunter2');
  });
});
