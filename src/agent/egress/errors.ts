// Egress failures carry a stable machine-readable `reason` next to the RampartError code, so a tool
// runner can tell "the agent asked for a private address" from "the server was too slow" without
// parsing messages. Messages name the host and reason only — never the query string, body or credentials.
import { RampartError } from '../../core/errors.js';

export type EgressDenyReason =
  | 'scheme'
  | 'host_denied'
  | 'host_not_allowed'
  | 'private_address'
  | 'credentials_in_url'
  | 'port'
  | 'method'
  | 'invalid_url'
  | 'redirect_to_denied'
  | 'dns_failed';

export type EgressLimitReason = 'size' | 'time' | 'redirects';

export type EgressReason = EgressDenyReason | EgressLimitReason;

export class EgressError extends RampartError {
  /**
   * @param reason why the request was refused or cut off
   * @param redirectReason for `redirect_to_denied`: the check the redirect target failed (e.g. 'private_address')
   */
  constructor(
    code: 'EGRESS_DENIED' | 'EGRESS_LIMIT',
    readonly reason: EgressReason,
    message: string,
    readonly redirectReason?: EgressDenyReason,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.name = 'EgressError';
  }
}

export const denied = (reason: EgressDenyReason, message: string, options?: { cause?: unknown }) =>
  new EgressError('EGRESS_DENIED', reason, message, undefined, options);

export const limited = (reason: EgressLimitReason, message: string) =>
  new EgressError('EGRESS_LIMIT', reason, message);

export const isEgressError = (e: unknown): e is EgressError => e instanceof EgressError;
