// `rampart redteam` end to end through commander: reports written, the CI gate's exit code, resume, the
// gateway scoring below the bare model on the same seeded cases, and clear usage errors (exit 2).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerRedteamCommand } from '../../src/cli/redteam-command.js';

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  let code = -1;
  const program = new Command().exitOverride();
  registerRedteamCommand(
    program,
    { out: (s) => out.push(s), err: (s) => err.push(s), isTTY: false },
    (c) => (code = c),
  );
  await program.parseAsync(['redteam', ...args], { from: 'user' });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const summaryOf = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Record<string, unknown> & {
    asr: number;
    attacks: number;
    successes: number;
  };

describe('rampart redteam', () => {
  it('runs against rampart-local, writes the reports, prints the table and fails the gate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rt-cli-'));
    const r = await cli([
      '--target',
      'local',
      '--seed',
      '5',
      '--limit',
      '60',
      '--out',
      dir,
      '--fail-on-asr',
      '0.01',
    ]);
    const s = summaryOf(dir);
    expect(s.attacks).toBe(60);
    expect(Object.keys(s.by_category as object)).toHaveLength(8); // --limit spreads over every category
    expect(s.successes).toBeGreaterThan(0);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/above --fail-on-asr/u);
    expect(r.out).toMatch(/^category\s+attacks\s+success\s+blocked\s+errors\s+ASR/mu);
    expect(r.out).toMatch(/^TOTAL\s+60\s/mu);
    expect(r.err).toMatch(/redteam: 60\/60 cases done/u);
    for (const f of ['results.jsonl', 'report.html', 'junit.xml', 'run.json'])
      expect(readFileSync(join(dir, f), 'utf8').length).toBeGreaterThan(0);

    // Same seed again, resumed: nothing re-runs and the summary is identical.
    const again = await cli(['--target', 'local', '--seed', '5', '--limit', '60', '--out', dir, '--resume']);
    expect(again.code).toBe(0);
    expect(again.err).toMatch(/60 resumed/u);
    expect(summaryOf(dir)).toEqual(s);

    // A fresh run with the same seed reproduces the same results.
    const dir2 = mkdtempSync(join(tmpdir(), 'rt-cli-'));
    await cli(['--target', 'local', '--seed', '5', '--limit', '60', '--out', dir2]);
    expect(summaryOf(dir2)).toEqual(s);

    // Resuming with another seed would mix values: refused.
    const bad = await cli(['--target', 'local', '--seed', '6', '--limit', '60', '--out', dir, '--resume']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/another seed or plan/u);
  });

  it('the gateway target scores lower than rampart-local on the same cases', async () => {
    const a = mkdtempSync(join(tmpdir(), 'rt-cli-'));
    const b = mkdtempSync(join(tmpdir(), 'rt-cli-'));
    await cli(['--target', 'local', '--seed', '9', '--limit', '80', '--out', a]);
    const g = await cli([
      '--target',
      'gateway',
      '--seed',
      '9',
      '--limit',
      '80',
      '--out',
      b,
      '--fail-on-asr',
      '1',
    ]);
    expect(g.code).toBe(0);
    expect(summaryOf(b).asr).toBeLessThan(summaryOf(a).asr);
  });

  it('--adaptive searches within the budget and --baseline compares with a previous run', async () => {
    const base = mkdtempSync(join(tmpdir(), 'rt-cli-'));
    const dir = mkdtempSync(join(tmpdir(), 'rt-cli-'));
    const plain = await cli(['--target', 'local', '--seed', '3', '--limit', '8', '--out', base]);
    expect(plain.code).toBe(0);
    const args = ['--target', 'local', '--seed', '3', '--limit', '8', '--adaptive', '--budget', '4'];
    const r = await cli([...args, '--out', dir, '--baseline', join(base, 'results.jsonl')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/adaptive \(budget 4\): static ASR [\d.]+% → adaptive ASR [\d.]+%/u);
    expect(r.out).toMatch(/^baseline: \d+ attacks succeed now/mu);
    const s = summaryOf(dir) as unknown as {
      attacks: number;
      adaptive: { budget: number; asr_static: number; asr_adaptive: number; by_category: object };
      baseline: { compared: number };
    };
    expect(s.attacks).toBe(8);
    expect(s.adaptive.budget).toBe(4);
    expect(s.adaptive.asr_adaptive).toBeGreaterThanOrEqual(s.adaptive.asr_static);
    expect(s.baseline.compared).toBe(8);
    const rows = readFileSync(join(dir, 'results.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { chain: string[]; queries: number });
    expect(rows).toHaveLength(8);
    for (const row of rows) {
      expect(Array.isArray(row.chain)).toBe(true);
      expect(row.queries).toBeGreaterThanOrEqual(1);
      expect(row.queries).toBeLessThanOrEqual(4);
    }
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('<table id="adaptive">');
    // Same seed, same chains.
    const again = mkdtempSync(join(tmpdir(), 'rt-cli-'));
    await cli([...args, '--out', again]);
    const chains = (d: string) =>
      readFileSync(join(d, 'results.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { id: string; chain: string[] }).chain.join('+'));
    expect(chains(again)).toEqual(chains(dir));
  });

  it.each([
    [['--target', 'ftp://x'], /http or https/u],
    [['--target', 'nonsense'], /--target must be/u],
    [['--target', 'http://127.0.0.1:9/v1'], /--model is required/u],
    [['--target', 'local', '--concurrency', '0'], /--concurrency/u],
    [['--target', 'local', '--fail-on-asr', '2'], /--fail-on-asr/u],
    [
      ['--target', 'http://127.0.0.1:9/v1', '--model', 'm', '--api-key-env', 'RT_TEST_UNSET_VAR'],
      /RT_TEST_UNSET_VAR/u,
    ],
    [['--target', 'local', '--plan', '/nonexistent/plan.yaml'], /CONFIG_NOT_FOUND/u],
    [['--target', 'local', '--budget', '5'], /need --adaptive/u],
    [['--target', 'local', '--adaptive', '--budget', '0'], /--budget must be/u],
    [['--target', 'local', '--adaptive', '--resume'], /--resume does not apply/u],
    [['--target', 'local', '--adaptive', '--attacker-model', 'm'], /go together/u],
    [
      ['--target', 'local', '--adaptive', '--attacker-model', 'm', '--attacker-url', 'ftp://x'],
      /--attacker-url must be http/u,
    ],
    [['--target', 'local', '--baseline', '/nonexistent/results.jsonl'], /--baseline: no such file/u],
  ])('usage error %j → exit 2', async (args, message) => {
    const r = await cli([...args, '--out', mkdtempSync(join(tmpdir(), 'rt-cli-'))]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});
