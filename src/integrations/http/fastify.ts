// rampart/http for Fastify 5: `await scope.register(rampartFastify, { guard })`. Scope: like a
// fastify-plugin plugin it is not encapsulated, so it guards the routes of the scope that registers it
// (register it inside your own plugin to guard only those routes). In that scope it reads
// application/json bodies as text (bounded by maxBodyBytes through Fastify's bodyLimit: 413 with Fastify's
// FST_ERR_CTP_BODY_TOO_LARGE), checks the configured field in a preHandler hook, sets `request.body` and
// `request.rampart`, or answers the OpenAI-shaped error. Only types come from fastify.
import type { FastifyPluginAsync } from 'fastify';
import {
  checkBodyText,
  DEFAULT_MAX_BODY_BYTES,
  type RampartHttpOptions,
  type RampartRequestInfo,
} from './core.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by rampartFastify when the body was checked and passed. */
    rampart?: RampartRequestInfo;
  }
}

const plugin: FastifyPluginAsync<RampartHttpOptions> = async (scope, opts) => {
  const max = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: max },
    (_req, body, done) => {
      done(null, body);
    },
  );
  scope.addHook('preHandler', async (request, reply) => {
    const text = typeof request.body === 'string' ? request.body : '';
    const verdict = await checkBodyText(text, opts);
    if (verdict.kind === 'answer') {
      await reply.code(verdict.answer.status).send(verdict.answer.body);
      return reply;
    }
    if (verdict.kind === 'pass') {
      request.body = verdict.info.body;
      request.rampart = verdict.info;
    } else request.body = verdict.body;
    return undefined;
  });
};
// What fastify-plugin sets: the hook and parser apply to the registering scope, not a child of it.
(plugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;

export const rampartFastify = plugin;
