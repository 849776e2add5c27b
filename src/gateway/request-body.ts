// Reads a request body with a byte bound (the stream is cut off at the limit, never buffered whole),
// parses JSON and validates it. Every failure is a specific OpenAI-shaped 4xx, never a stack trace.
import type { z } from 'zod';
import { describeIssue, pathText } from '../policy/yaml-source.js';
import { GatewayError, badRequest } from './http-errors.js';

export async function readBoundedBody(req: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

const tooLarge = (max: number) =>
  new GatewayError({
    status: 413,
    type: 'invalid_request_error',
    code: 'request_too_large',
    message: `request body is larger than this key's limit of ${max} bytes`,
  });

const decoder = new TextDecoder('utf-8', { fatal: true });

export async function readJson<S extends z.ZodType>(
  req: Request,
  schema: S,
  maxBytes: number,
): Promise<z.output<S>> {
  const bytes = await readBoundedBody(req, maxBytes);
  let raw: unknown;
  try {
    raw = JSON.parse(decoder.decode(bytes));
  } catch {
    throw badRequest('request body is not valid UTF-8 JSON', null, 'invalid_json');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw badRequest(`${pathText(issue.path)}: ${describeIssue(issue)}`, pathText(issue.path));
  }
  return parsed.data;
}
