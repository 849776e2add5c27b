// `rampart redteam`: attack a target (the built-in model, the in-process gateway, or any OpenAI-compatible
// URL) with the attack library, and report the attack success rate. Exit 0 done, 1 ASR above --fail-on-asr
// (the CI gate), 2 usage or configuration error.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import { RampartError } from '../core/errors.js';
import { expandPlan } from '../redteam/expand.js';
import { createJudge, llmJudge } from '../redteam/judges/index.js';
import { defaultPlan, loadPlanFile, parsePlan, type RedteamPlan } from '../redteam/plan.js';
import { attackerModel, DEFAULT_ADAPTIVE_BUDGET, runAdaptive } from '../redteam/adaptive.js';
import {
  compareBaseline,
  readBaseline,
  summarizeAdaptive,
  type AdaptiveSummary,
} from '../redteam/report/adaptive.js';
import { formatCategoryTable, pct } from '../redteam/report/summary.js';
import { openResults } from '../redteam/results-file.js';
import { writeReports } from '../redteam/report/write.js';
import { runRedteam, type RunProgress } from '../redteam/runner.js';
import { httpTarget } from '../redteam/targets/http-target.js';
import type { RedteamTarget } from '../redteam/types.js';
import { REDTEAM_EXIT, type RedteamArgs, type RedteamCliIo } from './redteam-args.js';

// The command's definition lives in redteam-command.ts (light to import, it loads this module when the
// command runs); both share redteam-args.ts, so neither imports the other statically.
export type { RedteamArgs, RedteamCliIo } from './redteam-args.js';

const usage = (message: string) => new RampartError('INPUT_INVALID', message);

function intArg(name: string, v: string | undefined, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw usage(`${name} must be an integer from ${min} to ${max}`);
  return n;
}

function numArg(name: string, v: string | undefined, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max)
    throw usage(`${name} must be a number from ${min} to ${max}`);
  return n;
}

function keyFrom(envVar: string | undefined): string | undefined {
  if (!envVar) return undefined;
  const key = process.env[envVar];
  if (!key) throw usage(`environment variable ${envVar} (--api-key-env / --judge-key-env) is not set`);
  return key;
}

function checkedUrl(name: string, v: string): string {
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    throw usage(`${name} must be an http(s) URL of an OpenAI-compatible API`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw usage(`${name} must be http or https`);
  if (url.username || url.password) throw usage(`${name} must not carry credentials: use the key env option`);
  return url.href;
}

async function openTarget(
  a: RedteamArgs,
  timeoutMs: number,
): Promise<RedteamTarget & { close?: () => Promise<void> }> {
  // The local and gateway targets load the gateway only when chosen, so the CLI's other commands start fast.
  if (a.target === 'local') return (await import('../redteam/targets/local-target.js')).localTarget();
  if (a.target === 'gateway')
    return (await import('../redteam/targets/gateway-target.js')).gatewayTarget(
      a.policy ? { policy: a.policy } : {},
    );
  let url: URL;
  try {
    url = new URL(a.target);
  } catch {
    throw usage('--target must be local, gateway, or an http(s) URL of an OpenAI-compatible API');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw usage('--target URL must be http or https');
  if (url.username || url.password) throw usage('--target URL must not carry credentials: use --api-key-env');
  if (!a.model) throw usage('--model is required with a URL target');
  return httpTarget({ url: url.href, model: a.model, apiKey: keyFrom(a.apiKeyEnv), timeoutMs });
}

/** A resumed run must be the same run: same seed and plan, so case ids map to the same values. */
function checkResume(
  out: string,
  meta: { seed: number; plan: RedteamPlan; target: string },
  resume: boolean,
) {
  const path = join(out, 'run.json');
  if (resume && existsSync(path)) {
    let prev: { seed?: unknown; plan?: unknown };
    try {
      prev = JSON.parse(readFileSync(path, 'utf8')) as { seed?: unknown; plan?: unknown };
    } catch {
      throw new RampartError('CONFIG_INVALID', `${path} is not readable JSON: cannot resume`);
    }
    if (prev.seed !== meta.seed || JSON.stringify(prev.plan) !== JSON.stringify(meta.plan))
      throw usage(`--resume: ${out} holds a run with another seed or plan; use a new --out or drop --resume`);
  }
  mkdirSync(out, { recursive: true });
  writeFileSync(path, `${JSON.stringify(meta, null, 2)}\n`);
}

function progressReporter(io: RedteamCliIo, tty: boolean) {
  if (tty) {
    const bar = new cliProgress.SingleBar(
      {
        stream: process.stderr,
        format:
          'redteam [{bar}] {value}/{total} | successes {successes} | blocked {blocked} | errors {errors} | eta {eta}s',
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    const counts = { successes: 0, blocked: 0, errors: 0 };
    return {
      update(p: RunProgress) {
        if (p.result) {
          if (p.result.success) counts.successes++;
          if (p.result.blocked) counts.blocked++;
          if (p.result.error) counts.errors++;
        }
        if (!started) {
          bar.start(p.total, p.done, counts);
          started = true;
        } else bar.update(p.done, counts);
      },
      stop: () => started && bar.stop(),
    };
  }
  let lastDecile = -1;
  return {
    update(p: RunProgress) {
      const decile = p.total === 0 ? 10 : Math.floor((p.done / p.total) * 10);
      if (decile !== lastDecile) {
        lastDecile = decile;
        io.err(`redteam: ${p.done}/${p.total} cases done${p.skipped ? ` (${p.skipped} resumed)` : ''}`);
      }
    },
    stop: () => {},
  };
}

/**
 * `--limit N`: N cases taken round-robin across categories (in plan order within each), so a quick smoke
 * run still covers every category. Deterministic.
 */
export function firstAcrossCategories<T extends { case: { category: string } }>(
  cases: readonly T[],
  n: number,
): T[] {
  const groups = new Map<string, T[]>();
  for (const c of cases) {
    const g = groups.get(c.case.category);
    if (g) g.push(c);
    else groups.set(c.case.category, [c]);
  }
  const lists = [...groups.values()];
  const out: T[] = [];
  for (let i = 0; out.length < n && lists.some((l) => i < l.length); i++)
    for (const l of lists) if (i < l.length && out.length < n) out.push(l[i]!);
  return out;
}

export async function redteamCommand(a: RedteamArgs, io: RedteamCliIo): Promise<number> {
  const timeoutMs = intArg('--timeout-ms', a.timeoutMs, 100, 3_600_000)!;
  const concurrency = intArg('--concurrency', a.concurrency, 1, 256)!;
  const rate = numArg('--rate', a.rate, 0.001, 100_000);
  const maxTurns = intArg('--max-turns', a.maxTurns, 1, 12);
  const limit = intArg('--limit', a.limit, 1, 1_000_000);
  const failOnAsr = numArg('--fail-on-asr', a.failOnAsr, 0, 1);
  const seedArg = intArg('--seed', a.seed, 0, 0xffffffff);
  if ((a.judgeUrl === undefined) !== (a.judgeModel === undefined))
    throw usage('--judge-url and --judge-model go together');
  const budget = intArg('--budget', a.budget, 1, 10_000);
  if (!a.adaptive && (budget !== undefined || a.attackerUrl || a.attackerModel))
    throw usage('--budget, --attacker-url and --attacker-model need --adaptive');
  if ((a.attackerUrl === undefined) !== (a.attackerModel === undefined))
    throw usage('--attacker-url and --attacker-model go together');
  if (a.adaptive && a.resume) throw usage('--resume does not apply to --adaptive runs');
  const baseline = a.baseline === undefined ? undefined : readBaseline(a.baseline);

  let plan = a.plan ? loadPlanFile(a.plan) : defaultPlan();
  if (seedArg !== undefined) plan = { ...plan, seed: seedArg };
  if (maxTurns !== undefined) plan = parsePlan({ ...plan, maxTurns });
  // The adaptive search starts from each attack's static case (unmutated, single turn) and finds its own
  // chain: the plan's categories, languages and ids choose the attacks; its mutators and strategies are the
  // search's to pick.
  let cases = expandPlan(
    a.adaptive ? { ...plan, baseline: true, mutators: [], strategies: [] } : plan,
    plan.seed,
  );
  if (limit !== undefined) cases = firstAcrossCategories(cases, limit);

  const judge = createJudge(
    a.judgeUrl && a.judgeModel
      ? {
          llm: llmJudge({
            url: a.judgeUrl,
            model: a.judgeModel,
            apiKey: process.env[a.judgeKeyEnv] || undefined,
            timeoutMs,
          }),
        }
      : {},
  );
  const attacker =
    a.attackerUrl && a.attackerModel
      ? attackerModel({
          url: checkedUrl('--attacker-url', a.attackerUrl),
          model: a.attackerModel,
          apiKey: process.env[a.attackerKeyEnv] || undefined,
          timeoutMs,
        })
      : undefined;
  const target = await openTarget(a, timeoutMs);
  const ac = new AbortController();
  const onSigint = () => {
    io.err('redteam: interrupted; finishing the cases in flight (rerun with --resume to continue)');
    ac.abort();
  };
  process.once('SIGINT', onSigint);
  const progress = progressReporter(io, io.isTTY ?? Boolean(process.stderr.isTTY));
  let run;
  let adaptive: AdaptiveSummary | undefined;
  try {
    checkResume(a.out, { seed: plan.seed, plan, target: target.name }, Boolean(a.resume));
    io.err(
      `redteam: ${cases.length} ${a.adaptive ? 'attacks (adaptive)' : 'cases'} against ${target.name} (seed ${plan.seed}); results in ${a.out}`,
    );
    if (a.adaptive) {
      const writer = openResults(a.out, false);
      const ad = await runAdaptive({
        target,
        cases,
        budget: budget ?? DEFAULT_ADAPTIVE_BUDGET,
        seed: plan.seed,
        maxTurns: plan.maxTurns,
        judge,
        concurrency,
        ratePerSecond: rate,
        ...(attacker ? { attacker } : {}),
        signal: ac.signal,
        onProgress: (p) => {
          if (p.result) writer.append(p.result);
          progress.update({
            done: p.done,
            total: p.total,
            skipped: 0,
            ...(p.result ? { result: p.result } : {}),
          });
        },
      });
      adaptive = summarizeAdaptive(ad);
      run = { target: ad.target, results: ad.results, skipped: 0 };
    } else
      run = await runRedteam({
        target,
        cases,
        concurrency,
        ratePerSecond: rate,
        maxTurns: plan.maxTurns,
        out: a.out,
        resume: Boolean(a.resume),
        judge,
        signal: ac.signal,
        onProgress: (p) => progress.update(p),
      });
  } finally {
    progress.stop();
    process.removeListener('SIGINT', onSigint);
    await target.close?.();
  }

  const summary = writeReports(
    a.out,
    run.results,
    { target: target.name, seed: plan.seed, plan: a.plan ?? 'default' },
    {
      ...(adaptive ? { adaptive } : {}),
      ...(baseline ? { baseline: compareBaseline(run.results, baseline) } : {}),
    },
  );
  io.out(formatCategoryTable(summary));
  if (adaptive) {
    const q = adaptive.queries_to_first_success;
    io.out(
      `adaptive (budget ${adaptive.budget}): static ASR ${pct(adaptive.asr_static)} → adaptive ASR ${pct(adaptive.asr_adaptive)}; ` +
        `median queries to first success ${q.median ?? '-'}`,
    );
  }
  if (summary.baseline) {
    const b = summary.baseline;
    io.out(
      `baseline: ${b.newly_successful.length} attacks succeed now that did not, ${b.no_longer_successful.length} no longer succeed (of ${b.compared})`,
    );
  }
  io.out('');
  io.out(
    `ASR ${pct(summary.asr)} (${summary.successes}/${summary.ran}; ${summary.blocked} blocked, ${summary.errors} errors). ` +
      `Reports: ${join(a.out, 'summary.json')}, ${join(a.out, 'report.html')}, ${join(a.out, 'junit.xml')}, ${join(a.out, 'promptfoo.json')}`,
  );
  if (ac.signal.aborted)
    io.err(`redteam: stopped early: ${run.results.length}/${cases.length} cases in the reports`);
  if (failOnAsr !== undefined && summary.asr > failOnAsr) {
    io.err(`redteam: ASR ${pct(summary.asr)} is above --fail-on-asr ${pct(failOnAsr)}`);
    return REDTEAM_EXIT.asrAboveThreshold;
  }
  return REDTEAM_EXIT.ok;
}
