// runRedteam: sends every case to a target, turn by turn, judges each reply, and records results.
// - concurrency: up to N cases in flight; ratePerSecond paces individual sends.
// - multi-turn: the conversation keeps the target's replies; it stops at the first success or maxTurns.
//   A blocked turn is dropped from the history (the app would not have shown it) and the attack goes on.
// - resumable: with `out`, each result is appended to results.jsonl as it finishes; `resume` skips ids
//   already there. Results come back sorted by id, so a report does not depend on completion order.
// - never throws for a target failure: the case is recorded with `error` and excluded from the ASR.
import type { ChatMessage } from '../gateway/openai-types.js';
import {
  documentAfter,
  initialMessages,
  replyMessages,
  replyTranscript,
  toTranscript,
  turnsToSend,
  userTurnMessages,
} from './conversation.js';
import { createJudge, type Judge } from './judges/index.js';
import { createPacer, type Pacer } from './rate-limit.js';
import { openResults, readResults, type ResultsWriter } from './results-file.js';
import type { CaseResult, RunnableCase, TranscriptMessage } from './runner-types.js';
import type { RedteamTarget, TargetReply } from './types.js';

export interface RunProgress {
  done: number;
  total: number;
  /** Cases skipped because results.jsonl already had them (resume). */
  skipped: number;
  result?: CaseResult;
}

export interface RunOptions {
  target: RedteamTarget;
  cases: readonly RunnableCase[];
  concurrency?: number;
  ratePerSecond?: number;
  maxTurns?: number;
  /** Directory for results.jsonl (reports are written by the caller: see report/). */
  out?: string;
  resume?: boolean;
  judge?: Judge;
  onProgress?: (p: RunProgress) => void;
  /** Stops starting new cases (cases in flight finish). */
  signal?: AbortSignal;
}

export interface RunResult {
  target: string;
  /** Every case's result (including resumed ones), sorted by id. */
  results: CaseResult[];
  skipped: number;
}

export const DEFAULT_MAX_TURNS = 8;
const MAX_CONCURRENCY = 256;

export async function runRedteam(opts: RunOptions): Promise<RunResult> {
  const concurrency = clampInt(opts.concurrency ?? 4, 1, MAX_CONCURRENCY);
  const maxTurns = clampInt(opts.maxTurns ?? DEFAULT_MAX_TURNS, 1, 1000);
  const judge = opts.judge ?? createJudge();
  const pacer = createPacer(opts.ratePerSecond);

  const ids = new Set(opts.cases.map((c) => c.id));
  const previous = opts.out && opts.resume ? readResults(opts.out) : new Map<string, CaseResult>();
  const results = new Map<string, CaseResult>();
  for (const [id, r] of previous) if (ids.has(id)) results.set(id, r);
  const todo = opts.cases.filter((c) => !results.has(c.id));
  const writer: ResultsWriter | undefined = opts.out
    ? openResults(opts.out, Boolean(opts.resume))
    : undefined;

  const total = opts.cases.length;
  const skipped = results.size;
  let done = skipped;
  opts.onProgress?.({ done, total, skipped });

  let next = 0;
  const worker = async () => {
    while (next < todo.length && !opts.signal?.aborted) {
      const c = todo[next++]!;
      const r = await runCase(c, opts.target, judge, pacer, maxTurns);
      results.set(c.id, r);
      writer?.append(r);
      done++;
      opts.onProgress?.({ done, total, skipped, result: r });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, todo.length)) }, worker));

  const sorted = [...results.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { target: opts.target.name, results: sorted, skipped };
}

/** One case, start to finish. Exported for library users who drive their own loop. */
export async function runCase(
  c: RunnableCase,
  target: RedteamTarget,
  judge: Judge,
  pacer: Pacer,
  maxTurns: number,
): Promise<CaseResult> {
  const order = turnsToSend(c, maxTurns);
  const turnCount = order.length;
  const docAfter = documentAfter(c, order);
  const attackerText = [...c.turns, c.document?.text ?? ''].join('\n');
  const history: ChatMessage[] = initialMessages(c);
  const transcript: TranscriptMessage[] = history.map(toTranscript);
  let blockedBy: string | undefined;
  let anyBlocked = false;
  let reason = 'no turns';
  const base = {
    id: c.id,
    attack_id: c.case.id,
    category: c.case.category,
    title: c.case.title,
    lang: c.case.lang,
    mutators: [...c.mutators],
    strategy: c.strategy,
    goal: c.goal.kind,
    planned_turns: turnCount,
  };

  for (let t = 0; t < turnCount; t++) {
    const sent = userTurnMessages(c, order[t]!, docAfter);
    transcript.push(...sent.map(toTranscript));
    await pacer.wait();
    const reply = await safeSend(target, [...history, ...sent], c);
    transcript.push(replyTranscript(reply));
    if (reply.error) {
      return {
        ...base,
        success: false,
        blocked: false,
        error: reply.error,
        turns: t + 1,
        reason: 'target error',
        transcript,
      };
    }
    let verdict;
    try {
      verdict = await judge({ goal: c.goal, reply, values: c.values, attackerText, system: c.system });
    } catch (e) {
      verdict = { success: false, reason: `judge failed (${(e as Error)?.name ?? 'error'})` };
    }
    reason = verdict.reason;
    if (verdict.success && !reply.blocked)
      return { ...base, success: true, blocked: false, turns: t + 1, reason, transcript };
    if (reply.blocked) {
      anyBlocked = true;
      blockedBy ??= reply.blockedBy;
      continue; // the blocked exchange never reached the conversation
    }
    history.push(...sent, ...replyMessages(reply));
  }
  return {
    ...base,
    success: false,
    blocked: anyBlocked,
    ...(blockedBy ? { blockedBy } : {}),
    turns: turnCount,
    reason,
    transcript,
  };
}

async function safeSend(
  target: RedteamTarget,
  messages: ChatMessage[],
  c: RunnableCase,
): Promise<TargetReply> {
  try {
    const r = await target.send(messages, c.tools ?? c.case.tools);
    if (!r || typeof r !== 'object')
      return { content: '', toolCalls: [], blocked: false, error: 'target returned nothing' };
    return {
      ...r,
      content: typeof r.content === 'string' ? r.content : '',
      toolCalls: Array.isArray(r.toolCalls) ? r.toolCalls : [],
    };
  } catch (e) {
    return {
      content: '',
      toolCalls: [],
      blocked: false,
      error: `target threw (${(e as Error)?.name ?? 'error'})`,
    };
  }
}

function clampInt(n: number, lo: number, hi: number): number {
  return Number.isFinite(n) ? Math.min(hi, Math.max(lo, Math.trunc(n))) : lo;
}
