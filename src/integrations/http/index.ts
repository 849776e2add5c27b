// The public API of rampart/http. Re-exports only; the adapters import only types from their framework.
export {
  checkBody,
  checkBodyText,
  DEFAULT_MAX_BODY_BYTES,
  type RampartHttpOptions,
  type RampartRequestInfo,
  type HttpVerdict,
  type HttpErrorAnswer,
} from './core.js';
export { rampartExpress } from './express.js';
export { rampartHono, type RampartHonoEnv } from './hono.js';
export { rampartFastify } from './fastify.js';
