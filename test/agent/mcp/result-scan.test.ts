import { describe, expect, it } from 'vitest';
import { scanToolResult } from '../../../src/agent/mcp/result-scan.js';
import { INJECTED_PAGE } from './fixtures/upstream-server.js';
import { guard } from './helpers.js';
import { checksummed } from '../../scanners/secrets-samples.js';

const opts = { maxChars: 100_000, source: 'srv__tool' };

describe('tool result scan', () => {
  it('finds an injection in structured content and in embedded resources', async () => {
    const structured = await scanToolResult(
      guard,
      { content: [{ type: 'text', text: 'ok' }], structuredContent: { page: INJECTED_PAGE } },
      opts,
    );
    expect(structured.verdict).toBe('injection');
    const resource = await scanToolResult(
      guard,
      { content: [{ type: 'resource', resource: { uri: 'file:///a', text: INJECTED_PAGE } }] },
      opts,
    );
    expect(resource.verdict).toBe('injection');
    expect(resource.categories.some((c) => c.startsWith('prompt_injection'))).toBe(true);
  });

  it('passes clean results unchanged and fails closed on oversized ones', async () => {
    const clean = { content: [{ type: 'text' as const, text: 'The meeting is at 10:00 in room 4.' }] };
    expect(await scanToolResult(guard, clean, opts)).toMatchObject({ verdict: 'clean', result: clean });
    const big = { content: [{ type: 'text' as const, text: 'a'.repeat(2000) }] };
    expect((await scanToolResult(guard, big, { ...opts, maxChars: 1000 })).verdict).toBe('unscannable');
  });

  it('applies the policy redaction to text content, leaving the original untouched', async () => {
    const token = checksummed('ghp_');
    const original = { content: [{ type: 'text' as const, text: `deploy token: ${token}` }] };
    const r = await scanToolResult(guard, original, opts);
    expect(r.verdict).toBe('clean');
    expect(JSON.stringify(r.result)).not.toContain(token);
    expect(original.content[0]!.text).toContain(token);
  });
});
