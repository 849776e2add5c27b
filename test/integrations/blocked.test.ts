import { describe, expect, it } from 'vitest';
import type { Decision } from '../../src/core/types.js';
import { isRampartError } from '../../src/core/errors.js';
import {
  RampartBlockedError,
  isRampartBlockedError,
  stoppingCategories,
} from '../../src/integrations/blocked.js';

const decision = (stage: Decision['stage'], action: Decision['action']): Decision => ({
  action,
  stage,
  timingsMs: {},
  findings: [
    { scanner: 'x', category: 'prompt_injection.override', score: 1, message: 'm', action },
    { scanner: 'x', category: 'pii.email', score: 1, message: 'm', action: 'redact' },
    { scanner: 'y', category: 'prompt_injection.override', score: 1, message: 'm', action },
  ],
});

describe('RampartBlockedError', () => {
  it('is a RampartError with code CONTENT_BLOCKED naming stage, action and the stopping categories', () => {
    const e = new RampartBlockedError(decision('input', 'block'));
    expect(isRampartError(e) && isRampartBlockedError(e)).toBe(true);
    expect(e.code).toBe('CONTENT_BLOCKED');
    expect([e.stage, e.action, e.categories]).toEqual(['input', 'block', ['prompt_injection.override']]);
    expect(e.message).toBe('Rampart blocked this input (prompt_injection.override)');
  });

  it('names the tool and an approval hold', () => {
    const e = new RampartBlockedError(decision('tool_call', 'require_approval'), { tool: 'send_email' });
    expect(e.tool).toBe('send_email');
    expect(e.message).toBe(
      'Rampart holds for approval this tool call "send_email" (prompt_injection.override)',
    );
    expect(stoppingCategories(decision('output', 'flag'))).toEqual([]);
  });
});
