// Shared by the ReDoS audit shards: finds every regex in src/ by parsing the TypeScript source (so a
// pattern added anywhere is audited without registering it) and runs recheck on it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createHash } from 'node:crypto';
import ts from 'typescript';
import { check, type AttackPattern, type Diagnostics } from 'recheck';
import { injectionPositionsRegex, injectionPrefilterRegex } from '../../src/scanners/injection-rules.js';

export interface FoundPattern {
  /** file:line, relative to the repository root. */
  readonly where: string;
  readonly source: string;
  readonly flags: string;
}

export const REPO_ROOT = join(import.meta.dirname, '..', '..');

function listTs(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listTs(p));
    else if (entry.isFile() && p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

function literalText(node: ts.Node | undefined): string | undefined {
  if (node === undefined) return undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return undefined;
}

/** Regex literals and `new RegExp('…', '…')` / `RegExp('…')` calls whose arguments are literals. */
export function collectPatternsFromSource(fileName: string, text: string): FoundPattern[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: FoundPattern[] = [];
  const where = (node: ts.Node) =>
    `${fileName}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const raw = node.getText(sf);
      const slash = raw.lastIndexOf('/');
      found.push({ where: where(node), source: raw.slice(1, slash), flags: raw.slice(slash + 1) });
    } else if (
      (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'RegExp'
    ) {
      const source = literalText(node.arguments?.[0]);
      const flagsArg = node.arguments?.[1];
      const flags = flagsArg === undefined ? '' : literalText(flagsArg);
      if (source !== undefined && flags !== undefined) found.push({ where: where(node), source, flags });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

export function collectSourcePatterns(root = REPO_ROOT): FoundPattern[] {
  const src = join(root, 'src');
  return listTs(src).flatMap((file) =>
    collectPatternsFromSource(relative(root, file), readFileSync(file, 'utf8')),
  );
}

/** Regexes built at runtime by exported registries; the source parse cannot see them. */
export function runtimePatterns(): FoundPattern[] {
  const prefilter = injectionPrefilterRegex();
  const positions = injectionPositionsRegex();
  return [
    {
      where: 'src/scanners/injection-rules.ts (runtime prefilter)',
      source: prefilter.source,
      flags: prefilter.flags,
    },
    {
      where: 'src/scanners/injection-rules.ts (runtime position scan)',
      source: positions.source,
      flags: positions.flags,
    },
  ];
}

/** Stable shard of a pattern: by content, so shards stay balanced as files change. */
export function shardOf(p: FoundPattern, shards: number): number {
  return createHash('sha1').update(`${p.source}/${p.flags}`).digest().readUInt32BE(0) % shards;
}

// recheck's own budget per pattern. A pattern it cannot decide in this time is reported as 'unknown'
// and fails the audit: a regex too complex to analyse is too complex to trust on untrusted input.
const PER_PATTERN_TIMEOUT_MS = 60_000;
const CONCURRENCY = 4;

export interface AuditProblem {
  readonly where: string;
  readonly pattern: string;
  readonly status: 'vulnerable' | 'unknown';
  readonly detail: string;
}

// recheck's fuzz checker sometimes reports bounded gaps such as `(?:\s+[\p{L}]{1,24}){0,4}?` as
// polynomial: each start position does a bounded amount of work, which is linear in the input, but the
// step counts it samples at small sizes fit a curve. For a *fuzz* (not automaton-proven) polynomial
// verdict we therefore rebuild recheck's own attack string at two sizes, N and 2N pumps, and time both
// in V8, the engine we ship on. Linear work doubles; a real quadratic quadruples. An absolute time alone
// is not a verdict: a bounded gap over a 300 KB attack takes ~100 ms on a loaded CI machine (that once
// failed CI), while a real quadratic on the same string takes minutes.
// Exponential verdicts and automaton-proven verdicts always fail.
export const REPLAY_BUDGET_MS = 100;
/** Growth from N to 2N pumps above which the pattern counts as super-linear (linear: 2, quadratic: 4). */
export const SUPERLINEAR_GROWTH = 3;
/** Attack length (characters) the smaller replay is scaled to: big enough to time, small enough that a quadratic ends. */
const REPLAY_TARGET_CHARS = 40_000;
/** Even if it grows linearly, a pattern slower than this on 2 x 40 KB is too slow to ship. */
const HARD_CEILING_MS = 20 * REPLAY_BUDGET_MS;
const REPEAT_LIMIT_MS = 5 * REPLAY_BUDGET_MS;

/**
 * Time V8 takes to run the pattern over the attack string (global scan, like a scanner would). The
 * pattern is compiled and warmed up on a short prefix first (compiling a large /iu alternation takes
 * tens of ms on its own), and the best of three runs counts: a machine busy with other tests slows one
 * run, while a real super-linear pattern is slow on every run.
 */
export function replayMs(source: string, flags: string, attack: string): number {
  const re = new RegExp(source, flags.includes('g') ? flags : `${flags}g`);
  const scan = (text: string) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0].length === 0) re.lastIndex++;
    }
  };
  scan(attack.slice(0, 256));
  let best = Infinity;
  // Three runs, best counts (a ratio of two single runs failed CI on a GC pause: x3.4 on a linear pattern);
  // only a run already past REPEAT_LIMIT_MS, where a real super-linear pattern is, is not repeated.
  for (let run = 0; run < 3 && (run === 0 || best < REPEAT_LIMIT_MS); run++) {
    const t0 = performance.now();
    scan(attack);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/** recheck's attack string with every pump repeated `n` times (plus its bias), as recheck builds it. */
export function buildAttack(attack: AttackPattern, n: number): string {
  return attack.pumps.map((p) => p.prefix + p.pump.repeat(Math.max(0, n + p.bias))).join('') + attack.suffix;
}

export interface ReplayGrowth {
  readonly ms: number;
  readonly msDouble: number;
  readonly growth: number;
  readonly superLinear: boolean;
}

/** Replays the attack at N and 2N pumps (N scaled so the string is about `targetChars`) and judges the growth. */
export function replayGrowth(
  source: string,
  flags: string,
  attack: AttackPattern,
  targetChars = REPLAY_TARGET_CHARS,
): ReplayGrowth {
  const perPump = Math.max(
    1,
    attack.pumps.reduce((sum, p) => sum + p.pump.length, 0),
  );
  // recheck's own pump count can make a 300 KB string; ~40 KB is enough to tell x2 from x4 and keeps runs short.
  const n = Math.ceil(targetChars / perPump);
  const ms = replayMs(source, flags, buildAttack(attack, n));
  const msDouble = replayMs(source, flags, buildAttack(attack, 2 * n));
  // Below a millisecond the ratio is timer noise; such a pattern is fast whatever its curve.
  const growth = msDouble / Math.max(ms, 1);
  const superLinear =
    msDouble > HARD_CEILING_MS || (msDouble > REPLAY_BUDGET_MS && growth > SUPERLINEAR_GROWTH);
  return { ms, msDouble, growth, superLinear };
}

function describe(p: FoundPattern, d: Diagnostics): AuditProblem | undefined {
  const pattern = `/${p.source}/${p.flags}`;
  if (d.status === 'vulnerable' && d.complexity.type === 'polynomial' && d.complexity.isFuzz) {
    const r = replayGrowth(p.source, p.flags, d.attack);
    if (!r.superLinear) return undefined;
    return {
      where: p.where,
      pattern,
      status: 'vulnerable',
      detail: `${d.complexity.summary}; V8 took ${r.ms.toFixed(0)} ms at N and ${r.msDouble.toFixed(0)} ms at 2N pumps (x${r.growth.toFixed(1)}) of attack: ${d.attack.pattern}`,
    };
  }
  if (d.status === 'vulnerable') {
    return {
      where: p.where,
      pattern,
      status: 'vulnerable',
      detail: `${d.complexity.summary}; attack: ${d.attack.pattern}`,
    };
  }
  if (d.status === 'unknown')
    return { where: p.where, pattern, status: 'unknown', detail: String(d.error.kind) };
  return undefined;
}

// recheck 4.5 rejects the `d` (hasIndices) flag as invalid; it only adds match indices to results and
// does not change what or how a pattern matches, so the pattern is checked without it.
const stripUnsupportedFlags = (flags: string): string => flags.replace('d', '');

/** Runs recheck over the patterns (deduplicated) and returns the ones that are not proven safe. */
export async function auditPatterns(patterns: readonly FoundPattern[]): Promise<AuditProblem[]> {
  const unique = new Map<string, FoundPattern[]>();
  for (const p of patterns) {
    const key = `${p.source}\u0000${p.flags}`;
    unique.set(key, [...(unique.get(key) ?? []), p]);
  }
  const jobs = [...unique.values()];
  const problems: AuditProblem[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < jobs.length; i = next++) {
      const group = jobs[i];
      const first = group?.[0];
      if (group === undefined || first === undefined) continue;
      const d = await check(first.source, stripUnsupportedFlags(first.flags), {
        timeout: PER_PATTERN_TIMEOUT_MS,
        randomSeed: 1, // the fuzz checker is randomized; a fixed seed keeps the audit reproducible
        // Small NFAs get the exact automaton checker; larger ones go straight to the fuzz checker
        // instead of spending most of the budget building an automaton that then times out (5x faster).
        maxNFASize: 3000,
        seeder: 'static',
      });
      for (const p of group) {
        const problem = describe(p, d);
        if (problem !== undefined) problems.push(problem);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return problems.sort((a, b) => (a.where < b.where ? -1 : 1));
}

export function formatProblems(problems: readonly AuditProblem[]): string {
  return problems.map((p) => `${p.where} ${p.status} ${p.pattern}\n    ${p.detail}`).join('\n');
}

/** Audits one of `shards` slices of every pattern (source literals and runtime-built ones). */
export function auditShard(shard: number, shards: number): Promise<AuditProblem[]> {
  return auditPatterns(
    [...collectSourcePatterns(), ...runtimePatterns()].filter((p) => shardOf(p, shards) === shard),
  );
}
