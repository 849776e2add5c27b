// rampart/http for Hono: `app.use('/chat', rampartHono({ guard }))`. Reads the JSON body (bounded), checks
// the configured field, sets `c.get('rampart')`, or answers the OpenAI-shaped error. The parsed body is at
// `c.get('rampart').body` (the request stream is consumed). Only types come from hono.
import type { MiddlewareHandler } from 'hono';
import { readStreamBoundedText } from '../../core/bounded-stream.js';
import {
  checkBodyText,
  DEFAULT_MAX_BODY_BYTES,
  tooLarge,
  type RampartHttpOptions,
  type RampartRequestInfo,
} from './core.js';

export interface RampartHonoEnv {
  Variables: { rampart: RampartRequestInfo | undefined };
}

export function rampartHono(opts: RampartHttpOptions): MiddlewareHandler<RampartHonoEnv> {
  const max = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return async (c, next) => {
    const declared = Number(c.req.header('content-length'));
    let text: string | undefined;
    if (Number.isFinite(declared) && declared > max) text = undefined;
    else
      try {
        text = await readStreamBoundedText(c.req.raw.body, max);
      } catch {
        return c.json(
          {
            error: {
              message: 'Request body could not be read',
              type: 'invalid_request_error',
              code: 'invalid_body',
              param: null,
            },
          },
          400,
        );
      }
    if (text === undefined) {
      const a = tooLarge(max);
      return c.json(a.body, 413);
    }
    const verdict = await checkBodyText(text, opts);
    if (verdict.kind === 'answer') return c.json(verdict.answer.body, verdict.answer.status as 400);
    c.set('rampart', verdict.kind === 'pass' ? verdict.info : undefined);
    await next();
    return undefined;
  };
}
