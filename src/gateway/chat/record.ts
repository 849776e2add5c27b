// One place turns a guard decision into telemetry: metrics, the dashboard feed, the audit log and a log
// line. Only categories, scores, spans and hashes leave here — never the text.
import { isStopping } from '../../core/actions.js';
import type { Span } from '@opentelemetry/api';
import type { Decision } from '../../core/types.js';
import {
  setGenAiResponse,
  setRampartAttributes,
  setSpanError,
  type GenAiResponseAttrs,
} from '../../telemetry/span-attributes.js';
import { sha256Hex } from '../../telemetry/audit-format.js';
import type { Caller, GatewayContext } from '../context.js';

export interface RequestInfo {
  id: string;
  route: string;
  model: string;
  upstream?: string;
  startedAt: number;
  /** The request's OpenTelemetry span (a no-op span when tracing is off); ended by endRequestSpan. */
  span?: Span;
}

/** Ends the request span once: with the response's GenAI attributes, or with an error code. */
export function endRequestSpan(info: RequestInfo, res: GenAiResponseAttrs, errorCode?: string): void {
  const span = info.span;
  if (!span) return;
  info.span = undefined;
  setGenAiResponse(span, res);
  if (errorCode) setSpanError(span, errorCode);
  span.end();
}

/**
 * What a handler awaits before it answers: the commit of the audit rows recorded so far ("answered ⇒
 * audited"), or nothing when audit.wait_for_commit is off (the rows follow within a few ms; a failed commit
 * still refuses later requests, see audit-writer.ts).
 */
export const auditCommitted = (gw: GatewayContext): Promise<void> | undefined =>
  gw.config.audit.wait_for_commit ? gw.audit?.committed() : undefined;

/**
 * auditCommitted, started now and awaited later (so the commit runs while the caller goes on). A handler is
 * attached at once: an exit before the await must not leave a rejection unhandled; the await still throws.
 */
export function auditCommitStarted(gw: GatewayContext): Promise<void> | undefined {
  const committed = auditCommitted(gw);
  committed?.catch(() => undefined);
  return committed;
}

/** sha256 hex of the text (the audit row's input/output hash). */
export const sha256 = (text: string): string => sha256Hex(text);

export const categoriesOf = (d: Decision): string[] =>
  d.findings.length === 0 ? [] : [...new Set(d.findings.map((f) => f.category))];

/** The category an error or chunk reports: the first blocking finding's, else the first finding's. */
export function leadingCategory(d: Decision): string {
  const blocking = d.findings.find((f) => isStopping(f.action));
  return (blocking ?? d.findings[0])?.category ?? 'policy';
}

export function recordDecision(
  gw: GatewayContext,
  info: RequestInfo,
  caller: Caller,
  decision: Decision,
  text: string,
  status: number,
): void {
  const categories = categoriesOf(decision);
  const stage = decision.stage === 'output' ? 'output' : 'input';
  if (info.span)
    setRampartAttributes(info.span, {
      decisionId: info.id,
      [stage === 'input' ? 'inputAction' : 'outputAction']: decision.action,
      categories,
      scannerMs: decision.timingsMs,
      keyId: caller.keyId,
      tenant: caller.tenant,
      upstream: info.upstream,
    });
  gw.metrics.decision(decision.stage, decision.action, categories);
  for (const [scanner, ms] of Object.entries(decision.timingsMs))
    if (scanner !== 'total' && scanner !== 'canonicalize') gw.metrics.scanner(scanner, ms / 1000);
  gw.feed.record({
    id: info.id,
    ts: Date.now(),
    route: info.route,
    model: info.model,
    keyId: caller.keyId,
    tenant: caller.tenant,
    stage,
    action: decision.action,
    categories,
    scannerMs: decision.timingsMs,
    latencyMs: Date.now() - info.startedAt,
    upstream: info.upstream,
    status,
  });
  gw.audit?.enqueue({
    decisionId: info.id,
    keyId: caller.keyId,
    tenant: caller.tenant,
    route: info.route,
    model: info.model,
    stage: decision.stage,
    action: decision.action,
    categories,
    findings: decision.findings,
    inputSha256: stage === 'input' ? sha256(text) : undefined,
    outputSha256: stage === 'output' ? sha256(text) : undefined,
    text: gw.config.audit.store_text ? text : undefined,
  });
  if (decision.action !== 'allow')
    gw.log.info(
      { decision: info.id, stage: decision.stage, action: decision.action, categories, keyId: caller.keyId },
      'guard decision',
    );
}
