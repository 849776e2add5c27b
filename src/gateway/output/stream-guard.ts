// Guarding a streamed answer incrementally. Once at least `minReleaseChars` are releasable, a push scans a
// window of that new text plus up to `contextChars` of already-released text (a phone number, a canary or
// a five-word leak n-gram may straddle chunks), and releases it only after the scan passed: a pattern is
// always detected before its last character leaves. Only the tail a pattern could still complete is held
// back (holdback.ts), and a tail that is or may become a verbatim excerpt of the system prompt or a canary
// waits until it ends, so it is scanned whole before any of it leaves (leak-holdback.ts).
//
// Whole-answer conditions (a system prompt leaked in pieces, keyword context far back) are caught by full
// rescans of the released text each time it has grown by FULL_SCAN_GROWTH: geometric, so the total work
// stays linear (about 3x the answer) instead of quadratic, and a final full scan in end() gives the audit
// log the decision over the whole answer.
//
// Fail closed: a guard that throws, a bound that is exceeded, or a redacted secret that would have to be
// cut from text already sent are violations, never passes. After a violation nothing more is emitted.
import { isStopping, worst } from '../../core/actions.js';
import type { Decision, Finding, Span } from '../../core/types.js';
import type { Guard } from '../../policy/create-guard.js';
import { createActionResolver } from '../../policy/actions.js';
import { systemPromptLeakOptions, type SystemPromptLeakSettings } from '../../scanners/system-prompt-leak.js';
import { holdback } from './holdback.js';
import { createLeakHold, type LeakHold } from './leak-holdback.js';
import {
  applyMasks,
  checkOutput,
  errorSignal,
  failClosedDecision,
  type MaskCut,
  type OutputContext,
} from './output-guard.js';

export interface StreamGuardOptions {
  /** Longest tail held back for a pattern that may still complete. Default 256. */
  maxHoldChars?: number;
  /** Longest answer accepted; more is a violation. Default: the policy's limits.max_input_bytes. */
  maxAnswerChars?: number;
  /**
   * Already-released characters rescanned with each new piece. Default 512 when system prompts are given
   * (about 70 words: a 50-n-gram verbatim excerpt fits in one window), else 256 (canaries in their spaced
   * or hex forms, phone numbers, keyword-gated secrets).
   */
  contextChars?: number;
  /** Releasable characters gathered before a scan, so token-sized chunks do not each pay for a window. Default 16. */
  minReleaseChars?: number;
  /** Longest private key block held whole until its END line. Default 8192. */
  maxBlockHoldChars?: number;
  /**
   * Longest text held back as a possible system prompt excerpt or canary; more stops the stream
   * (output.hold_overflow). Default 8192.
   */
  maxLeakHoldChars?: number;
}

export interface StreamStep {
  /** Text to send now (masked, vault placeholders restored); may be ''. */
  emit: string;
  /** Set when the answer must stop: end the stream with finish_reason 'content_filter'. */
  violation?: Decision;
}

export interface StreamEnd extends StreamStep {
  /** The decision over the whole answer, for the audit log (no text). */
  decision: Decision;
}

export interface StreamGuard {
  push(delta: string): Promise<StreamStep>;
  end(): Promise<StreamEnd>;
}

const DEFAULT_MAX_HOLD = 256;
const DEFAULT_CONTEXT = 256;
const DEFAULT_CONTEXT_WITH_PROMPTS = 512;
const DEFAULT_MIN_RELEASE = 16;
const DEFAULT_BLOCK_HOLD = 8192;
const DEFAULT_LEAK_HOLD = 8192;
/** Released characters read for prompt n-grams that straddle the release boundary (n-1 words). */
const LEAK_CONTEXT = 256;
const FULL_SCAN_MIN = 2048;
const FULL_SCAN_GROWTH = 1.5;
/** Findings kept for the audit decision; a hostile answer with a million e-mails must not grow it without bound. */
const MAX_RECORDED_FINDINGS = 1000;
/** How far a window start moves forward to avoid beginning in the middle of a token. */
const ALIGN_LIMIT = 64;

const isSpaceChar = (s: string): boolean => /\s/u.test(s);

/** Sorted, non-overlapping masked ranges (absolute offsets in the raw answer). */
class MaskedRanges {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  add(start: number, end: number): void {
    const n = this.ends.length;
    if (n > 0 && start <= this.ends[n - 1]!) this.ends[n - 1] = Math.max(this.ends[n - 1]!, end);
    else {
      this.starts.push(start);
      this.ends.push(end);
    }
  }

  /** Whether [a, b) overlaps any masked range. */
  overlaps(a: number, b: number): boolean {
    const r = this.firstEndingAfter(a);
    return r < this.starts.length && this.starts[r]! < b;
  }

  private firstEndingAfter(a: number): number {
    let lo = 0;
    let hi = this.ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ends[mid]! <= a) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Whether every non-space character of raw[a, b) lies inside a masked range. */
  covers(raw: (i: number) => string, a: number, b: number): boolean {
    // Ranges arrive in increasing order, so a binary search finds the first one that can matter.
    let r = this.firstEndingAfter(a);
    for (let i = a; i < b; i++) {
      while (r < this.ends.length && this.ends[r]! <= i) r++;
      if (r < this.starts.length && this.starts[r]! <= i) continue;
      if (!isSpaceChar(raw(i))) return false;
    }
    return true;
  }
}

export function createStreamGuard(
  guard: Guard,
  ctx: OutputContext,
  opts: StreamGuardOptions = {},
): StreamGuard {
  const maxHold = Math.max(1, opts.maxHoldChars ?? DEFAULT_MAX_HOLD);
  const contextChars = Math.max(
    0,
    opts.contextChars ?? (ctx.systemPrompts.length > 0 ? DEFAULT_CONTEXT_WITH_PROMPTS : DEFAULT_CONTEXT),
  );
  const minRelease = Math.max(1, opts.minReleaseChars ?? DEFAULT_MIN_RELEASE);
  const maxBlockHold = Math.max(maxHold, opts.maxBlockHoldChars ?? DEFAULT_BLOCK_HOLD);
  const maxAnswer = opts.maxAnswerChars ?? guard.policy.limits.max_input_bytes;
  const maxLeakHold = Math.max(maxHold, opts.maxLeakHoldChars ?? DEFAULT_LEAK_HOLD);
  const leakHold = leakHoldFor(guard, ctx);

  // Raw (unmasked) released text: parts joined only at full scans, plus a short recent tail for windows,
  // so a push never copies the whole answer.
  let releasedParts: string[] = [];
  let releasedLen = 0;
  let recent = '';
  let pending = '';
  let nextFullScanAt = FULL_SCAN_MIN;
  const masked = new MaskedRanges();
  const recorded = new Map<string, Finding>();
  let overall: Decision['action'] = 'allow';
  const timingsMs: Record<string, number> = {};
  let violation: Decision | undefined;
  let ended = false;
  /** Characters the leak hold back kept at its last look (0: none), and pending's length then. */
  let leakHeldLen = 0;
  let leakCheckedAt = 0;

  const record = (f: Finding): void => {
    if (f.action) overall = worst(overall, f.action);
    const key = `${f.scanner}|${f.category}|${f.span?.[0] ?? ''}|${f.span?.[1] ?? ''}`;
    if (!recorded.has(key) && recorded.size < MAX_RECORDED_FINDINGS) recorded.set(key, f);
  };

  const stop = (d: Decision): StreamStep => {
    violation = d;
    overall = worst(overall, d.action === 'allow' ? 'block' : d.action);
    for (const f of d.findings) record(f);
    pending = '';
    releasedParts = [];
    recent = '';
    return { emit: '', violation: d };
  };

  const windowStart = (full: boolean): number => {
    if (full) return 0;
    const recentStart = releasedLen - recent.length;
    const ws = Math.max(recentStart, releasedLen - contextChars);
    if (ws === 0 || ws === releasedLen || ws === recentStart) return ws;
    if (isSpaceChar(recent[ws - 1 - recentStart]!)) return ws;
    // Start after a space when one is near, so the window does not begin with half a token.
    for (let i = ws; i < releasedLen && i - ws < ALIGN_LIMIT; i++) {
      if (isSpaceChar(recent[i - recentStart]!)) return i + 1;
    }
    return ws;
  };

  /** Scans [windowStart, releasedLen) + piece, releases piece masked and restored, or stops. */
  const release = async (piece: string, full: boolean): Promise<StreamStep> => {
    const base = releasedLen;
    // The release that brings the sent text to a leak's n-gram count is checked against the whole answer.
    if (leakHold?.release(recent.slice(-LEAK_CONTEXT), piece)) full = true;
    let ws: number;
    let before: string;
    if (full) {
      before = releasedParts.join('');
      releasedParts = before.length > 0 ? [before] : [];
      ws = 0;
    } else {
      ws = windowStart(false);
      before = recent.slice(ws - (releasedLen - recent.length));
    }
    const window = before + piece;
    const rawAt = (i: number): string => window[i - ws] ?? ' ';
    const d = await checkOutput(guard, window, ctx);
    for (const [k, v] of Object.entries(d.timingsMs)) timingsMs[k] = (timingsMs[k] ?? 0) + v;
    const shifted = d.findings.map((f) => shift(f, ws));
    const decision: Decision = { ...d, findings: shifted };
    if (isStopping(decision.action)) return stop(decision);

    const cuts: MaskCut[] = [];
    for (const f of shifted) {
      if (f.action !== 'redact' || !f.span) {
        record(f);
        continue;
      }
      const [a, b] = f.span;
      if (a < base) {
        // Part of the value was sent before the scanner could see all of it.
        if (!masked.covers(rawAt, a, Math.min(b, base))) {
          // A secret no earlier window masked at all went out in clear: stop. One that overlaps an earlier
          // mask is the same value seen with different edges (more context), so only its remainder is cut.
          if (f.category.startsWith('secret') && !masked.overlaps(a, b)) {
            return stop(blockFor(f, 'a secret was detected after part of it had already been sent'));
          }
          f.signals = [...(f.signals ?? []), b <= base ? 'emitted_before_detection' : 'partly_emitted'];
        } else if (b <= base) continue; // already masked by an earlier window
      }
      record(f);
      if (b > base) {
        const start = Math.max(a, base);
        cuts.push({ start: start - base, end: b - base, category: f.category, partial: a < base });
        masked.add(start, b);
      }
    }

    releasedParts.push(piece);
    releasedLen += piece.length;
    recent = (recent + piece).slice(-(contextChars + ALIGN_LIMIT));
    if (full) nextFullScanAt = Math.max(FULL_SCAN_MIN, Math.ceil(releasedLen * FULL_SCAN_GROWTH));
    const out = applyMasks(piece, cuts);
    return { emit: ctx.vault ? guard.restore(out, ctx.vault) : out };
  };

  const safely = async (fn: () => Promise<StreamStep>): Promise<StreamStep> => {
    try {
      return await fn();
    } catch (cause) {
      return stop(
        failClosedDecision('scanner.error', 'the streamed output check failed', errorSignal(cause)),
      );
    }
  };

  const doPush = (delta: string): Promise<StreamStep> =>
    safely(async () => {
      if (violation) return { emit: '', violation };
      if (ended || typeof delta !== 'string' || delta.length === 0) return { emit: '' };
      if (releasedLen + pending.length + delta.length > maxAnswer)
        return stop(failClosedDecision('output.too_large', `the answer exceeds ${maxAnswer} characters`));
      pending += delta;
      const hold = holdback(pending, maxHold, maxBlockHold);
      if (hold.blockOverflow)
        return stop(
          failClosedDecision(
            'output.hold_overflow',
            `a private key block exceeds ${maxBlockHold} characters and cannot be scanned whole`,
          ),
        );
      const waits = (at: number): boolean => at === 0 || (at < minRelease && releasedLen > 0);
      let start = hold.start;
      // Worked out only when something would be released: it depends on the text alone, not on history.
      // While a held excerpt grows, it is looked at again only once pending has grown by an eighth, so a
      // long excerpt streamed a character at a time costs O(n log n), not O(n²); waiting is always safe.
      if (leakHold && !waits(start)) {
        if (leakHeldLen > 0 && pending.length - leakCheckedAt < Math.max(minRelease, leakHeldLen / 8))
          return { emit: '' };
        start = leakHold.start(recent.slice(-LEAK_CONTEXT), pending, hold.start);
        leakHeldLen = start < hold.start ? pending.length - start : 0;
        leakCheckedAt = pending.length;
        if (leakHeldLen > maxLeakHold)
          return stop(
            failClosedDecision(
              'output.hold_overflow',
              `text that may be a system prompt excerpt or a canary exceeds ${maxLeakHold} characters`,
            ),
          );
      }
      // The first words go out as soon as they are scanned (time to first token); later pieces gather at
      // least minRelease characters so token-sized chunks don't each pay for a window scan.
      if (waits(start)) return { emit: '' };
      const piece = pending.slice(0, start);
      pending = pending.slice(start);
      leakCheckedAt -= start;
      return release(piece, releasedLen + piece.length >= nextFullScanAt);
    });

  const doEnd = async (): Promise<StreamEnd> => {
    let step: StreamStep = { emit: '' };
    if (!violation && !ended) {
      ended = true;
      const piece = pending;
      pending = '';
      // The last piece is scanned with the whole answer: the audit decision covers all of it.
      step = await safely(() => release(piece, true));
    }
    ended = true;
    const findings = [...recorded.values()];
    const decision: Decision = { action: overall, stage: 'output', findings, timingsMs: { ...timingsMs } };
    return violation ? { emit: '', violation, decision } : { emit: step.emit, decision };
  };

  // Pushes may be issued without awaiting the previous one; they still run strictly in order.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const p = queue.then(fn);
    queue = p.catch(() => undefined);
    return p;
  };

  return { push: (delta) => serial(() => doPush(delta)), end: () => serial(doEnd) };
}

/**
 * The system prompt and canary hold back, for the scanners the policy runs on output and whose findings
 * it stops or masks (a leak it only flags or allows is not worth delaying the answer for).
 */
function leakHoldFor(guard: Guard, ctx: OutputContext): LeakHold | undefined {
  const output = guard.policy.stages.output?.scanners ?? [];
  const actionFor = createActionResolver(guard.policy);
  const acted = (scanner: string, category: string): boolean => {
    const a = actionFor('output', category, 1);
    return output.includes(scanner) && a !== 'allow' && a !== 'flag';
  };
  const leak = acted('system-prompt-leak', 'leak.system_prompt')
    ? // A guard's policy holds the options its loader parsed with the scanner's schema.
      systemPromptLeakOptions(
        guard.policy.scanners['system-prompt-leak']?.options as SystemPromptLeakSettings,
      )
    : undefined;
  return createLeakHold({
    systemPrompts: ctx.systemPrompts,
    canaries: ctx.canaries,
    leak,
    canary: acted('canary', 'leak.canary'),
  });
}

function shift(f: Finding, by: number): Finding {
  if (!f.span || by === 0) return { ...f };
  const span: Span = [f.span[0] + by, f.span[1] + by];
  return { ...f, span };
}

function blockFor(f: Finding, message: string): Decision {
  const d = failClosedDecision(f.category, message, 'partly_emitted');
  d.findings[0]!.scanner = f.scanner;
  return d;
}
