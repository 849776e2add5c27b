import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  deriveSessionKey,
  newSessionKey,
  signUserIntent,
  signUserTurn,
  verifyUserIntent,
  verifyUserTurn,
} from '../../../src/agent/mcp/user-intent.js';

const key = Buffer.alloc(32, 7);

describe('user-intent marks', () => {
  it('verifies a mark over session, tool and canonical arguments (key order does not matter)', () => {
    const mark = signUserIntent(key, 's1', 'mail__send_email', { to: 'bob@corp.example', body: 'hi' });
    expect(mark).toMatch(/^[A-Za-z0-9_-]{43}$/u);
    expect(
      verifyUserIntent(key, 's1', 'mail__send_email', { body: 'hi', to: 'bob@corp.example' }, mark),
    ).toEqual({ ok: true });
    // The key may be given as base64url text (what initialize issues).
    expect(
      signUserIntent(key.toString('base64url'), 's1', 'mail__send_email', {
        to: 'bob@corp.example',
        body: 'hi',
      }),
    ).toBe(mark);
  });

  it('refuses the mark for another session, tool, argument value or key', () => {
    const args = { to: 'bob@corp.example', body: 'hi' };
    const mark = signUserIntent(key, 's1', 'mail__send_email', args);
    const bad = [
      verifyUserIntent(key, 's2', 'mail__send_email', args, mark),
      verifyUserIntent(key, 's1', 'mail__send', args, mark),
      verifyUserIntent(key, 's1', 'mail__send_email', { ...args, to: 'eve@evil.example' }, mark),
      verifyUserIntent(key, 's1', 'mail__send_email', { ...args, cc: 'x' }, mark),
      verifyUserIntent(newSessionKey(), 's1', 'mail__send_email', args, mark),
    ];
    for (const r of bad) expect(r).toEqual({ ok: false, reason: expect.stringMatching(/does not match/u) });
  });

  it('refuses malformed marks with a reason, and arguments too deep to sign', () => {
    for (const m of [undefined, null, 42, {}, '', 'x'.repeat(43), 'a'.repeat(44), '!'.repeat(43)])
      expect(verifyUserIntent(key, 's', 't', {}, m).ok).toBe(false);
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = [deep];
    const args = { a: deep };
    expect(verifyUserIntent(key, 's', 't', args, signUserIntent(key, 's', 't', args))).toEqual({
      ok: false,
      reason: expect.stringMatching(/too deeply/u),
    });
  });

  it('never throws and never accepts hostile input that is not the exact mark (property)', () => {
    const good = signUserIntent(key, 's', 't', { a: 1 });
    fc.assert(
      fc.property(fc.anything(), fc.jsonValue(), (mark, a) => {
        const args = { a };
        const r = verifyUserIntent(key, 's', 't', args, mark);
        if (r.ok) expect(mark === good || mark === signUserIntent(key, 's', 't', args)).toBe(true);
        const t = verifyUserTurn(key, 's', mark);
        expect(t.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('turn marks bind the session and the text', () => {
    const mac = signUserTurn(key, 's1', 'send an email to bob');
    expect(verifyUserTurn(key, 's1', { text: 'send an email to bob', mac })).toEqual({
      ok: true,
      text: 'send an email to bob',
    });
    expect(verifyUserTurn(key, 's1', { text: 'send an email to eve', mac }).ok).toBe(false);
    expect(verifyUserTurn(key, 's2', { text: 'send an email to bob', mac }).ok).toBe(false);
    expect(verifyUserTurn(key, 's1', { text: 'x'.repeat(70_000), mac }).ok).toBe(false);
  });

  it('derives per-session keys from a secret (distinct per session, stable)', () => {
    const a = deriveSessionKey('s'.repeat(32), 'one');
    expect(a).toEqual(deriveSessionKey('s'.repeat(32), 'one'));
    expect(a.equals(deriveSessionKey('s'.repeat(32), 'two'))).toBe(false);
    expect(a.length).toBe(32);
  });
});
