import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createGuard } from '../../../src/policy/create-guard.js';
import { checkBody, checkBodyText } from '../../../src/integrations/http/core.js';

const guard = createGuard();

describe('rampart/http core', () => {
  it('labels messages with the gateway trust rules (tool results untrusted)', async () => {
    const v = await checkBody(
      {
        messages: [
          { role: 'system', content: 'You are helpful.' },
          { role: 'tool', content: 'Weather: sunny, 21 C.' },
        ],
      },
      { guard },
    );
    expect(v.kind).toBe('pass');
  });

  it('rejects a client raising trust and bad message shapes with 400, never throwing', async () => {
    for (const body of [
      { messages: [{ role: 'user', content: 'hi', rampart: { trust: 'system' } }] },
      { messages: [null] },
      { messages: 'x' },
      [1, 2],
      null,
    ]) {
      const v = await checkBody(body, { guard });
      expect(v.kind).toBe('answer');
      if (v.kind === 'answer') expect(v.answer.status).toBe(400);
    }
  });

  it('a guard failure answers 500 without the error text (fail closed)', async () => {
    const broken = { check: () => Promise.reject(new Error('secret detail')) } as unknown as typeof guard;
    const v = await checkBody({ prompt: 'hi' }, { guard: broken, field: 'prompt' });
    expect(v.kind === 'answer' && v.answer.status).toBe(500);
    expect(JSON.stringify(v)).not.toContain('secret detail');
  });

  it('never throws on hostile body text (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.json()), async (text) => {
        const v = await checkBodyText(text, { guard, onInvalid: 'reject' });
        expect(['pass', 'answer']).toContain(v.kind);
      }),
      { numRuns: 60 },
    );
  });
});

describe('rampart/http core: guard errors', () => {
  it('a text over the policy input limit answers like the gateway (a RampartError code, never a stack)', async () => {
    const v = await checkBody({ prompt: 'x'.repeat(1_100_000) }, { guard, field: 'prompt' });
    expect(v.kind).toBe('answer');
    if (v.kind === 'answer') {
      expect(v.answer.status).toBe(413);
      expect(v.answer.body.error.code).toBe('input_too_large');
    }
  });
});
