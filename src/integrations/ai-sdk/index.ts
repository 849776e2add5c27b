// The public API of rampart/ai-sdk (Vercel AI SDK middleware). Re-exports only; `ai` is an optional peer
// dependency whose types alone are imported.
export { rampartMiddleware, type RampartMiddlewareOptions } from './middleware.js';
export { promptSegments, type PromptSegments } from './prompt.js';
export { RampartBlockedError, isRampartBlockedError } from '../blocked.js';
