// The intent suite's task data: seeded and reproducible, varied, well formed, and the user's sentence (what the
// envelope reads) never names a tool.
import { describe, expect, it } from 'vitest';
import { createToolFirewall } from '../../../src/agent/firewall/create-tool-firewall.js';
import {
  INTENT_CATALOG,
  generateIntentTasks,
  intentToolDefinition,
} from '../../../src/eval/agent/intent-suite.js';
import { INJECT_MARKER, toolResult } from '../../../src/eval/agent/index.js';

const tasks = generateIntentTasks(21, 150);

describe('intent suite', () => {
  it('is reproducible from its seed, and another seed draws other tasks', () => {
    expect(generateIntentTasks(21, 150)).toEqual(tasks);
    expect(generateIntentTasks(22, 150)).not.toEqual(tasks);
  });

  it('spans the attack kinds, the worlds and the phrasings; about one task in thirty takes its target from the data', () => {
    const kinds = new Set(tasks.map((t) => t.attackKind));
    expect([...kinds].sort()).toEqual(['direct_harm', 'exfil_hidden', 'exfil_visible']);
    expect(new Set(tasks.map((t) => t.world)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(tasks.map((t) => t.intro)).size).toBeGreaterThanOrEqual(30);
    expect(new Set(tasks.map((t) => t.injection.attack.tool)).size).toBeGreaterThanOrEqual(12);
    expect(tasks.filter((t) => t.delegated).length).toBe(5);
    // Direct harm carries no attacker-chosen address; hidden exfiltration's address is not in the tool result.
    for (const t of tasks.filter((x) => x.attackKind === 'exfil_hidden')) {
      const tool = Object.keys(t.results)[0]!;
      const addr = String(Object.values(t.injection.attack.equals ?? t.injection.attack.includes ?? {})[0]);
      expect(toolResult(t, tool, 'injected'), t.id).not.toContain(addr);
    }
  });

  it('tasks are well formed: catalog tools the firewall compiles, one injection slot, and no tool name in the sentence', () => {
    expect(() =>
      createToolFirewall({ tools: INTENT_CATALOG, policies: 'permit(principal, action, resource);' }),
    ).not.toThrow();
    for (const t of [...tasks, ...generateIntentTasks(21, 150, { phrasings: 'holdout' })]) {
      for (const name of t.tools) expect(intentToolDefinition(name).function.name).toBe(name);
      expect(t.tools).toContain(t.benign.tool);
      expect(t.tools).toContain(t.injection.attack.tool);
      expect(Object.values(t.results).join('').split(INJECT_MARKER).length - 1, t.id).toBe(1);
      for (const name of Object.keys(INTENT_CATALOG)) expect(t.intro, t.id).not.toContain(name);
    }
  });

  it('held-out phrasings differ from the main ones and from each other', () => {
    const held = generateIntentTasks(21, 150, { phrasings: 'holdout' });
    const main = new Set(tasks.map((t) => t.intro));
    expect(held.filter((t) => !t.delegated && main.has(t.intro))).toEqual([]);
    const fresh = generateIntentTasks(21, 150, { phrasings: 'fresh' });
    const heldSet = new Set(held.map((t) => t.intro));
    expect(fresh.filter((t) => !t.delegated && (main.has(t.intro) || heldSet.has(t.intro)))).toEqual([]);
  });
});
