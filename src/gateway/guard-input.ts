// The input check shared by the routes that scan what the client sent (chat, embeddings): the guard's
// decision on the request's text, recorded (metrics, feed, audit, log line) with the status it is
// answered with, and on a stop the audit commit awaited before the route answers ("answered ⇒ audited").
import { isStopping } from '../core/actions.js';
import type { Decision, Segment } from '../core/types.js';
import { Vault } from '../policy/vault.js';
import type { Caller, GatewayContext } from './context.js';
import { auditCommitted, recordDecision, type RequestInfo } from './chat/record.js';

/** `stop`: the request ends with the blocked answer (already recorded and committed). `pass`: it goes on,
 *  with the vault holding what the guard redacted. */
export type GuardedInput =
  { outcome: 'stop'; decision: Decision } | { outcome: 'pass'; decision: Decision; vault: Vault };

export async function guardInput(
  gw: GatewayContext,
  info: RequestInfo,
  caller: Caller,
  segments: readonly Segment[],
): Promise<GuardedInput> {
  const vault = new Vault();
  const decision = await gw.guard.check('input', segments, { vault });
  const stop = isStopping(decision.action);
  recordDecision(gw, info, caller, decision, segments.map((s) => s.text).join('\n'), stop ? 400 : 200);
  if (!stop) return { outcome: 'pass', decision, vault };
  await auditCommitted(gw);
  return { outcome: 'stop', decision };
}
