// The strategy registry: a plan names strategies from this table.
import { RampartError } from '../../core/errors.js';
import { contextPriming } from './context-priming.js';
import { crescendo } from './crescendo.js';
import { single } from './single.js';
import type { Strategy } from './types.js';

export type { Strategy } from './types.js';

export const STRATEGIES = {
  single,
  crescendo,
  context_priming: contextPriming,
} as const satisfies Record<string, Strategy>;

export type StrategyName = keyof typeof STRATEGIES;
export const STRATEGY_NAMES = Object.keys(STRATEGIES) as StrategyName[];

export function getStrategy(name: string): Strategy {
  if (!Object.hasOwn(STRATEGIES, name))
    throw new RampartError('CONFIG_INVALID', `unknown strategy "${name}"`);
  return STRATEGIES[name as StrategyName];
}
