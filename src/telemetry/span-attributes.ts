// Attributes for the gateway's request span, named after the OpenTelemetry GenAI semantic conventions
// (gen_ai.*) plus Rampart's own (rampart.*). The helpers take typed fields only — there is no way to pass
// prompt or completion text, which must never reach a trace.
import { SpanKind, SpanStatusCode, type Attributes, type Span, type Tracer } from '@opentelemetry/api';

// Copied rather than imported from @opentelemetry/semantic-conventions/incubating, as that package advises
// for unstable names (they may be renamed between its minor versions).
export const GEN_AI = {
  operationName: 'gen_ai.operation.name',
  providerName: 'gen_ai.provider.name',
  /** Deprecated in favour of gen_ai.provider.name; still set because many backends read only this one. */
  system: 'gen_ai.system',
  requestModel: 'gen_ai.request.model',
  requestMaxTokens: 'gen_ai.request.max_tokens',
  requestStream: 'gen_ai.request.stream',
  responseModel: 'gen_ai.response.model',
  responseId: 'gen_ai.response.id',
  responseFinishReasons: 'gen_ai.response.finish_reasons',
  usageInputTokens: 'gen_ai.usage.input_tokens',
  usageOutputTokens: 'gen_ai.usage.output_tokens',
} as const;

export const RAMPART_ATTR = {
  decisionId: 'rampart.decision.id',
  inputAction: 'rampart.decision.action.input',
  outputAction: 'rampart.decision.action.output',
  categories: 'rampart.categories',
  keyId: 'rampart.key.id',
  tenant: 'rampart.tenant',
  upstream: 'rampart.upstream',
} as const;

export type GenAiOperation = 'chat' | 'embeddings';

// Identifiers (model names, ids, key ids) come from clients; keep them short so a span stays small.
const MAX_ID = 256;
const MAX_LIST = 64;
const id = (s: string): string => (s.length > MAX_ID ? s.slice(0, MAX_ID) : s);
const count = (n: number | undefined): number | undefined =>
  n !== undefined && Number.isFinite(n) && n >= 0 ? Math.floor(n) : undefined;

// A span that is not recording (the no-op tracer when tracing is off, or an unsampled span) drops every
// attribute: the setters below return before building the attribute objects, which the gateway would
// otherwise do several times per request for nothing.
function setDefined(span: Span, attrs: Attributes): void {
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) span.setAttribute(k, v);
}

export interface GenAiRequestAttrs {
  operation: GenAiOperation;
  /** e.g. 'openai', 'azure.ai.openai', 'anthropic' (the GenAI provider name of the upstream). */
  provider?: string;
  model?: string;
  maxTokens?: number;
  stream?: boolean;
}

/** Start the request span, named `{operation} {model}` as the GenAI conventions ask. */
export function startGenAiSpan(
  tracer: Tracer,
  req: GenAiRequestAttrs,
  kind: SpanKind = SpanKind.SERVER,
): Span {
  const name = req.model ? `${req.operation} ${id(req.model)}` : req.operation;
  const span = tracer.startSpan(name, { kind });
  setGenAiRequest(span, req);
  return span;
}

export function setGenAiRequest(span: Span, req: GenAiRequestAttrs): void {
  if (!span.isRecording()) return;
  setDefined(span, {
    [GEN_AI.operationName]: req.operation,
    [GEN_AI.providerName]: req.provider && id(req.provider),
    [GEN_AI.system]: req.provider && id(req.provider),
    [GEN_AI.requestModel]: req.model && id(req.model),
    [GEN_AI.requestMaxTokens]: count(req.maxTokens),
    [GEN_AI.requestStream]: req.stream,
  });
}

export interface GenAiResponseAttrs {
  model?: string;
  id?: string;
  finishReasons?: readonly string[];
  inputTokens?: number;
  outputTokens?: number;
}

export function setGenAiResponse(span: Span, res: GenAiResponseAttrs): void {
  if (!span.isRecording()) return;
  setDefined(span, {
    [GEN_AI.responseModel]: res.model && id(res.model),
    [GEN_AI.responseId]: res.id && id(res.id),
    [GEN_AI.responseFinishReasons]: res.finishReasons?.slice(0, MAX_LIST).map(id),
    [GEN_AI.usageInputTokens]: count(res.inputTokens),
    [GEN_AI.usageOutputTokens]: count(res.outputTokens),
  });
}

export interface RampartSpanAttrs {
  decisionId?: string;
  inputAction?: string;
  outputAction?: string;
  /** Finding categories (a finite set); deduplicated here. */
  categories?: readonly string[];
  /** Milliseconds per scanner, as in Decision.timingsMs. */
  scannerMs?: Readonly<Record<string, number>>;
  keyId?: string;
  tenant?: string;
  upstream?: string;
}

const SCANNER_NAME = /^[A-Za-z0-9_-]{1,64}$/;

export function setRampartAttributes(span: Span, r: RampartSpanAttrs): void {
  if (!span.isRecording()) return;
  setDefined(span, {
    [RAMPART_ATTR.decisionId]: r.decisionId && id(r.decisionId),
    [RAMPART_ATTR.inputAction]: r.inputAction && id(r.inputAction),
    [RAMPART_ATTR.outputAction]: r.outputAction && id(r.outputAction),
    [RAMPART_ATTR.categories]: r.categories && [...new Set(r.categories)].slice(0, MAX_LIST).map(id),
    [RAMPART_ATTR.keyId]: r.keyId && id(r.keyId),
    [RAMPART_ATTR.tenant]: r.tenant && id(r.tenant),
    [RAMPART_ATTR.upstream]: r.upstream && id(r.upstream),
  });
  let n = 0;
  for (const [name, ms] of Object.entries(r.scannerMs ?? {})) {
    if (n++ >= MAX_LIST) break;
    // The scanner name becomes part of the attribute key, so it must be a plain identifier.
    if (SCANNER_NAME.test(name) && Number.isFinite(ms)) span.setAttribute(`rampart.scanner.${name}.ms`, ms);
  }
}

/**
 * Mark the span failed with a stable code (a RampartCode, or an HTTP status), never a message:
 * messages from upstreams can quote the request.
 */
export function setSpanError(span: Span, code: string): void {
  if (!span.isRecording()) return;
  const safe = /^[A-Za-z0-9_.-]{1,64}$/.test(code) ? code : 'error';
  span.setAttribute('error.type', safe);
  span.setStatus({ code: SpanStatusCode.ERROR, message: safe });
}
