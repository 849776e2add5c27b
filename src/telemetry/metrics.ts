// Prometheus metrics for one gateway. Each gateway owns its Registry (never prom-client's global one),
// so two gateways in one process — tests, or a gateway embedded in an app — never clash on names.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { BoundedLabel } from './bounded-label.js';

export type UpstreamOutcome = 'ok' | 'error' | 'timeout';

export interface MetricsOptions {
  /** Also export process metrics (CPU, memory, event loop lag) prefixed rampart_. Off by default. */
  processMetrics?: boolean;
  /** Most distinct values any one label may take before newcomers count as 'other' (default 200). */
  maxLabelValues?: number;
}

export interface RequestCounts {
  requests: number;
  errors: number;
}

export interface Metrics {
  registry: Registry;
  /** The Content-Type to serve `render()` with. */
  contentType: string;
  render(): Promise<string>;
  /** One handled request; a stream is counted when it ends, with the status it ended with (a failure
   *  after its 200 headers counts as the error it sent in its last event). */
  request(route: string, status: number, seconds: number): void;
  /** Requests counted by request() so far, and those with a 5xx status: what the dashboard shows. */
  requestCounts(): RequestCounts;
  decision(stage: string, action: string, categories: readonly string[]): void;
  scanner(scanner: string, seconds: number): void;
  upstream(upstream: string, outcome: UpstreamOutcome, seconds: number): void;
  limitRejection(limit: string): void;
  /** Extra time to first token the output scanners added to a stream (hold-back), in seconds. */
  streamAddedTtft(seconds: number): void;
  /** Count a request as in flight; call the returned function once when it ends (extra calls are ignored). */
  inflightStart(route: string): () => void;
  inflight(route: string): number;
}

// Latency buckets in seconds: scanners live in the sub-millisecond to tens-of-ms range, upstreams in seconds.
const FAST_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];
const SLOW_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

const clampSeconds = (s: number): number => (Number.isFinite(s) && s > 0 ? s : 0);
const statusLabel = (status: number): string =>
  Number.isInteger(status) && status >= 100 && status <= 599 ? String(status) : 'other';

export function createMetrics(opts: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  const max = opts.maxLabelValues ?? 200;
  const label = {
    route: new BoundedLabel(max),
    stage: new BoundedLabel(max),
    action: new BoundedLabel(max),
    category: new BoundedLabel(max),
    scanner: new BoundedLabel(max),
    upstream: new BoundedLabel(max),
    limit: new BoundedLabel(max),
  };
  const registers = [registry];

  const requests = new Counter({
    name: 'rampart_requests_total',
    help: 'HTTP requests handled, by route and status code.',
    labelNames: ['route', 'status'] as const,
    registers,
  });
  const requestDuration = new Histogram({
    name: 'rampart_request_duration_seconds',
    help: 'Time to handle an HTTP request, by route (a streamed answer: until its last event).',
    labelNames: ['route'] as const,
    buckets: SLOW_BUCKETS,
    registers,
  });
  const decisions = new Counter({
    name: 'rampart_decisions_total',
    help: 'Policy decisions, by stage and action.',
    labelNames: ['stage', 'action'] as const,
    registers,
  });
  const findings = new Counter({
    name: 'rampart_findings_total',
    help: 'Decisions that had at least one finding of a category, by category.',
    labelNames: ['category'] as const,
    registers,
  });
  const scannerDuration = new Histogram({
    name: 'rampart_scanner_duration_seconds',
    help: 'Time one scanner took on one check.',
    labelNames: ['scanner'] as const,
    buckets: FAST_BUCKETS,
    registers,
  });
  const upstreamDuration = new Histogram({
    name: 'rampart_upstream_duration_seconds',
    help: 'Time an upstream model call took, by upstream and outcome.',
    labelNames: ['upstream', 'outcome'] as const,
    buckets: SLOW_BUCKETS,
    registers,
  });
  const limitRejections = new Counter({
    name: 'rampart_limit_rejections_total',
    help: 'Requests refused by a limit (rate, budget, size, concurrency), by limit.',
    labelNames: ['limit'] as const,
    registers,
  });
  const addedTtft = new Histogram({
    name: 'rampart_stream_added_ttft_seconds',
    help: 'Time to first token added by streaming output checks.',
    buckets: FAST_BUCKETS,
    registers,
  });
  const inflightGauge = new Gauge({
    name: 'rampart_inflight_requests',
    help: 'Requests being handled now, by route.',
    labelNames: ['route'] as const,
    registers,
  });
  const inflightCounts = new Map<string, number>();
  // Kept beside rampart_requests_total by the same call, so the dashboard and /metrics never disagree.
  const counts: RequestCounts = { requests: 0, errors: 0 };

  if (opts.processMetrics) collectDefaultMetrics({ register: registry, prefix: 'rampart_' });

  return {
    registry,
    contentType: registry.contentType,
    render: () => registry.metrics(),
    request(route, status, seconds) {
      const r = label.route.value(route);
      requests.inc({ route: r, status: statusLabel(status) });
      counts.requests++;
      if (status >= 500) counts.errors++;
      requestDuration.observe({ route: r }, clampSeconds(seconds));
    },
    decision(stage, action, categories) {
      decisions.inc({ stage: label.stage.value(stage), action: label.action.value(action) });
      // Count each category once per decision: "how many decisions saw a secret", not "how many matches".
      for (const c of new Set(categories)) findings.inc({ category: label.category.value(c) });
    },
    requestCounts: () => ({ ...counts }),
    scanner(scanner, seconds) {
      scannerDuration.observe({ scanner: label.scanner.value(scanner) }, clampSeconds(seconds));
    },
    upstream(upstream, outcome, seconds) {
      upstreamDuration.observe({ upstream: label.upstream.value(upstream), outcome }, clampSeconds(seconds));
    },
    limitRejection(limit) {
      limitRejections.inc({ limit: label.limit.value(limit) });
    },
    streamAddedTtft(seconds) {
      addedTtft.observe(clampSeconds(seconds));
    },
    inflightStart(route) {
      const r = label.route.value(route);
      inflightCounts.set(r, (inflightCounts.get(r) ?? 0) + 1);
      inflightGauge.inc({ route: r });
      let done = false;
      return () => {
        if (done) return;
        done = true;
        inflightCounts.set(r, (inflightCounts.get(r) ?? 1) - 1);
        inflightGauge.dec({ route: r });
      };
    },
    inflight(route) {
      return inflightCounts.get(label.route.value(route)) ?? 0;
    },
  };
}
