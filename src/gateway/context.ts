// Everything a request handler needs, built once by createGateway. Handlers receive it explicitly (no
// globals), so two gateways can run in one process (tests) without sharing state.
import type { Logger as PinoLogger } from 'pino';
import type { ToolFirewall } from '../agent/firewall/create-tool-firewall.js';
import type { ApprovalQueue } from '../agent/approvals/approval-queue.js';
import type { Guard } from '../policy/create-guard.js';
import type { AuditSink } from '../telemetry/audit-writer.js';
import type { DecisionFeed } from '../telemetry/decision-feed.js';
import type { Metrics } from '../telemetry/metrics.js';
import type { Tracing } from '../telemetry/tracing.js';
import type { GatewayConfig } from './config.js';
import type { KeyStore, SpotlightSetting, TrustClientRoles } from './keys/key-record.js';
import type { Limiter } from './limits/limiter.js';
import type { Limits } from './limits/config.js';
import type { StateStore } from './store/state-store.js';
import type { UpstreamRouter } from './upstream/router.js';

export interface GatewayContext {
  config: GatewayConfig;
  guard: Guard;
  router: UpstreamRouter;
  store: StateStore;
  keys: KeyStore;
  limiter: Limiter;
  metrics: Metrics;
  tracing: Tracing;
  log: PinoLogger;
  audit?: AuditSink;
  feed: DecisionFeed;
  /** Checks the model's tool calls (config `firewall`); absent: only the guard's tool_call scanners run. */
  firewall?: ToolFirewall;
  /** The firewall's approval queue (firewall config `approvals`): answered from the dashboard. */
  approvals?: ApprovalQueue;
  /** The firewall has an `intent` section: each request begins a turn from the last user message. */
  firewallTurns?: boolean;
  /** Requests in flight in this process (bounded by server.max_concurrent_requests). */
  inflight: { count: number };
}

/** Who is calling: the verified key (absent in open, loopback-only mode) and its effective limits. */
export interface Caller {
  keyId?: string;
  tenant?: string;
  limits: Limits;
  /** The key's trust_client_roles; absent: the config's. */
  trustClientRoles?: TrustClientRoles;
  /** The key's spotlight mode; absent: the config's. */
  spotlight?: SpotlightSetting;
}
