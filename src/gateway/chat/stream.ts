// The answer half of a streaming chat completion. Content is scanned incrementally by the stream guard,
// which holds back only what a pattern could still complete; tool-call fragments are held until each
// call is complete and checked. On a violation the stream ends with a final chunk carrying the decision
// and finish_reason "content_filter" — a guard failure never lets the rest of the answer through.
import type { Decision } from '../../core/types.js';
import type { Caller, GatewayContext } from '../context.js';
import { isRampartError } from '../../core/errors.js';
import { errorBody, errorInitFor } from '../http-errors.js';
import { isUpstreamError } from '../upstream/errors.js';
import type { ChatChunk, FinishReason, ToolCall, Usage } from '../openai-types.js';
import { createStreamGuard } from '../output/stream-guard.js';
import { createToolCallBuffer, guardToolCalls } from '../output/tool-call-buffer.js';
import { estimateTokens } from '../tokens.js';
import { settleUsage } from '../limit-check.js';
import { rampartField } from './blocked.js';
import type { PreparedChat } from './prepare.js';
import { auditCommitStarted, auditCommitted, endRequestSpan, recordDecision } from './record.js';
import { sseData, sseResponse } from './sse-response.js';
import { keyTimeoutFailure, upstreamFailure } from './upstream-call.js';
import { checkToolCallsWithFirewall } from './tool-firewall.js';

type Delta = ChatChunk['choices'][0]['delta'];

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
): Response {
  let status = 200;
  const abort = new AbortController();
  const onClientAbort = () => abort.abort();
  clientSignal.addEventListener('abort', onClientAbort, { once: true });
  const ctx = { canaries: p.canaries, systemPrompts: p.systemPrompts, vault: p.vault };

  async function* frames(): AsyncGenerator<string, void, void> {
    const guard = createStreamGuard(gw.guard, ctx, {
      maxLeakHoldChars: gw.config.server.stream_leak_hold_chars,
    });
    const toolBuffer = createToolCallBuffer();
    // One id and timestamp for every chunk of this completion: the first chunk goes out before the upstream
    // answers, so they are the gateway's (the decision id in the id ties the answer to its audit rows).
    const id = `chatcmpl-${p.info.id}`;
    const created = Math.floor(Date.now() / 1000);
    let model = p.info.model;
    let usage: Usage | undefined;
    let finish: FinishReason | null = null;
    let raw = '';
    let decision: Decision | undefined;
    let firstUpstreamAt: number | undefined;
    let firstEmitted = false;
    let recorded = false;
    const started = performance.now();
    // Answered ⇒ audited, as for a JSON answer: no content leaves before the input decision is committed
    // (the commit runs while the upstream request is under way), and the stream ends ([DONE]) only after
    // the output decision is. Off with audit.wait_for_commit: false.
    const inputCommitted = auditCommitStarted(gw); // awaited at the first upstream chunk
    const chunk = (delta: Delta, finishReason: FinishReason | null, extra: Record<string, unknown> = {}) =>
      sseData({
        id,
        object: 'chat.completion.chunk',
        created,
        model,
        choices: [{ index: 0, delta, finish_reason: finishReason }],
        ...extra,
      });
    const emitText = (text: string): string | undefined => {
      if (!text) return undefined;
      if (!firstEmitted && firstUpstreamAt !== undefined) {
        firstEmitted = true;
        gw.metrics.streamAddedTtft((performance.now() - firstUpstreamAt) / 1000);
      }
      return chunk({ content: text }, null);
    };
    const violationFrames = function* (v: Decision) {
      decision = v;
      yield chunk({}, 'content_filter', { rampart: rampartField(p.info, v) });
    };
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
      yield chunk({ role: 'assistant', content: '' }, null);
      let violated = false;
      for await (const c of p.upstream.stream(p.request, abort.signal)) {
        if (firstUpstreamAt === undefined) {
          clearTimeout(keyTimer);
          firstUpstreamAt = performance.now();
          gw.metrics.upstream(p.upstream.name, 'ok', (firstUpstreamAt - started) / 1000);
          await inputCommitted;
        }
        model = c.model || model;
        if (c.usage) usage = c.usage;
        const choice = c.choices?.[0];
        if (!choice) continue;
        if (choice.finish_reason) finish = choice.finish_reason;
        if (choice.delta?.tool_calls) toolBuffer.add(choice.delta.tool_calls);
        const text = choice.delta?.content;
        if (typeof text === 'string' && text.length > 0) {
          raw += text;
          const step = await guard.push(text);
          const frame = emitText(step.emit);
          if (frame) yield frame;
          if (step.violation) {
            yield* violationFrames(step.violation);
            violated = true;
            break;
          }
        }
      }
      if (violated) abort.abort();
      else {
        const tail = await guard.end();
        const frame = emitText(tail.emit);
        if (frame) yield frame;
        decision = tail.decision;
        if (tail.violation) yield* violationFrames(tail.violation);
        else {
          const assembled: ToolCall[] = toolBuffer.calls();
          const checked = assembled.length > 0 ? await guardToolCalls(gw.guard, assembled, ctx) : undefined;
          const calls = checked?.calls ?? [];
          const denied =
            !checked?.violation && calls.length > 0 && gw.firewall
              ? await checkToolCallsWithFirewall(gw.firewall, p, caller, calls, tail.decision)
              : undefined;
          if (checked?.violation) yield* violationFrames(checked.violation.decision);
          else if (denied) yield* violationFrames(denied);
          else {
            if (calls.length > 0)
              yield chunk(
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
            yield chunk({}, finish ?? 'stop');
          }
        }
      }
      const final: Usage = usage ?? {
        prompt_tokens: p.estimatedInputTokens,
        completion_tokens: estimateTokens(raw),
        total_tokens: p.estimatedInputTokens + estimateTokens(raw),
      };
      usage = final;
      if (decision) {
        recorded = true;
        recordDecision(gw, p.info, caller, decision, raw, status);
        await auditCommitted(gw);
      }
      if (p.wantsUsage)
        yield sseData({ id, object: 'chat.completion.chunk', created, model, choices: [], usage: final });
      yield 'data: [DONE]\n\n';
    } catch (err) {
      if (abort.signal.aborted && clientSignal.aborted) return; // the client left; nothing to tell it
      // The upstream's failures as for a JSON answer; our own (the audit log, a store) as the app maps them.
      const failure = keyTimedOut
        ? keyTimeoutFailure(keyTimeoutMs!).init
        : isRampartError(err) && !isUpstreamError(err)
          ? errorInitFor(err)
          : upstreamFailure(err).init;
      status = failure.status;
      gw.log.warn(
        { decision: p.info.id, upstream: p.upstream.name, code: failure.code, status: failure.status, err },
        'stream failed',
      );
      yield sseData(errorBody(failure));
    } finally {
      clearTimeout(keyTimer);
      clientSignal.removeEventListener('abort', onClientAbort);
      if (!abort.signal.aborted) abort.abort();
      const u = usage ?? { prompt_tokens: p.estimatedInputTokens, completion_tokens: estimateTokens(raw) };
      await settleUsage(gw, caller, p.info.model, u.prompt_tokens, u.completion_tokens).catch(
        (err: unknown) => gw.log.warn({ decision: p.info.id, err }, 'could not settle usage'),
      );
      // A stream that did not reach its end (upstream failure, client gone) is recorded here. If the log
      // refuses the row, the log is failing: later requests are refused, and this one has already ended.
      if (decision && !recorded) {
        try {
          recordDecision(gw, p.info, caller, decision, raw, status);
        } catch (err) {
          gw.log.error({ decision: p.info.id, err }, 'could not audit the stream decision');
        }
      }
      endRequestSpan(
        p.info,
        {
          model,
          id,
          finishReasons: decision?.action === 'block' ? ['content_filter'] : [finish ?? 'stop'],
          inputTokens: u.prompt_tokens,
          outputTokens: u.completion_tokens,
        },
        status === 200 ? undefined : String(status),
      );
    }
  }
  return sseResponse(
    frames(),
    headers,
    () => abort.abort(),
    {
      ms: gw.config.server.stream_stall_timeout_ms,
      onStall: () => {
        gw.log.warn({ decision: p.info.id }, 'client stopped reading the stream; dropping it');
        dropClient();
      },
    },
    () => onEnd?.(status),
  );
}
