import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ApprovalQueue } from '../../../src/agent/approvals/approval-queue.js';
import { postApprovalsToWebhook, serveApprovalApi } from '../../../src/agent/approvals/http.js';

const closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

const TOKEN = 'a-long-enough-token-42';
const auth = { authorization: `Bearer ${TOKEN}` };
const call = {
  sessionId: 's1',
  principal: { type: 'Agent', id: 'a' },
  tool: 'send_email',
  args: { to: 'bob@corp.example' },
};

/** fetch cannot set Host: a raw request with a foreign Host header, its status. */
const foreignHost = (url: string) =>
  new Promise<number>((resolve, reject) => {
    const req = request(url, { headers: { ...auth, host: 'evil.example' } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });

async function api() {
  const queue = new ApprovalQueue({ timeoutMs: 60_000 });
  const a = await serveApprovalApi(queue, { token: TOKEN });
  closers.push(() => queue.close());
  closers.push(a.close);
  return { queue, url: a.url };
}

describe('approval API', () => {
  it('lists pending approvals and approves one; the waiting call gets the decision', async () => {
    const { queue, url } = await api();
    const { id, result } = queue.open(call, { reason: 'approval required: not requested in this turn' });
    const list = (await (await fetch(url, { headers: auth })).json()) as {
      pending: Array<{ id: string; args: unknown }>;
    };
    expect(list.pending).toHaveLength(1);
    expect(list.pending[0]).toMatchObject({ id, tool: 'send_email', args: { to: 'bob@corp.example' } });
    const r = await fetch(`${url}/${id}/approve`, {
      method: 'POST',
      headers: auth,
      body: '{"approver":"alice"}',
    });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ id, approved: true });
    expect(await result).toMatchObject({ approved: true, approver: 'alice' });
  });

  it('denies with a reason; an unknown or decided id is 404', async () => {
    const { queue, url } = await api();
    const { id, result } = queue.open(call);
    const r = await fetch(`${url}/${id}/deny`, { method: 'POST', headers: auth, body: '{"reason":"no"}' });
    expect(r.status).toBe(200);
    expect(await result).toMatchObject({ approved: false, reason: 'no', approver: 'api' });
    const again = await fetch(`${url}/${id}/deny`, { method: 'POST', headers: auth });
    expect(again.status).toBe(404);
    expect(await again.json()).toMatchObject({ code: 'APPROVAL_NOT_FOUND' });
  });

  it('refuses a missing or wrong token, a foreign Host, a wrong method and a large body', async () => {
    const { queue, url } = await api();
    const { id } = queue.open(call);
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
    expect((await fetch(`${url}/${id}/approve`, { method: 'POST' })).status).toBe(401);
    expect(queue.get(id)?.id).toBe(id);
    expect(await foreignHost(url)).toBe(403);
    expect((await fetch(`${url}/${id}/approve`, { headers: auth })).status).toBe(405);
    const big = await fetch(`${url}/${id}/approve`, {
      method: 'POST',
      headers: auth,
      body: 'x'.repeat(20_000),
    });
    expect(big.status).toBe(400);
    expect((await fetch(`${url}/${id}/approve`, { method: 'POST', headers: auth, body: '[1]' })).status).toBe(
      400,
    );
    expect(queue.get(id)?.id).toBe(id);
  });

  it('does not start without a real token', async () => {
    await expect(serveApprovalApi(new ApprovalQueue(), { token: 'short' })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
    });
  });
});

describe('approval webhook', () => {
  it('posts each request (bounded view, answer URL); a failing webhook changes nothing', async () => {
    const got: unknown[] = [];
    const hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        got.push({ auth: req.headers.authorization, body: JSON.parse(body) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
    closers.push(() => new Promise<void>((r) => hook.close(() => r())));
    const queue = new ApprovalQueue({ timeoutMs: 60_000, maxValueChars: 10 });
    closers.push(() => queue.close());
    const errors: string[] = [];
    postApprovalsToWebhook(queue, {
      url: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`,
      headers: { authorization: 'Bearer hook' },
      answerUrl: 'http://127.0.0.1:1/approvals',
      onError: (e) => errors.push(e),
    });
    const { id } = queue.open({ ...call, args: { body: 'y'.repeat(100) } }, { reason: 'why' });
    while (got.length === 0) await new Promise((r) => setTimeout(r, 10));
    expect(got[0]).toMatchObject({
      auth: 'Bearer hook',
      body: {
        type: 'approval_requested',
        id,
        tool: 'send_email',
        reason: 'why',
        answer_url: `http://127.0.0.1:1/approvals/${id}`,
      },
    });
    expect(JSON.stringify(got[0])).not.toContain('y'.repeat(11));
    // A webhook that cannot be reached is reported, and the request stays pending (it will time out into a deny).
    const q2 = new ApprovalQueue({ timeoutMs: 60_000 });
    closers.push(() => q2.close());
    postApprovalsToWebhook(q2, { url: 'http://127.0.0.1:1/hook', onError: (e) => errors.push(e) });
    const second = q2.open(call);
    while (errors.length === 0) await new Promise((r) => setTimeout(r, 10));
    expect(q2.get(second.id)?.id).toBe(second.id);
  });
});
