import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TAINT_RULES,
  sensitiveTaint,
  taintAction,
  taintViolations,
  type TaintFinding,
} from '../../../src/agent/firewall/taint-rules.js';
import type { TaintRule } from '../../../src/agent/firewall/types.js';
import type { TaintMatch } from '../../../src/agent/taint/ledger.js';

const page: TaintMatch = { source: { kind: 'web_page', id: 'https://evil.example/' }, how: 'email' };
const to: TaintFinding = { arg: 'to', kind: 'recipient', matches: [page] };
const url: TaintFinding = { arg: '/link', kind: 'url', matches: [{ ...page, how: 'url' }] };

describe('taintAction', () => {
  it('by default denies a tainted value in any sensitive argument of any tool', () => {
    expect(taintAction('send_email', [to, url], DEFAULT_TAINT_RULES)).toEqual({
      action: 'deny',
      covered: [to, url],
      rule: 0,
    });
    expect(taintAction('send_email', [], DEFAULT_TAINT_RULES)).toBeUndefined();
  });

  it('scopes rules by tool, kind and argument; findings no rule covers leave the call alone', () => {
    const rules: TaintRule[] = [
      { tools: ['send_email'], kinds: ['recipient'], action: 'require_approval' },
      { args: ['/link'], action: 'deny' },
    ];
    expect(taintAction('send_email', [to], rules)).toEqual({
      action: 'require_approval',
      covered: [to],
      rule: 0,
    });
    expect(taintAction('post', [to], rules)).toBeUndefined();
    expect(taintAction('post', [to, url], rules)).toEqual({ action: 'deny', covered: [url], rule: 1 });
    // The rule reported is the one whose action stands: the deny, not the earlier approval.
    expect(taintAction('send_email', [to, url], rules)).toEqual({
      action: 'deny',
      covered: [to, url],
      rule: 1,
    });
    expect(taintAction('send_email', [to], [])).toBeUndefined();
  });

  it('the strictest action wins whatever the order of rules and findings (property)', () => {
    const rule = fc.record(
      {
        tools: fc.subarray(['send_email', 'post']),
        kinds: fc.subarray(['recipient', 'url']),
        action: fc.constantFrom('deny' as const, 'require_approval' as const),
      },
      { requiredKeys: ['action'] },
    );
    fc.assert(
      fc.property(
        fc.array(rule, { maxLength: 5 }),
        fc.subarray([to, url]),
        fc.constantFrom('send_email', 'post'),
        (rules, findings, tool) => {
          const covers = (r: TaintRule, f: TaintFinding) =>
            (!r.tools || r.tools.includes(tool)) && (!r.kinds || r.kinds.includes(f.kind));
          const applying = rules.filter((r) => findings.some((f) => covers(r, f)));
          const got = taintAction(tool, findings, rules);
          const reversed = taintAction(tool, [...findings].reverse(), [...rules].reverse());
          if (applying.length === 0) expect(got).toBeUndefined();
          else
            expect(got?.action).toBe(applying.some((r) => r.action === 'deny') ? 'deny' : 'require_approval');
          expect(reversed?.action).toBe(got?.action);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('taintViolations and sensitiveTaint', () => {
  it('one violation per match, naming the argument and the source, never the value', () => {
    expect(taintViolations([to, { ...url, matches: [url.matches[0]!, { ...page, how: 'domain' }] }])).toEqual(
      [
        {
          kind: 'taint',
          arg: 'to',
          source: page.source,
          detail:
            "argument 'to' (recipient) carries an e-mail address taken from untrusted web_page 'https://evil.example/'",
        },
        {
          kind: 'taint',
          arg: '/link',
          source: page.source,
          detail:
            "argument '/link' (url) carries a URL taken from untrusted web_page 'https://evil.example/'",
        },
        {
          kind: 'taint',
          arg: '/link',
          source: page.source,
          detail:
            "argument '/link' (url) carries a domain taken from untrusted web_page 'https://evil.example/'",
        },
      ],
    );
  });

  it('keeps only the sensitive values the ledger recognises', () => {
    const find = (v: unknown) => (v === 'loot@evil.example' ? [page] : []);
    expect(
      sensitiveTaint(
        [
          { arg: 'to', kind: 'recipient', value: 'loot@evil.example' },
          { arg: 'cc', kind: 'recipient', value: 'me@home.example' },
        ],
        find,
      ),
    ).toEqual([{ arg: 'to', kind: 'recipient', matches: [page] }]);
  });
});
