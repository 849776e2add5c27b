import { ACTION_SEVERITY, type Action } from './types.js';

/** The more severe of two actions. */
export function worst(a: Action, b: Action): Action {
  return ACTION_SEVERITY[b] > ACTION_SEVERITY[a] ? b : a;
}

/** Whether an action means the text must not pass unchanged (used for exit codes and eval). */
export const isIntervention = (a: Action): boolean => a !== 'allow';

/** Whether an action stops the text: it must not go on (`block`), or not without a human (`require_approval`,
 *  which a gateway answering now, a stream or a tool result cannot wait for, so it stops them too). */
export const isStopping = (a: Action | undefined): boolean => a === 'block' || a === 'require_approval';
