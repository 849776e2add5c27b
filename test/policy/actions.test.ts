import { describe, expect, it } from 'vitest';
import { createActionResolver } from '../../src/policy/actions.js';
import { parsePolicy } from '../../src/policy/load.js';

const resolver = (actions: string, stageActions = '') =>
  createActionResolver(
    parsePolicy(
      `version: 1\nstages:\n  output:\n    scanners: []\n    actions: {${stageActions}}\nactions: {${actions}}\ndefault_action: flag\n`,
    ),
  );

describe('action resolution', () => {
  it('prefers the exact category, then the longest dotted prefix, then the default', () => {
    const r = resolver('prompt_injection: block, prompt_injection.indirect: flag, evasion: allow');
    expect(r('input', 'prompt_injection.override', 0.9)).toBe('block');
    expect(r('input', 'prompt_injection.indirect', 0.9)).toBe('flag');
    expect(r('input', 'evasion.encoding', 0.9)).toBe('allow');
    expect(r('input', 'something.else', 0.9)).toBe('flag');
  });

  it('does not treat a non-dotted prefix as a parent category', () => {
    const r = resolver('pii: redact');
    expect(r('input', 'piiano.x', 1)).toBe('flag');
  });

  it('applies score thresholds per action', () => {
    const r = resolver('jailbreak: { block: 0.8, flag: 0.5 }');
    expect(r('input', 'jailbreak.persona', 0.9)).toBe('block');
    expect(r('input', 'jailbreak.persona', 0.6)).toBe('flag');
    expect(r('input', 'jailbreak.persona', 0.2)).toBe('allow');
  });

  it('lets a stage override the global table', () => {
    const r = resolver('pii: redact', 'pii: block');
    expect(r('output', 'pii.email', 1)).toBe('block');
    expect(r('input', 'pii.email', 1)).toBe('redact');
  });
});

describe('scanner failures', () => {
  it('block when the policy names no action for scanner.error, even with a lenient default', () => {
    const lenient = parsePolicy('version: 1\nstages: {}\ndefault_action: allow\n');
    expect(createActionResolver(lenient)('input', 'scanner.error', 1)).toBe('block');
    const explicit = parsePolicy('version: 1\nstages: {}\nactions: { scanner.error: flag }\n');
    expect(createActionResolver(explicit)('input', 'scanner.error', 1)).toBe('flag');
  });
});
