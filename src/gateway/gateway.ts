// createGateway(config) builds every part of the gateway from its config — guard, upstreams, state
// store, keys, limiter, telemetry, audit log — and returns the HTTP app plus a close() that releases
// them. Nothing listens here (server.ts does), so tests can run the app in-process.
import { availableParallelism } from 'node:os';
import type { Logger as PinoLogger } from 'pino';
import { createGuard, loadGuard, type Guard } from '../policy/create-guard.js';
import { AuditWriter } from '../telemetry/audit-writer.js';
import { createDecisionFeed } from '../telemetry/decision-feed.js';
import { createLogger } from '../telemetry/logger.js';
import { createMetrics } from '../telemetry/metrics.js';
import { createTracing } from '../telemetry/tracing.js';
import { createApp, type GatewayApp } from './app.js';
import { redisUrlFrom, type GatewayConfig } from './config.js';
import type { GatewayContext } from './context.js';
import { offloadScans } from './scan-pool.js';
import { FileKeyStore } from './keys/file-key-store.js';
import type { KeyStore } from './keys/key-record.js';
import { createLimiter } from './limits/limiter.js';
import { MemoryStore } from './store/memory-store.js';
import type { StateStore } from './store/state-store.js';
import { createHttpUpstream } from './upstream/http-upstream.js';
import { createLocalModel } from '../local-model/model.js';
import { createRouter } from './upstream/router.js';
import { closeStructuredChecker } from './chat/structured.js';
import type { ToolFirewall } from '../agent/firewall/create-tool-firewall.js';
import type { ApprovalQueue } from '../agent/approvals/approval-queue.js';

// Optional parts are imported only when the config asks for them: the Redis client, the tool firewall
// (Cedar's WebAssembly engine, JSON-schema compilers) and the OTLP exporter together are most of the
// gateway's resident memory, and a gateway on embedded defaults needs none of them.
async function loadToolFirewall(
  path: string,
): Promise<{ firewall: ToolFirewall; turns: boolean; approvals?: ApprovalQueue }> {
  const [
    { createToolFirewall },
    { firewallOptionsFromConfig, loadFirewallConfig },
    { ApprovalQueue: Queue },
  ] = await Promise.all([
    import('../agent/firewall/create-tool-firewall.js'),
    import('../agent/firewall/config.js'),
    import('../agent/approvals/approval-queue.js'),
  ]);
  const { config, baseDir } = loadFirewallConfig(path);
  // A firewall with an `approvals` section asks a person (the dashboard's approvals panel) and holds the answer
  // until they decide or the timeout denies; without one, a call needing approval is withheld at once.
  const approvals = config.approvals
    ? new Queue(config.approvals.timeoutMs !== undefined ? { timeoutMs: config.approvals.timeoutMs } : {})
    : undefined;
  // A firewall with an `intent` section gets a turn per request (the conversation's last user message).
  return {
    firewall: createToolFirewall(
      firewallOptionsFromConfig(config, { baseDir, ...(approvals ? { approvals } : {}) }),
    ),
    turns: config.intent !== undefined,
    ...(approvals ? { approvals } : {}),
  };
}

async function firewallContext(
  path: string,
): Promise<{ firewall: ToolFirewall; firewallTurns: boolean; approvals?: ApprovalQueue }> {
  const { firewall, turns, approvals } = await loadToolFirewall(path);
  return { firewall, firewallTurns: turns, ...(approvals ? { approvals } : {}) };
}

export interface GatewayOptions {
  /** A guard built by the caller (tests, library users); otherwise from config.policy or the default. */
  guard?: Guard;
  /** Logger override (tests capture logs). */
  log?: PinoLogger;
}

export interface Gateway extends GatewayApp {
  context: GatewayContext;
  close(): Promise<void>;
}

export async function createGateway(config: GatewayConfig, options: GatewayOptions = {}): Promise<Gateway> {
  const log = options.log ?? createLogger({ level: config.telemetry.log_level });
  const offload = offloadScans(options.guard ?? (config.policy ? loadGuard(config.policy) : createGuard()), {
    workers: config.server.scan_workers ?? Math.max(1, availableParallelism() - 1),
    queueMax: config.server.scan_queue_max,
    offloadBytes: config.server.scan_offload_bytes,
    log,
  });
  const guard = offload.guard;
  const router = createRouter(
    config.upstreams.map((u) => createHttpUpstream(u)),
    createLocalModel(),
  );
  const closers: Array<() => Promise<void> | void> = [offload.close];
  let context: GatewayContext | undefined;
  try {
    let store: StateStore, keys: KeyStore;
    if (config.store.kind === 'redis') {
      const [{ connectRedis }, { RedisStore }, { RedisKeyStore }] = await Promise.all([
        import('./store/redis-client.js'),
        import('./store/redis-store.js'),
        import('./keys/redis-key-store.js'),
      ]);
      const redis = connectRedis(redisUrlFrom(config.store));
      closers.push(() => void redis.disconnect());
      store = new RedisStore(redis, { prefix: config.store.prefix });
      keys = new RedisKeyStore(redis, config.store.prefix);
    } else {
      store = new MemoryStore();
      keys = new FileKeyStore(config.keys.file);
    }
    const tracing = await createTracing(config.telemetry);
    closers.push(() => tracing.shutdown());
    const audit = config.audit.enabled
      ? await AuditWriter.open(config.audit.path, {
          storeText: config.audit.store_text,
          synchronous: config.audit.synchronous,
        })
      : undefined;
    if (audit) closers.push(() => audit.close());
    context = {
      config,
      guard,
      router,
      store,
      keys,
      limiter: createLimiter(store, { prices: config.prices }),
      metrics: createMetrics(),
      tracing,
      log,
      audit,
      feed: createDecisionFeed({ capacity: 200 }),
      ...(config.firewall ? await firewallContext(config.firewall) : {}),
      inflight: { count: 0 },
    };
    // On shutdown every waiting approval is denied (fail closed) and its request answers at once.
    const queue = context.approvals;
    if (queue) closers.push(() => queue.close('gateway shutting down; denied'));
  } catch (err) {
    for (const close of closers.reverse()) await close();
    throw err;
  }
  const ctx = context;
  closers.push(() => closeStructuredChecker(ctx));
  const app = createApp(context);
  return {
    ...app,
    context,
    close: async () => {
      for (const close of closers.reverse()) await close();
    },
  };
}
