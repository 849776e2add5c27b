import { ACTION_SEVERITY, type Action } from './types.js';

/** The more severe of two actions. */
export function worst(a: Action, b: Action): Action {
  return ACTION_SEVERITY[b] > ACTION_SEVERITY[a] ? b : a;
}

/** Whether an action means the text must not pass unchanged (used for exit codes and eval). */
export const isIntervention = (a: Action): boolean => a !== 'allow';
