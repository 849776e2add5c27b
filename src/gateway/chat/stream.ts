// The answer half of a streaming chat completion. Content is scanned incrementally by the stream guard,
// which holds back only what a pattern could still complete; tool-call fragments are held until each
// call is complete and checked. On a violation the stream ends with a final chunk carrying the decision
// and finish_reason "content_filter" — a guard failure never lets the rest of the answer through.
//
// The steps, in order: relayUpstream (the upstream's chunks, scanned as they come), finishAnswer (the
// held-back tail, the tool calls, the final chunk), recordAnswer (the output decision and usage chunk),
// failureFrame (an error event after a failure) and settleStream (usage, audit and span, however it ended).
import type { Decision } from '../../core/types.js';
import type { Caller, GatewayContext } from '../context.js';
import { isRampartError } from '../../core/errors.js';
import { errorBody, errorInitFor } from '../http-errors.js';
import { isUpstreamError } from '../upstream/errors.js';
import type { ChatChunk, FinishReason, ToolCall, Usage } from '../openai-types.js';
import type { OutputContext } from '../output/output-guard.js';
import { createStreamGuard, type StreamGuard } from '../output/stream-guard.js';
import { createToolCallBuffer, guardToolCalls, type ToolCallBuffer } from '../output/tool-call-buffer.js';
import { estimateTokens } from '../tokens.js';
import { settleUsage } from '../limit-check.js';
import { rampartField } from './blocked.js';
import type { PreparedChat } from './prepare.js';
import { auditCommitStarted, auditCommitted, endRequestSpan, recordDecision } from './record.js';
import { sseData, sseResponse } from './sse-response.js';
import { keyTimeoutFailure, upstreamFailure } from './upstream-call.js';
import { checkToolCallsWithFirewall } from './tool-firewall.js';
import { structuredIssues, violationDecision, violationError } from './structured.js';

type Delta = ChatChunk['choices'][0]['delta'];

/** What one stream knows as it goes; each step reads and updates it. */
interface StreamState {
  gw: GatewayContext;
  p: PreparedChat;
  caller: Caller;
  ctx: OutputContext;
  abort: AbortController;
  /** One id and timestamp for every chunk of this completion: the first chunk goes out before the upstream
   *  answers, so they are the gateway's (the decision id in the id ties the answer to its audit rows). */
  id: string;
  created: number;
  model: string;
  usage?: Usage;
  finish: FinishReason | null;
  /** The answer's text as the upstream sent it (for the audit log's hash and the token estimate). */
  raw: string;
  decision?: Decision;
  status: number;
  started: number;
  firstUpstreamAt?: number;
  firstEmitted: boolean;
  recorded: boolean;
  /** With a response schema: the text the guard released (what the client gets, checked at the end) and the
   *  part of it not sent yet (from its last non-space character on, so the JSON never ends before the check). */
  schemaText?: { released: string; held: string };
}

export function streamChat(
  gw: GatewayContext,
  p: PreparedChat,
  caller: Caller,
  headers: Record<string, string>,
  clientSignal: AbortSignal,
  /** Drops the client's connection (a client that stopped reading; see sseResponse). */
  dropClient: () => void,
  /** Called once when the stream is over, with the status it ended with (an error event's, after a failure). */
  onEnd?: (status: number) => void,
  /** Rewrites the guarded frames into another wire format (the Responses API's events: responses/stream.ts);
   *  it sees only what the guard released, so hold-back and fail-closed are the chat stream's own. */
  translate?: (frames: AsyncGenerator<string, void, void>) => AsyncGenerator<string, void, void>,
): Response {
  const abort = new AbortController();
  const onClientAbort = () => abort.abort();
  clientSignal.addEventListener('abort', onClientAbort, { once: true });
  const st: StreamState = {
    gw,
    p,
    caller,
    ctx: { canaries: p.canaries, systemPrompts: p.systemPrompts, vault: p.vault },
    abort,
    id: `chatcmpl-${p.info.id}`,
    created: 0,
    model: p.info.model,
    finish: null,
    raw: '',
    status: 200,
    started: 0,
    firstEmitted: false,
    recorded: false,
    schemaText: p.structured?.response !== undefined ? { released: '', held: '' } : undefined,
  };

  async function* frames(): AsyncGenerator<string, void, void> {
    const guard = createStreamGuard(gw.guard, st.ctx, {
      maxLeakHoldChars: gw.config.server.stream_leak_hold_chars,
    });
    const toolBuffer = createToolCallBuffer();
    st.created = Math.floor(Date.now() / 1000);
    st.started = performance.now();
    // Answered ⇒ audited, as for a JSON answer: no content leaves before the input decision is committed
    // (the commit runs while the upstream request is under way), and the stream ends ([DONE]) only after
    // the output decision is. Off with audit.wait_for_commit: false.
    const inputCommitted = auditCommitStarted(gw); // awaited at the first upstream chunk
    // The key's own deadline (limits.upstream_timeout_ms) for the upstream's first chunk.
    const keyTimeoutMs = caller.limits.upstream_timeout_ms;
    let keyTimedOut = false;
    const keyTimer = keyTimeoutMs
      ? setTimeout(() => {
          keyTimedOut = true;
          abort.abort();
        }, keyTimeoutMs)
      : undefined;
    try {
      yield chunk(st, { role: 'assistant', content: '' }, null);
      const violated = yield* relayUpstream(st, guard, toolBuffer, () => {
        clearTimeout(keyTimer);
        return inputCommitted;
      });
      if (violated) abort.abort();
      else yield* finishAnswer(st, guard, toolBuffer);
      yield* recordAnswer(st);
    } catch (err) {
      if (abort.signal.aborted && clientSignal.aborted) return; // the client left; nothing to tell it
      yield failureFrame(st, err, keyTimedOut ? keyTimeoutMs : undefined);
    } finally {
      clearTimeout(keyTimer);
      clientSignal.removeEventListener('abort', onClientAbort);
      if (!abort.signal.aborted) abort.abort();
      await settleStream(st);
    }
  }
  return sseResponse(
    translate ? translate(frames()) : frames(),
    headers,
    () => abort.abort(),
    {
      ms: gw.config.server.stream_stall_timeout_ms,
      onStall: () => {
        gw.log.warn({ decision: p.info.id }, 'client stopped reading the stream; dropping it');
        dropClient();
      },
    },
    () => onEnd?.(st.status),
  );
}

/** One chunk of this completion. */
function chunk(
  st: StreamState,
  delta: Delta,
  finishReason: FinishReason | null,
  extra: Record<string, unknown> = {},
): string {
  return sseData({
    id: st.id,
    object: 'chat.completion.chunk',
    created: st.created,
    model: st.model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
    ...extra,
  });
}

/** A content chunk of text the guard let through (none for empty text); the first one times the added TTFT.
 *  With a response schema, the text from the last non-space character on waits for the end's check. */
function emitText(st: StreamState, released: string): string | undefined {
  let text = released;
  const s = st.schemaText;
  if (s && text) {
    s.released += text;
    const all = s.held + text;
    const cut = Math.max(0, lastNonSpace(all));
    text = all.slice(0, cut);
    s.held = all.slice(cut);
  }
  if (!text) return undefined;
  if (!st.firstEmitted && st.firstUpstreamAt !== undefined) {
    st.firstEmitted = true;
    st.gw.metrics.streamAddedTtft((performance.now() - st.firstUpstreamAt) / 1000);
  }
  return chunk(st, { content: text }, null);
}

function lastNonSpace(s: string): number {
  for (let i = s.length - 1; i >= 0; i--) if (!/\s/u.test(s[i]!)) return i;
  return -1;
}

/** The final chunk of a stream the guard stopped: finish_reason content_filter and the decision. */
function violationFrame(st: StreamState, v: Decision): string {
  st.decision = v;
  return chunk(st, {}, 'content_filter', { rampart: rampartField(st.p.info, v) });
}

/**
 * The upstream's chunks, scanned as they come: text through the stream guard (emitting what it releases),
 * tool-call fragments into the buffer. At the first chunk `onFirst` stops the key's deadline and hands back
 * the input decision's commit, awaited before any content leaves. Returns true when the guard stopped it.
 */
async function* relayUpstream(
  st: StreamState,
  guard: StreamGuard,
  toolBuffer: ToolCallBuffer,
  onFirst: () => Promise<void> | undefined,
): AsyncGenerator<string, boolean, void> {
  const { gw, p } = st;
  for await (const c of p.upstream.stream(p.request, st.abort.signal)) {
    if (st.firstUpstreamAt === undefined) {
      const inputCommitted = onFirst();
      st.firstUpstreamAt = performance.now();
      gw.metrics.upstream(p.upstream.name, 'ok', (st.firstUpstreamAt - st.started) / 1000);
      await inputCommitted;
    }
    st.model = c.model || st.model;
    if (c.usage) st.usage = c.usage;
    const choice = c.choices?.[0];
    if (!choice) continue;
    if (choice.finish_reason) st.finish = choice.finish_reason;
    if (choice.delta?.tool_calls) toolBuffer.add(choice.delta.tool_calls);
    const text = choice.delta?.content;
    if (typeof text === 'string' && text.length > 0) {
      st.raw += text;
      const step = await guard.push(text);
      const frame = emitText(st, step.emit);
      if (frame) yield frame;
      if (step.violation) {
        yield violationFrame(st, step.violation);
        return true;
      }
    }
  }
  return false;
}

/** After the upstream's last chunk: the guard's held-back tail, then the tool calls (the guard's tool_call
 *  scanners, then the tool firewall), then the final chunk — or the violation that stops it. */
async function* finishAnswer(
  st: StreamState,
  guard: StreamGuard,
  toolBuffer: ToolCallBuffer,
): AsyncGenerator<string, void, void> {
  const { gw, p, caller } = st;
  const tail = await guard.end();
  const frame = emitText(st, tail.emit);
  if (frame) yield frame;
  st.decision = tail.decision;
  if (tail.violation) {
    yield violationFrame(st, tail.violation);
    return;
  }
  const assembled: ToolCall[] = toolBuffer.calls();
  const checked = assembled.length > 0 ? await guardToolCalls(gw.guard, assembled, st.ctx) : undefined;
  const calls = checked?.calls ?? [];
  const denied =
    !checked?.violation && calls.length > 0 && gw.firewall
      ? await checkToolCallsWithFirewall(
          gw.firewall,
          p,
          caller,
          calls,
          tail.decision,
          gw.firewallTurns,
          gw.approvals !== undefined,
        )
      : undefined;
  if (checked?.violation) yield violationFrame(st, checked.violation.decision);
  else if (denied) yield violationFrame(st, denied);
  else if (yield* schemaFailed(st, calls)) return;
  else {
    if (calls.length > 0)
      yield chunk(
        st,
        {
          tool_calls: calls.map((call, index) => ({
            index,
            id: call.id,
            type: 'function' as const,
            function: { name: call.function.name, arguments: call.function.arguments },
          })),
        },
        null,
      );
    yield chunk(st, {}, st.finish ?? 'stop');
  }
}

/**
 * The answer against the request's schemas, at the end (a stream has no repair). Passed: the held-back text
 * goes out. Failed: the error event rampart_schema_violation instead, and true.
 */
async function* schemaFailed(
  st: StreamState,
  calls: readonly ToolCall[],
): AsyncGenerator<string, boolean, void> {
  const spec = st.p.structured;
  if (!spec) return false;
  const s = st.schemaText;
  const content = s && (s.released !== '' || calls.length === 0) ? s.released : null;
  const issues = await structuredIssues(spec, content, calls, false);
  if (issues.length === 0) {
    if (s?.held) {
      const rest = s.held;
      s.held = '';
      yield chunk(st, { content: rest }, null);
    }
    return false;
  }
  st.decision = violationDecision(issues);
  st.status = 422;
  st.gw.log.warn(
    { decision: st.p.info.id, code: 'rampart_schema_violation' },
    'stream answer failed its schema',
  );
  yield sseData(errorBody(violationError(issues, false)));
  return true;
}

/** The end of a stream that ran its course: the output decision recorded and committed, the usage chunk
 *  when the client asked for one, and [DONE]. */
async function* recordAnswer(st: StreamState): AsyncGenerator<string, void, void> {
  const { gw, p } = st;
  const estimatedOutput = estimateTokens(st.raw);
  const final: Usage = st.usage ?? {
    prompt_tokens: p.estimatedInputTokens,
    completion_tokens: estimatedOutput,
    total_tokens: p.estimatedInputTokens + estimatedOutput,
  };
  st.usage = final;
  if (st.decision) {
    st.recorded = true;
    recordDecision(gw, p.info, st.caller, st.decision, st.raw, st.status);
    await auditCommitted(gw);
  }
  if (st.status !== 200) return; // it ended with an error event (the schema check)
  if (p.wantsUsage)
    yield sseData({
      id: st.id,
      object: 'chat.completion.chunk',
      created: st.created,
      model: st.model,
      choices: [],
      usage: final,
    });
  yield 'data: [DONE]\n\n';
}

/** The error event that ends a failed stream: the upstream's failures as for a JSON answer (or the key's
 *  deadline), our own (the audit log, a store) as the app maps them. Sets the stream's status. */
function failureFrame(st: StreamState, err: unknown, keyTimeoutMs: number | undefined): string {
  const failure =
    keyTimeoutMs !== undefined
      ? keyTimeoutFailure(keyTimeoutMs).init
      : isRampartError(err) && !isUpstreamError(err)
        ? errorInitFor(err)
        : upstreamFailure(err).init;
  st.status = failure.status;
  st.gw.log.warn(
    {
      decision: st.p.info.id,
      upstream: st.p.upstream.name,
      code: failure.code,
      status: failure.status,
      err,
    },
    'stream failed',
  );
  return sseData(errorBody(failure));
}

/** However the stream ended: usage settled, a decision not yet recorded recorded, the span ended. */
async function settleStream(st: StreamState): Promise<void> {
  const { gw, p } = st;
  const u = st.usage ?? { prompt_tokens: p.estimatedInputTokens, completion_tokens: estimateTokens(st.raw) };
  await settleUsage(gw, st.caller, p.info.model, u.prompt_tokens, u.completion_tokens).catch((err: unknown) =>
    gw.log.warn({ decision: p.info.id, err }, 'could not settle usage'),
  );
  // A stream that did not reach its end (upstream failure, client gone) is recorded here. If the log
  // refuses the row, the log is failing: later requests are refused, and this one has already ended.
  if (st.decision && !st.recorded) {
    try {
      recordDecision(gw, p.info, st.caller, st.decision, st.raw, st.status);
    } catch (err) {
      gw.log.error({ decision: p.info.id, err }, 'could not audit the stream decision');
    }
  }
  endRequestSpan(
    p.info,
    {
      model: st.model,
      id: st.id,
      finishReasons: st.decision?.action === 'block' ? ['content_filter'] : [st.finish ?? 'stop'],
      inputTokens: u.prompt_tokens,
      outputTokens: u.completion_tokens,
    },
    st.status === 200 ? undefined : String(st.status),
  );
}
