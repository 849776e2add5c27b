// The guard pipeline: canonicalize each segment once, run the stage's scanners cheapest first, map every
// finding back to the original text, and let the policy turn findings into one action.
// Pure: the canonicalizer, scanners and policy arrive as values, so core/ imports nothing of ours.
import { worst } from './actions.js';
import { RampartError } from './errors.js';
import type { OffsetMap } from './offset-map.js';
import type {
  Action,
  Decision,
  Finding,
  Logger,
  ScanContext,
  Scanner,
  ScannerFinding,
  Segment,
  Span,
  Stage,
  Trust,
} from './types.js';
import { STAGES, TRUSTS } from './types.js';
import { utf8Length } from './utf8.js';

/** What a canonicalizer gives the pipeline (normalize/ provides the real one). */
export interface CanonicalView {
  text: string;
  map: OffsetMap;
  signals: readonly ScannerFinding[];
  derived: ReadonlyArray<{ text: string; span: Span; via: string }>;
}

export interface ScannerPlan {
  scanner: Scanner;
  /** The scanner's options as its schema parsed them (when the policy loaded). */
  options: unknown;
  /** Findings scoring below this are dropped. */
  threshold: number;
  /** When true, a scanner error or timeout is recorded but does not block. Off by default: fail closed. */
  failOpen: boolean;
  timeoutMs: number;
}

export interface GuardPlan {
  scanners: Partial<Record<Stage, readonly ScannerPlan[]>>;
  actionFor(stage: Stage, category: string, score: number): Action;
  maxInputBytes: number;
  collectAll: boolean;
  canonicalize(text: string): CanonicalView;
  log: Logger;
}

export interface CheckOptions {
  canaries?: readonly string[];
  systemPrompts?: readonly string[];
}

const COST_ORDER = { cheap: 0, model: 1, remote: 2 } as const;

/** Stable sort by cost: cheap rules run first so an obvious attack never waits for a model. */
export function orderByCost(plans: readonly ScannerPlan[]): ScannerPlan[] {
  return plans
    .map((p, i) => ({ p, i }))
    .sort((a, b) => COST_ORDER[a.p.scanner.cost] - COST_ORDER[b.p.scanner.cost] || a.i - b.i)
    .map(({ p }) => p);
}

export function toSegments(input: unknown, defaultTrust: Trust): Segment[] {
  if (typeof input === 'string') return [{ text: input, trust: defaultTrust }];
  if (!Array.isArray(input))
    throw new RampartError('INPUT_INVALID', 'input must be a string or an array of segments');
  return input.map((seg: unknown, i) => {
    if (typeof seg !== 'object' || seg === null)
      throw new RampartError('INPUT_INVALID', `segment ${i} is not an object`);
    const { text, trust, role, source } = seg as Record<string, unknown>;
    if (typeof text !== 'string')
      throw new RampartError('INPUT_INVALID', `segment ${i}: text must be a string`);
    if (!TRUSTS.includes(trust as Trust))
      throw new RampartError('INPUT_INVALID', `segment ${i}: trust must be one of ${TRUSTS.join(', ')}`);
    const out: Segment = { text, trust: trust as Trust };
    if (typeof role === 'string') out.role = role;
    if (typeof source === 'string') out.source = source;
    return out;
  });
}

const now = (): number => performance.now();

/** Decoded characters in one check past which scanners read the texts as sent before any decoded text. */
export const LATE_DERIVED = 64 * 1024;

class ScannerTimeout extends Error {}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ScannerTimeout()), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/**
 * One scanner on one text; over its time budget (counted from `t0`, the scanner's start) → ScannerTimeout.
 * A plain function rather than a closure per scanner and segment: this runs on every request. A synchronous
 * scanner's result comes back as is (no promise, no timer): the caller awaits only what is a promise.
 */
function scanOne(
  p: ScannerPlan,
  text: string,
  ctx: ScanContext,
  t0: number,
): readonly ScannerFinding[] | Promise<readonly ScannerFinding[]> {
  const out = p.scanner.scan(text, ctx);
  if (out instanceof Promise) return scanOneAsync(p, out, t0);
  if (now() - t0 > p.timeoutMs) throw new ScannerTimeout();
  return out;
}

async function scanOneAsync(
  p: ScannerPlan,
  out: Promise<readonly ScannerFinding[]>,
  t0: number,
): Promise<readonly ScannerFinding[]> {
  const res = await withTimeout(out, p.timeoutMs);
  if (now() - t0 > p.timeoutMs) throw new ScannerTimeout();
  return res;
}

interface Prepared {
  segment: Segment;
  view: CanonicalView | undefined;
}

export async function runCheck(
  plan: GuardPlan,
  stage: Stage,
  input: string | readonly Segment[],
  opts: CheckOptions = {},
): Promise<Decision> {
  const started = now();
  if (!STAGES.includes(stage))
    throw new RampartError('INPUT_INVALID', `unknown stage; expected one of ${STAGES.join(', ')}`);
  const segments = toSegments(input, 'user');
  // A UTF-16 code unit is at most 3 UTF-8 bytes (a surrogate pair, 2 units, is 4), so 3 × length bounds
  // the size: count the exact bytes only when that bound is over the limit (the common prompt is far under).
  let units = 0;
  for (const s of segments) units += s.text.length;
  let bytes = 0;
  if (units * 3 > plan.maxInputBytes) for (const s of segments) bytes += utf8Length(s.text);
  if (bytes > plan.maxInputBytes)
    throw new RampartError(
      'INPUT_TOO_LARGE',
      `input is ${bytes} bytes; the limit is ${plan.maxInputBytes} bytes`,
    );

  const findings: Finding[] = [];
  const timingsMs: Record<string, number> = {};
  const skipped: NonNullable<Decision['skipped']> = [];
  let action = 'allow' as Action;
  const record = (f: Finding, a: Action): void => {
    f.action = a;
    findings.push(f);
    action = worst(action, a);
  };

  // Canonicalize lazily: only segments that some scanner of this stage will read.
  const plans = plan.scanners[stage] ?? [];
  const prepared: Prepared[] = segments.map((segment) => ({ segment, view: undefined }));
  const applies = (p: ScannerPlan, s: Segment): boolean =>
    !p.scanner.trusts || p.scanner.trusts.includes(s.trust);
  const tCanon = now();
  prepared.forEach((pr, i) => {
    if (pr.segment.text.length === 0 || !plans.some((p) => applies(p, pr.segment))) return;
    pr.view = plan.canonicalize(pr.segment.text);
    for (const sig of pr.view.signals) {
      const f: Finding = { ...sig, scanner: 'canonicalize', segment: i };
      record(f, plan.actionFor(stage, f.category, f.score));
    }
  });
  const canaries = opts.canaries ?? [];
  const systemPrompts = opts.systemPrompts ?? [];
  // One clock read ends a step and starts the next (performance.now() costs ~60 ns, a dozen times per check).
  let tEnd = now();
  timingsMs.canonicalize = tEnd - tCanon;

  // Stop at the first blocking verdict (collect_all: false): no later scanner (or pass, below) can change it.
  // A scanner that blocks still finishes the texts it was given, so its findings (and scores) are complete.
  const stopped = (): boolean => action === 'block' && !plan.collectAll;
  const memo = new Map<string, unknown>();
  // Each scanner (cheapest first) reads the texts as sent (canonical), then the decoded blobs (base64, hex, …),
  // whose findings point at the encoded blob. Past LATE_DERIVED decoded characters (layers of nested encodings
  // can hold several times the input) that is two passes: every scanner on the texts as sent, then every
  // scanner on the decoded text, so a verdict on the text itself (often the model's, on a megabyte of base64)
  // spares the cheap scanners from reading every layer first.
  let decoded = 0;
  for (const pr of prepared) for (const d of pr.view?.derived ?? []) decoded += d.text.length;
  const passes: ReadonlyArray<{ main: boolean; derived: boolean }> =
    decoded > LATE_DERIVED
      ? [
          { main: true, derived: false },
          { main: false, derived: true },
        ]
      : [{ main: true, derived: true }];
  const states = plans.map(() => ({ ran: false, failed: false, ms: 0 }));
  for (const pass of passes) {
    for (let k = 0; k < plans.length; k++) {
      const p = plans[k]!;
      const st = states[k]!;
      if (stopped() || st.failed) continue;
      const name = p.scanner.name;
      // The scanner's time budget counts its time in both passes.
      const t0 = tEnd - st.ms;
      const blocks = plan.collectAll
        ? undefined
        : (category: string, score: number): boolean =>
            score >= p.threshold && plan.actionFor(stage, category, score) === 'block';
      try {
        for (let i = 0; i < prepared.length; i++) {
          const { segment, view } = prepared[i]!;
          if (!view || !applies(p, segment)) continue;
          st.ran = true;
          const ctx: ScanContext = {
            stage,
            trust: segment.trust,
            original: segment.text,
            options: p.options,
            canaries,
            systemPrompts,
            log: plan.log,
            memo,
          };
          if (blocks) ctx.blocks = blocks;
          if (pass.main) {
            const main = scanOne(p, view.text, ctx, t0);
            for (const sf of main instanceof Promise ? await main : main) {
              if (sf.score < p.threshold) continue;
              const span = sf.span ? view.map.toOriginal(sf.span) : undefined;
              const f: Finding = { ...sf, scanner: name, segment: i, ...(span ? { span } : {}) };
              record(f, plan.actionFor(stage, f.category, f.score));
            }
          }
          if (!pass.derived) continue;
          for (const d of view.derived) {
            const sub = scanOne(p, d.text, ctx, t0);
            for (const sf of sub instanceof Promise ? await sub : sub) {
              if (sf.score < p.threshold) continue;
              const f: Finding = {
                ...sf,
                scanner: name,
                segment: i,
                span: d.span,
                via: sf.via ? `${d.via}>${sf.via}` : d.via,
              };
              record(f, plan.actionFor(stage, f.category, f.score));
            }
          }
        }
      } catch (cause) {
        st.failed = true;
        const timedOut = cause instanceof ScannerTimeout;
        // Never log the scanned text or the error message (it may quote input); the class name is enough.
        plan.log.warn(
          { scanner: name, stage, error: timedOut ? 'timeout' : ((cause as Error)?.name ?? 'unknown') },
          'scanner failed',
        );
        const f: Finding = {
          scanner: name,
          category: 'scanner.error',
          score: 1,
          message: timedOut ? `${name} exceeded its ${p.timeoutMs} ms budget` : `${name} failed`,
          signals: [timedOut ? 'timeout' : 'exception'],
        };
        record(f, p.failOpen ? 'allow' : plan.actionFor(stage, 'scanner.error', 1));
      }
      const t1 = now();
      st.ms += t1 - tEnd;
      tEnd = t1;
    }
  }
  for (let k = 0; k < plans.length; k++) {
    const name = plans[k]!.scanner.name;
    const st = states[k]!;
    if (st.ran || st.failed) timingsMs[name] = (timingsMs[name] ?? 0) + st.ms;
    else skipped.push({ scanner: name, reason: stopped() ? 'blocked_earlier' : 'no_applicable_segment' });
  }
  timingsMs.total = tEnd - started;
  const decision: Decision = { action, stage, findings, timingsMs };
  if (skipped.length) decision.skipped = skipped;
  return decision;
}
