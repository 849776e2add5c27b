import { describe, expect, it } from 'vitest';
import { ApprovalQueue, type ApprovalEvent } from '../../../src/agent/approvals/approval-queue.js';
import { RampartError } from '../../../src/core/errors.js';

const call = {
  sessionId: 's',
  principal: { type: 'User', id: 'alice' },
  tool: 'send_email',
  args: { to: 'bob@corp.example', body: 'x'.repeat(5000) },
};

describe('ApprovalQueue', () => {
  it('approve resolves the request and removes it from the list', async () => {
    const q = new ApprovalQueue();
    const { id, result } = q.open(call, { reason: 'policy p requires approval' });
    const [p] = q.list();
    expect(p).toMatchObject({
      id,
      tool: 'send_email',
      reason: 'policy p requires approval',
      principal: { id: 'alice' },
    });
    // values are shown (needed to decide) but bounded
    expect((p!.args as { to: string; body: string }).to).toBe('bob@corp.example');
    expect((p!.args as { body: string }).body.length).toBeLessThan(1100);
    q.approve(id, 'carol');
    expect(await result).toEqual({ id, approved: true, approver: 'carol', reason: 'approved' });
    expect(q.list()).toEqual([]);
  });

  it('deny resolves with the approver and reason', async () => {
    const q = new ApprovalQueue();
    const { id, result } = q.open(call);
    q.deny(id, 'carol', 'looks like exfiltration');
    expect(await result).toMatchObject({
      approved: false,
      approver: 'carol',
      reason: 'looks like exfiltration',
    });
  });

  it('denies on timeout and emits expired', async () => {
    const q = new ApprovalQueue();
    const events: ApprovalEvent[] = [];
    q.on((e) => events.push(e));
    const r = await q.request(call, { timeoutMs: 20 });
    expect(r.approved).toBe(false);
    expect(r.reason).toContain('no decision');
    expect(events.map((e) => e.type)).toEqual(['requested', 'expired']);
  });

  it('unknown or already decided ids are APPROVAL_NOT_FOUND', () => {
    const q = new ApprovalQueue();
    const expectNotFound = (fn: () => void) => {
      try {
        fn();
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(RampartError);
        expect((e as RampartError).code).toBe('APPROVAL_NOT_FOUND');
      }
    };
    expectNotFound(() => q.approve('nope', 'carol'));
    const { id } = q.open(call);
    q.approve(id, 'carol');
    expectNotFound(() => q.approve(id, 'carol'));
    expectNotFound(() => q.deny(id, 'dave'));
  });

  it('a full queue denies at once, close() denies everything pending, a throwing listener is harmless', async () => {
    const q = new ApprovalQueue({ maxPending: 1 });
    q.on(() => {
      throw new Error('dashboard down');
    });
    const first = q.open(call).result;
    expect(await q.request(call)).toMatchObject({
      approved: false,
      reason: expect.stringContaining('full') as string,
    });
    q.close();
    expect((await first).approved).toBe(false);
    expect(q.list()).toEqual([]);
  });
});
