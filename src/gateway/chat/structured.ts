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
import type { SchemaIssue, StructuredValidator } from '../../rag/structured-output.js';
import type { GatewayContext } from '../context.js';
import { GatewayError, type GatewayErrorInit } from '../http-errors.js';
import type { ChatMessage, ChatRequest, ToolCall } from '../openai-types.js';
import { failClosedDecision } from '../output/output-guard.js';

export interface StructuredSpec {
  /** The answer's schema (response_format json_schema). */
  response?: StructuredValidator;
  /** Each declared tool's parameters; a tool without them takes any arguments. */
  tools: Map<string, StructuredValidator | undefined>;
}

/** One problem with an answer: where (content, a tool call) and what. */
export interface StructuredIssue extends SchemaIssue {
  where: string;
}

const MAX_LISTED = 10;

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
  const { compileStructuredSchema } = await import('../../rag/structured-output.js');
  const compile = async (param: string, schema: unknown): Promise<StructuredValidator> => {
    try {
      return await compileStructuredSchema(schema);
    } catch (err) {
      if (isRampartError(err) && err.code === 'SCHEMA_INVALID') throw schemaInvalid(param, err.message, err);
      throw err;
    }
  };
  const spec: StructuredSpec = { tools: new Map() };
  if (rs) spec.response = await compile('response_format.json_schema.schema', rs.schema);
  for (const [i, t] of tools.entries()) {
    const params = t.function.parameters;
    spec.tools.set(
      t.function.name,
      params === undefined ? undefined : await compile(`tools[${i}].function.parameters`, params),
    );
  }
  return spec;
}

/**
 * What is wrong with an answer (empty: nothing). `content` is the text the client would get; null content
 * with a refusal or tool calls is no violation of the response schema (the model declined, or chose a tool).
 */
export function structuredIssues(
  spec: StructuredSpec,
  content: string | null | undefined,
  calls: readonly ToolCall[],
  refused: boolean,
): StructuredIssue[] {
  const issues: StructuredIssue[] = [];
  if (spec.response && !refused && !(content == null && calls.length > 0)) {
    if (content == null) issues.push({ where: 'content', path: '', message: 'is missing' });
    else for (const i of spec.response.check(content).issues) issues.push({ where: 'content', ...i });
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
      const v = spec.tools.get(name);
      if (v)
        for (const i of v.check(call.function.arguments).issues)
          issues.push({ where: `${where}.arguments`, ...i });
    });
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
