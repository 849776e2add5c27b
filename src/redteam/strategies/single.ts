// The default: the case as written, in one go.
import type { Strategy } from './types.js';

export const single: Strategy = {
  name: 'single',
  description: 'Sends the attack as written (usually one turn).',
  appliesTo: () => true,
  turns: (c) => [...c.turns],
};
