// Category → action resolution: exact category first, then the longest dotted prefix, then the default.
import type { Action, Stage } from '../core/types.js';
import { ACTION_SEVERITY } from '../core/types.js';
import type { ActionRule, Policy } from './schema.js';

type Table = Record<string, ActionRule>;

function apply(rule: ActionRule, score: number): Action {
  if (typeof rule === 'string') return rule;
  let best: Action = 'allow';
  for (const [action, min] of Object.entries(rule) as Array<[Action, number | undefined]>) {
    if (min !== undefined && score >= min && ACTION_SEVERITY[action] > ACTION_SEVERITY[best]) best = action;
  }
  return best;
}

function lookup(table: Table, category: string): ActionRule | undefined {
  let key = category;
  for (;;) {
    const rule = table[key];
    if (rule !== undefined) return rule;
    const dot = key.lastIndexOf('.');
    if (dot < 0) return undefined;
    key = key.slice(0, dot);
  }
}

export function createActionResolver(
  policy: Policy,
): (stage: Stage, category: string, score: number) => Action {
  const cache = new Map<string, ActionRule>();
  return (stage, category, score) => {
    const k = `${stage}\u0000${category}`;
    let rule = cache.get(k);
    if (rule === undefined) {
      const stageTable = policy.stages[stage]?.actions ?? {};
      rule =
        lookup(stageTable, category) ??
        lookup(policy.actions, category) ??
        // A failed scanner blocks unless the policy says otherwise for it: a policy that merely forgot
        // the category must not fail open through a lenient default_action.
        (category === 'scanner.error' ? 'block' : policy.default_action);
      cache.set(k, rule);
    }
    return apply(rule, score);
  };
}
