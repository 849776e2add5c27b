// The prompt builder: the only way documents enter the messages is through spotlight(), so untrusted
// text cannot reach the model unlabelled. The system message is the application's prompt plus the
// sentence that explains the marking; the user message is the question, then the blocks.
import { spotlight, type Spotlighted, type SpotlightOptions, type UntrustedDocument } from './spotlight.js';

export interface SpotlightedPromptInput {
  /** The application's own instructions (trusted). */
  system: string;
  /** The user's question (user trust: scanned as such by the guard, not spotlighted). */
  question: string;
  documents: readonly UntrustedDocument[];
}

export interface PromptMessage {
  role: 'system' | 'user';
  content: string;
}

export interface SpotlightedPrompt {
  messages: PromptMessage[];
  spotlight: Spotlighted;
}

export function buildSpotlightedPrompt(
  input: SpotlightedPromptInput,
  opts: SpotlightOptions = {},
): SpotlightedPrompt {
  const s = spotlight(input.documents, { ...opts, exclude: [input.system, input.question] });
  const system = input.system.trim() ? `${input.system.trim()}\n\n${s.systemNote}` : s.systemNote;
  const user = s.blocks.length > 0 ? `${input.question}\n\n${s.blocks.join('\n\n')}` : input.question;
  return {
    messages: [
      { role: 'system', content: system },
      { role: 'user', content: user },
    ],
    spotlight: s,
  };
}
