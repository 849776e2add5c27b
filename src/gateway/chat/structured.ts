// Structured output in the gateway: a request that asks for `response_format: { type: "json_schema" }` gets
// an answer that matches the schema, and a tool call's arguments match its tool's `parameters`
// (config `structured_output`). The schemas are the caller's, compiled before the upstream is called; a
// refused one is 400 `schema_invalid` naming the field (src/rag/structured-output.ts says what is refused).
// The check itself loads on first use: a gateway whose requests ask for none never loads ajv.
//
// A JSON answer that fails gets one repair request (with `repair_attempts: 1`): the conversation, the
// invalid answer and a user message listing what is wrong, through the same limits and output guard as the
// first; a second failure is 422 `rampart_schema_violation`. A stream is checked at its end and has no
// repair: its last characters are held back until the check passed (chat/stream.ts).
import type { Decision } from '../../core/types.js';
import { isRampartError } from '../../core/errors.js';
import type { SchemaIssue } from '../../rag/structured-output.js';
import type { StructuredChecker } from '../../rag/structured-pool.js';
import type { GatewayContext } from '../context.js';
import { GatewayError, type GatewayErrorInit } from '../http-errors.js';
import type { ChatMessage, ChatRequest, ToolCall } from '../openai-types.js';
import { failClosedDecision } from '../output/output-guard.js';

export interface StructuredSpec {
  checker: StructuredChecker;
  /** The schemas as JSON text (compiled and cached on the checker's thread). */
  schemas: string[];
  /** The answer's schema (response_format json_schema): its index in `schemas`. */
  response?: number;
  /** Each declared tool's parameters (index in `schemas`); a tool without them takes any arguments. */
  tools: Map<string, number | undefined>;
}

/** One problem with an answer: where (content, a tool call) and what. */
export interface StructuredIssue extends SchemaIssue {
  where: string;
}

const MAX_LISTED = 10;
/** `where` of the issue that says the check could not finish (deadline, thread failure). */
export const UNCHECKED = 'answer';

const schemaInvalid = (param: string, message: string, cause?: unknown) =>
  new GatewayError(
    {
      status: 400,
      type: 'invalid_request_error',
      code: 'schema_invalid',
      param,
      message: `${param}: ${message}`,
    },
    { cause },
  );

/** The response_format's schema: undefined when the request asks for none; `{}` when json_schema has none. */
function responseSchema(body: ChatRequest): { schema: unknown } | undefined {
  const rf = (body as { response_format?: unknown }).response_format;
  if (typeof rf !== 'object' || rf === null || (rf as { type?: unknown }).type !== 'json_schema')
    return undefined;
  const js = (rf as { json_schema?: unknown }).json_schema;
  if (typeof js !== 'object' || js === null || Array.isArray(js))
    throw schemaInvalid('response_format.json_schema', 'must be an object with a schema');
  const schema = (js as { schema?: unknown }).schema;
  return { schema: schema === undefined ? {} : schema };
}

/** One checker (thread) per gateway, started on the first request that carries a schema. */
const checkers = new WeakMap<GatewayContext, Promise<StructuredChecker>>();
function checkerFor(gw: GatewayContext): Promise<StructuredChecker> {
  let c = checkers.get(gw);
  if (!c) {
    c = import('../../rag/structured-pool.js').then((m) =>
      m.createStructuredChecker({ timeoutMs: gw.config.structured_output.timeout_ms }),
    );
    checkers.set(gw, c);
  }
  return c;
}

/** Stops the gateway's schema-check thread, if one was started (the gateway's close() calls it). */
export async function closeStructuredChecker(gw: GatewayContext): Promise<void> {
  const c = checkers.get(gw);
  checkers.delete(gw);
  if (c) await (await c).close();
}

/**
 * The request's schemas compiled, or undefined when there is nothing to enforce (config off, no json_schema,
 * no tools). Throws 400 schema_invalid before anything goes upstream.
 */
export async function structuredSpec(
  gw: GatewayContext,
  body: ChatRequest,
): Promise<StructuredSpec | undefined> {
  const cfg = gw.config.structured_output;
  if (!cfg.enabled) return undefined;
  const rs = responseSchema(body);
  const tools = cfg.tool_arguments ? (body.tools ?? []) : [];
  if (!rs && tools.length === 0) return undefined;
  const schemas: string[] = [];
  const params: string[] = [];
  const add = (param: string, schema: unknown): number => {
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema))
      throw schemaInvalid(param, 'the schema must be a JSON object');
    schemas.push(JSON.stringify(schema));
    params.push(param);
    return schemas.length - 1;
  };
  const spec: StructuredSpec = { checker: await checkerFor(gw), schemas, tools: new Map() };
  if (rs) spec.response = add('response_format.json_schema.schema', rs.schema);
  for (const [i, t] of tools.entries()) {
    const p = t.function.parameters;
    spec.tools.set(t.function.name, p === undefined ? undefined : add(`tools[${i}].function.parameters`, p));
  }
  if (schemas.length === 0) return spec;
  let compiled: Array<string | null>;
  try {
    ({ compiled } = await spec.checker.run(schemas));
  } catch (err) {
    if (isRampartError(err)) throw schemaInvalid(params.join(', '), err.message, err);
    throw err;
  }
  const refused = compiled.findIndex((m) => m !== null);
  if (refused >= 0) throw schemaInvalid(params[refused]!, compiled[refused]!);
  return spec;
}

/**
 * What is wrong with an answer (empty: nothing). `content` is the text the client would get; null content
 * with a refusal or tool calls is no violation of the response schema (the model declined, or chose a tool).
 * A check that cannot finish (the deadline, the thread failed) is a problem too: fail closed.
 */
export async function structuredIssues(
  spec: StructuredSpec,
  content: string | null | undefined,
  calls: readonly ToolCall[],
  refused: boolean,
): Promise<StructuredIssue[]> {
  const issues: StructuredIssue[] = [];
  const checks: Array<{ schema: number; text: string; where: string }> = [];
  if (spec.response !== undefined && !refused && !(content == null && calls.length > 0)) {
    if (content == null) issues.push({ where: 'content', path: '', message: 'is missing' });
    else checks.push({ schema: spec.response, text: content, where: 'content' });
  }
  if (spec.tools.size > 0)
    calls.forEach((call, n) => {
      const where = `tool_calls[${n}]`;
      const name = call.function.name;
      if (!spec.tools.has(name)) {
        issues.push({
          where,
          path: '',
          message: `calls '${name.slice(0, 64)}', which is not a tool of this request`,
        });
        return;
      }
      const schema = spec.tools.get(name);
      if (schema !== undefined)
        checks.push({ schema, text: call.function.arguments, where: `${where}.arguments` });
    });
  if (checks.length > 0) {
    try {
      const { results } = await spec.checker.run(spec.schemas, checks);
      results.forEach((r, i) => {
        for (const issue of r.issues) issues.push({ where: checks[i]!.where, ...issue });
      });
    } catch (err) {
      if (!isRampartError(err)) throw err;
      issues.push({ where: UNCHECKED, path: '', message: err.message });
    }
  }
  return issues.slice(0, MAX_LISTED);
}

export const describeIssues = (issues: readonly StructuredIssue[]): string =>
  issues.map((i) => `${i.where}${i.path}: ${i.message}`).join('; ');

/** The request that asks the upstream once more, with the invalid answer and what is wrong with it. */
export function repairRequest(
  request: ChatRequest,
  answer: { content: string | null; tool_calls?: ToolCall[] },
  issues: readonly StructuredIssue[],
): ChatRequest {
  const assistant: ChatMessage = { role: 'assistant', content: answer.content ?? null };
  if (answer.tool_calls?.length) assistant.tool_calls = answer.tool_calls;
  // A tool call needs an answer before a user turn may follow (OpenAI's rule): each gets the verdict.
  const toolReplies: ChatMessage[] = (answer.tool_calls ?? []).map((c) => ({
    role: 'tool',
    tool_call_id: c.id,
    content: 'Not run: the call did not match the tool schema.',
  }));
  const list = issues.map((i) => `- ${i.where}${i.path}: ${i.message}`).join('\n');
  return {
    ...request,
    messages: [
      ...request.messages,
      assistant,
      ...toolReplies,
      {
        role: 'user',
        content:
          'Your previous answer did not match the required JSON schema:\n' +
          `${list}\n` +
          'Answer again, following the schema exactly (JSON only, no other text).',
      },
    ],
  };
}

/** The audit decision of an answer that failed the check (no text of it). */
export const violationDecision = (issues: readonly StructuredIssue[]): Decision =>
  failClosedDecision(
    'output.schema_violation',
    `the answer does not match the requested schema (${issues.length} problem${issues.length === 1 ? '' : 's'})`,
  );

/** 422 rampart_schema_violation (a stream sends it as its error event). */
export function violationError(issues: readonly StructuredIssue[], repaired: boolean): GatewayErrorInit {
  return {
    status: 422,
    type: 'rampart_schema_violation',
    code: 'rampart_schema_violation',
    message:
      `the model's answer does not match the requested schema${repaired ? ' after a repair attempt' : ''}: ` +
      describeIssues(issues).slice(0, 2000),
  };
}
