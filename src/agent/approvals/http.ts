// A small HTTP API to answer an ApprovalQueue from elsewhere (the `rampart mcp-proxy approvals` CLI, a dashboard,
// a chat bot that got the webhook): list what is pending, approve or deny by id. Every request needs the bearer
// token (compared in constant time); without a token the API does not start. Bound to 127.0.0.1 by default and the
// Host header is checked, so a web page cannot reach it through DNS rebinding. Bodies are capped.
//   GET  /approvals                 → { pending: PendingApproval[] }
//   POST /approvals/<id>/approve    body { approver?: string }            → { id, approved: true }
//   POST /approvals/<id>/deny       body { approver?: string, reason? }   → { id, approved: false }
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RampartError } from '../../core/errors.js';
import { listenLocal } from '../local-http.js';
import type { ApprovalQueue } from './approval-queue.js';

export interface ApprovalApiOptions {
  host?: string;
  port?: number;
  /** The bearer token every request must carry (at least 16 characters). */
  token: string;
  /** Largest request body, bytes. Default 16 KiB. */
  maxBodyBytes?: number;
}

export interface ApprovalApi {
  /** http://host:port/approvals */
  url: string;
  close(): Promise<void>;
}

const ROUTE = /^\/approvals\/([A-Za-z0-9-]{1,64})\/(approve|deny)$/u;

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

const digest = (s: string) => createHash('sha256').update(s).digest();

async function readBody(req: IncomingMessage, max: number): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) return undefined;
    chunks.push(chunk);
  }
  if (size === 0) return {};
  try {
    const v: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return v !== null && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export async function serveApprovalApi(
  queue: ApprovalQueue,
  options: ApprovalApiOptions,
): Promise<ApprovalApi> {
  if (typeof options.token !== 'string' || options.token.length < 16)
    throw new RampartError('CONFIG_INVALID', 'approval API: the token must be at least 16 characters');
  const host = options.host ?? '127.0.0.1';
  const maxBody = options.maxBodyBytes ?? 16 * 1024;
  const expected = digest(`Bearer ${options.token}`);

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const auth = req.headers.authorization;
    if (typeof auth !== 'string' || !timingSafeEqual(digest(auth), expected))
      return send(res, 401, { error: 'missing or wrong bearer token' });
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/approvals') {
      if (req.method !== 'GET') return send(res, 405, { error: 'use GET' });
      return send(res, 200, { pending: queue.list() });
    }
    const m = ROUTE.exec(path);
    if (!m) return send(res, 404, { error: 'not found' });
    if (req.method !== 'POST') return send(res, 405, { error: 'use POST' });
    const body = await readBody(req, maxBody);
    if (!body) return send(res, 400, { error: `body must be a JSON object of at most ${maxBody} bytes` });
    const approver = typeof body.approver === 'string' && body.approver ? body.approver : 'api';
    const id = m[1]!;
    try {
      if (m[2] === 'approve') queue.approve(id, approver);
      else queue.deny(id, approver, typeof body.reason === 'string' ? body.reason : undefined);
    } catch (e) {
      if (e instanceof RampartError) return send(res, 404, { error: e.message, code: e.code });
      throw e;
    }
    return send(res, 200, { id, approved: m[2] === 'approve' });
  };

  const server = await listenLocal(handle, {
    host,
    port: options.port,
    what: 'approval API',
    reply: (res, status, error) => send(res, status, { error }),
  });
  return { url: `${server.origin}/approvals`, close: server.close };
}

/**
 * Posts each new approval request to a webhook (a chat bot, a pager): `{ type: 'approval_requested', id, tool,
 * sessionId, reason, args (bounded), expiresAt, answer_url? }`. Fire and forget with a timeout; a failing webhook
 * changes nothing (the request still times out into a deny). Returns the unsubscribe function.
 */
export function postApprovalsToWebhook(
  queue: ApprovalQueue,
  options: {
    url: string;
    headers?: Record<string, string>;
    timeoutMs?: number;
    answerUrl?: string;
    onError?: (err: string) => void;
    fetch?: typeof fetch;
  },
): () => void {
  const doFetch = options.fetch ?? fetch;
  return queue.on((e) => {
    if (e.type !== 'requested') return;
    const p = e.pending;
    const body = JSON.stringify({
      type: 'approval_requested',
      id: p.id,
      tool: p.tool,
      sessionId: p.sessionId,
      principal: p.principal,
      reason: p.reason,
      args: p.args,
      expiresAt: new Date(p.expiresAt).toISOString(),
      ...(options.answerUrl ? { answer_url: `${options.answerUrl}/${p.id}` } : {}),
    });
    doFetch(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...options.headers },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
    })
      .then(async (r) => {
        await r.body?.cancel();
        if (!r.ok) options.onError?.(`webhook answered ${r.status}`);
      })
      .catch((err: unknown) => options.onError?.(err instanceof Error ? err.name : 'error'));
  });
}
