// `rampart mcp-proxy approvals`: the CLI side of the approval API, against a real API on a real queue.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApprovalQueue } from '../../src/agent/approvals/approval-queue.js';
import { serveApprovalApi } from '../../src/agent/approvals/http.js';
import { mcpApprovalsCommand } from '../../src/cli/mcp-proxy.js';

const closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
  delete process.env.RAMPART_CLI_APPROVAL_TOKEN;
});

const TOKEN = 'cli-token-0123456789abcdef';

async function running() {
  const queue = new ApprovalQueue({ timeoutMs: 60_000 });
  const api = await serveApprovalApi(queue, { token: TOKEN });
  closers.push(() => queue.close());
  closers.push(api.close);
  const port = new URL(api.url).port;
  const dir = mkdtempSync(join(tmpdir(), 'rampart-cli-appr-'));
  const config = join(dir, 'rampart-mcp.yaml');
  writeFileSync(
    config,
    `servers: { mail: { command: unused } }\napprovals: { listen: '127.0.0.1:${port}', token_env: RAMPART_CLI_APPROVAL_TOKEN }\n`,
  );
  process.env.RAMPART_CLI_APPROVAL_TOKEN = TOKEN;
  const out: string[] = [];
  const io = { out: (s: string) => out.push(s), err: () => {} };
  return { queue, config, out, io };
}

const call = {
  sessionId: 's1',
  principal: { type: 'Agent', id: 'a' },
  tool: 'mail__send_email',
  args: { to: 'bob@corp.example' },
};

describe('rampart mcp-proxy approvals', () => {
  it('lists pending approvals and approves one by id', async () => {
    const { queue, config, out, io } = await running();
    const { id, result } = queue.open(call, { reason: 'approval required: not requested in this turn' });
    expect(await mcpApprovalsCommand({ config, format: 'json' }, io)).toBe(0);
    expect(JSON.parse(out[0]!)).toMatchObject([{ id, tool: 'mail__send_email' }]);
    await mcpApprovalsCommand({ config, format: 'text' }, io);
    expect(out[1]).toMatch(
      new RegExp(
        `^${id}  mail__send_email  session s1 .*\\n  reason: approval required: not requested in this turn`,
        'u',
      ),
    );
    expect(await mcpApprovalsCommand({ config, approve: id, approver: 'carol', format: 'text' }, io)).toBe(0);
    expect(out[2]).toBe(`approved ${id}`);
    expect(await result).toMatchObject({ approved: true, approver: 'carol' });
  });

  it('denies with a reason; an unknown id is APPROVAL_NOT_FOUND', async () => {
    const { queue, config, io } = await running();
    const { id, result } = queue.open(call);
    await mcpApprovalsCommand({ config, deny: id, reason: 'not asked for', format: 'text' }, io);
    expect(await result).toMatchObject({ approved: false, reason: 'not asked for' });
    await expect(mcpApprovalsCommand({ config, deny: id, format: 'text' }, io)).rejects.toMatchObject({
      code: 'APPROVAL_NOT_FOUND',
    });
  });

  it('says clearly when the config has no approval API or the token is missing', async () => {
    const { config, io } = await running();
    delete process.env.RAMPART_CLI_APPROVAL_TOKEN;
    await expect(mcpApprovalsCommand({ config, format: 'text' }, io)).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringMatching(/RAMPART_CLI_APPROVAL_TOKEN/u),
    });
    const dir = mkdtempSync(join(tmpdir(), 'rampart-cli-appr-'));
    writeFileSync(join(dir, 'c.yaml'), 'servers: { mail: { command: unused } }\n');
    await expect(
      mcpApprovalsCommand({ config: join(dir, 'c.yaml'), format: 'text' }, io),
    ).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringMatching(/no approval API/u),
    });
  });
});
