import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  TOOL_CATEGORIES,
  deriveCategories,
  nameWords,
  stem,
  toolCategories,
} from '../../../src/agent/firewall/categories.js';

describe('tool categories', () => {
  it('derives categories from the name and description by the documented word rule', () => {
    expect(deriveCategories('transfer_money', 'Transfer money to an IBAN.')).toEqual(['financial']);
    expect(deriveCategories('unlockDoor', 'Unlock a door of the house.')).toEqual(['physical']);
    expect(deriveCategories('delete_repository', 'Delete a repository.')).toEqual(['destructive']);
    expect(deriveCategories('disable_two_factor', 'Turn off two-factor authentication.')).toEqual(
      expect.arrayContaining(['destructive', 'credential']),
    );
    expect(deriveCategories('send_email', 'Send an e-mail.')).toEqual(['external']);
    expect(deriveCategories('get_transactions', 'Recent transactions of an account.')).toEqual(['read']);
    expect(deriveCategories('read_inbox', 'List the newest e-mails of a folder.')).toContain('read');
    expect(deriveCategories('frobnicate', 'Does a thing.')).toEqual(['write']); // unknown impact is not "read"
  });

  it('declared categories override the rule; a declared risk is added to derived ones', () => {
    expect(toolCategories('frobnicate', { categories: ['financial'] })).toEqual(['financial']);
    expect(toolCategories('frobnicate', { risk: 'external' })).toEqual(['write', 'external']);
    expect(toolCategories('list_files', { risk: 'read', description: 'List a directory.' })).toEqual([
      'read',
    ]);
  });

  it('splits names in every common convention and stems plurals', () => {
    expect(nameWords('sendEmail')).toEqual(['send', 'email']);
    expect(nameWords('mail.send-now_v2')).toEqual(['mail', 'send', 'now', 'v2']);
    expect(stem('payments')).toBe('payment');
    expect(stem('deleting')).toBe('delet');
    expect(stem('deleted')).toBe('delet');
  });

  it('always returns known categories, in a fixed order, for any name and description', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 3000 }), (name, desc) => {
        const c = deriveCategories(name, desc);
        expect(c.length).toBeGreaterThan(0);
        expect(c).toEqual(TOOL_CATEGORIES.filter((x) => c.includes(x)));
      }),
      { numRuns: 300 },
    );
  });
});
