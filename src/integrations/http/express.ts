// rampart/http for Express 5: `app.use(rampartExpress({ guard }))`. Reads the JSON body (bounded), checks
// the configured field, sets `req.body` and `req.rampart`, or answers the OpenAI-shaped error. A body that
// express.json() already parsed is used as is. Only types come from express: nothing loads it here.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import {
  checkBody,
  checkBodyText,
  DEFAULT_MAX_BODY_BYTES,
  tooLarge,
  type HttpVerdict,
  type RampartHttpOptions,
  type RampartRequestInfo,
} from './core.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by rampartExpress when the body was checked and passed. */
    rampart?: RampartRequestInfo;
  }
}

async function readBounded(req: Request, max: number): Promise<string | undefined> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function rampartExpress(opts: RampartHttpOptions): RequestHandler {
  const max = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return (req: Request, res: Response, next: NextFunction) => {
    void (async () => {
      let verdict: HttpVerdict;
      if (req.body !== undefined) verdict = await checkBody(req.body, opts);
      else {
        let text: string | undefined;
        try {
          text = await readBounded(req, max);
        } catch {
          res.status(400).json({
            error: {
              message: 'Request body could not be read',
              type: 'invalid_request_error',
              code: 'invalid_body',
              param: null,
            },
          });
          return;
        }
        if (text === undefined) {
          const a = tooLarge(max);
          res.status(a.status).set('connection', 'close').json(a.body);
          return;
        }
        verdict = await checkBodyText(text, opts);
      }
      if (verdict.kind === 'answer') {
        res.status(verdict.answer.status).json(verdict.answer.body);
        return;
      }
      if (verdict.kind === 'pass') {
        req.body = verdict.info.body;
        req.rampart = verdict.info;
      } else req.body = verdict.body;
      next();
    })().catch(next);
  };
}
