// The live decision feed behind the gateway dashboard: a bounded, in-memory record of recent decisions
// and running counters. It never holds prompt or output text: FeedEntry has no field for it, and
// record() copies only the known fields, so an object that happens to carry `text` loses it here.
// Everything is bounded (ring buffer, distinct categories, distinct scanners, string lengths, latency
// samples) because every field below is steered by requests, and telemetry must not become a way to
// exhaust the gateway's memory.
import { RampartError } from '../core/errors.js';
import type { Action } from '../core/types.js';

export type FeedStage = 'input' | 'output';

export interface FeedEntry {
  /** Request id (the same id for the input and output checks of one request). */
  id: string;
  /** Epoch milliseconds. */
  ts: number;
  route: string;
  model: string;
  keyId?: string;
  tenant?: string;
  stage: FeedStage;
  action: Action;
  /** Finding categories (e.g. 'prompt_injection.override'); never text from the input. */
  categories: string[];
  /** Milliseconds per scanner, as in Decision.timingsMs. */
  scannerMs: Record<string, number>;
  /** End-to-end latency of the request as the gateway saw it. */
  latencyMs: number;
  upstream?: string;
  /** HTTP status the gateway answered with. */
  status: number;
}

export interface LatencyStats {
  count: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface CategoryCounts {
  category: string;
  blocked: number;
  flagged: number;
  redacted: number;
  approval: number;
}

export interface FeedSnapshot {
  capacity: number;
  startedAt: number;
  totals: {
    /** Distinct requests (an input and an output check of one request count once). */
    requests: number;
    /** Recorded checks. */
    decisions: number;
    blocked: number;
    flagged: number;
    redacted: number;
    approval: number;
    /** Checks answered with a 5xx status. */
    errors: number;
  };
  byAction: Record<Action, number>;
  /** Sorted by total count, largest first; categories past the distinct limit are counted under 'other'. */
  byCategory: CategoryCounts[];
  /** Per scanner, sorted by name; percentiles over the most recent samples. */
  scanners: Array<{ name: string } & LatencyStats>;
  /** Latency the gateway reported with each recorded check (FeedEntry.latencyMs). */
  latency: LatencyStats;
  /** Newest first. */
  recent: FeedEntry[];
}

export type FeedListener = (entry: FeedEntry) => void;

export interface DecisionFeed {
  record(entry: FeedEntry): void;
  snapshot(): FeedSnapshot;
  /** Called synchronously with each recorded entry; a listener that throws is ignored, not fatal. */
  subscribe(listener: FeedListener): () => void;
}

export interface DecisionFeedOptions {
  /** Recent entries kept (ring buffer). */
  capacity?: number;
  /** Latency samples kept per scanner for percentiles. */
  samples?: number;
  now?: () => number;
}

// Limits on request-steered data. Past them the feed degrades (truncates, folds into 'other') rather
// than failing: the dashboard is an observer and must never break the request path.
const MAX_STRING = 200;
const MAX_CATEGORIES_PER_ENTRY = 32;
const MAX_DISTINCT_CATEGORIES = 256;
const MAX_DISTINCT_SCANNERS = 64;
const OTHER = 'other';

const ACTIONS: readonly Action[] = ['allow', 'flag', 'redact', 'require_approval', 'block'];

export function createDecisionFeed(options: DecisionFeedOptions = {}): DecisionFeed {
  const capacity = positiveInt(options.capacity ?? 200, 'capacity');
  const sampleSize = positiveInt(options.samples ?? 1024, 'samples');
  const now = options.now ?? Date.now;
  const startedAt = now();

  const ring: Array<FeedEntry | undefined> = new Array<FeedEntry | undefined>(capacity);
  let next = 0;
  // Ids present in the ring, to count a request once when its input and output checks both arrive.
  const idsInRing = new Map<string, number>();
  const totals = { requests: 0, decisions: 0, blocked: 0, flagged: 0, redacted: 0, approval: 0, errors: 0 };
  const byAction = Object.fromEntries(ACTIONS.map((a) => [a, 0])) as Record<Action, number>;
  const byCategory = new Map<string, CategoryCounts>();
  const scanners = new Map<string, LatencyTracker>();
  const latency = createLatencyTracker(sampleSize);
  const listeners = new Set<FeedListener>();

  function record(raw: FeedEntry): void {
    const entry = sanitize(raw, now);
    const evicted = ring[next];
    if (evicted) release(idsInRing, evicted.id);
    ring[next] = entry;
    next = (next + 1) % capacity;
    const seen = idsInRing.get(entry.id) ?? 0;
    idsInRing.set(entry.id, seen + 1);

    if (seen === 0) totals.requests++;
    latency.add(entry.latencyMs);
    totals.decisions++;
    byAction[entry.action]++;
    const field = COUNTER_FOR_ACTION[entry.action];
    if (field) totals[field]++;
    if (entry.status >= 500) totals.errors++;
    if (field) for (const category of entry.categories) categoryCounts(category)[field]++;
    for (const [name, ms] of Object.entries(entry.scannerMs)) scannerTracker(name)?.add(ms);

    for (const listener of listeners) {
      try {
        listener(structuredClone(entry));
      } catch {
        // A broken subscriber (a closed dashboard stream) must not affect the request being recorded.
      }
    }
  }

  function categoryCounts(category: string): CategoryCounts {
    const key = byCategory.has(category) || byCategory.size < MAX_DISTINCT_CATEGORIES ? category : OTHER;
    let counts = byCategory.get(key);
    if (!counts) {
      counts = { category: key, blocked: 0, flagged: 0, redacted: 0, approval: 0 };
      byCategory.set(key, counts);
    }
    return counts;
  }

  function scannerTracker(name: string): LatencyTracker | undefined {
    let tracker = scanners.get(name);
    if (!tracker && scanners.size < MAX_DISTINCT_SCANNERS) {
      tracker = createLatencyTracker(sampleSize);
      scanners.set(name, tracker);
    }
    return tracker;
  }

  function snapshot(): FeedSnapshot {
    const recent: FeedEntry[] = [];
    for (let i = 1; i <= capacity; i++) {
      const entry = ring[(next - i + capacity) % capacity];
      if (entry) recent.push(structuredClone(entry));
    }
    return {
      capacity,
      startedAt,
      totals: { ...totals },
      byAction: { ...byAction },
      byCategory: [...byCategory.values()]
        .map((c) => ({ ...c }))
        .sort((a, b) => total(b) - total(a) || a.category.localeCompare(b.category)),
      scanners: [...scanners.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, t]) => ({ name, ...t.stats() })),
      latency: latency.stats(),
      recent,
    };
  }

  return {
    record,
    snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

const COUNTER_FOR_ACTION: Record<Action, 'blocked' | 'flagged' | 'redacted' | 'approval' | undefined> = {
  allow: undefined,
  flag: 'flagged',
  redact: 'redacted',
  require_approval: 'approval',
  block: 'blocked',
};

const total = (c: CategoryCounts) => c.blocked + c.flagged + c.redacted + c.approval;

function release(ids: Map<string, number>, id: string): void {
  const n = ids.get(id) ?? 0;
  if (n <= 1) ids.delete(id);
  else ids.set(id, n - 1);
}

/** Copies only the known fields, bounded, so nothing else a caller attached (text!) is kept. */
function sanitize(e: FeedEntry, now: () => number): FeedEntry {
  const scannerMs: Record<string, number> = {};
  let scannerCount = 0;
  for (const [name, ms] of Object.entries(e.scannerMs ?? {})) {
    if (scannerCount++ >= MAX_DISTINCT_SCANNERS) break;
    if (Number.isFinite(ms)) scannerMs[clip(name)] = Math.max(0, ms);
  }
  const entry: FeedEntry = {
    id: clip(e.id),
    ts: Number.isFinite(e.ts) ? e.ts : now(),
    route: clip(e.route),
    model: clip(e.model),
    stage: e.stage === 'output' ? 'output' : 'input',
    action: ACTIONS.includes(e.action) ? e.action : 'block',
    categories: [...new Set((e.categories ?? []).slice(0, MAX_CATEGORIES_PER_ENTRY).map(clip))],
    scannerMs,
    latencyMs: Number.isFinite(e.latencyMs) ? Math.max(0, e.latencyMs) : 0,
    status: Number.isInteger(e.status) ? e.status : 0,
  };
  if (e.keyId !== undefined) entry.keyId = clip(e.keyId);
  if (e.tenant !== undefined) entry.tenant = clip(e.tenant);
  if (e.upstream !== undefined) entry.upstream = clip(e.upstream);
  return entry;
}

function clip(value: unknown): string {
  const s = typeof value === 'string' ? value : String(value ?? '');
  return s.length > MAX_STRING ? `${s.slice(0, MAX_STRING - 1)}…` : s;
}

interface LatencyTracker {
  add(ms: number): void;
  stats(): LatencyStats;
}

/** Count, mean and max over everything; p50/p99 over the most recent `size` samples (what a live view wants). */
function createLatencyTracker(size: number): LatencyTracker {
  const samples: number[] = [];
  let next = 0;
  let count = 0;
  let sum = 0;
  let max = 0;
  return {
    add(ms) {
      if (!Number.isFinite(ms) || ms < 0) return;
      count++;
      sum += ms;
      if (ms > max) max = ms;
      if (samples.length < size) samples.push(ms);
      else samples[next] = ms;
      next = (next + 1) % size;
    },
    stats() {
      const sorted = [...samples].sort((a, b) => a - b);
      return {
        count,
        meanMs: count === 0 ? 0 : round(sum / count),
        p50Ms: round(percentile(sorted, 0.5)),
        p99Ms: round(percentile(sorted, 0.99)),
        maxMs: round(max),
      };
    },
  };
}

/** Nearest-rank percentile of an ascending array; 0 when empty. */
function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? 0;
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

function positiveInt(n: number, name: string): number {
  if (!Number.isInteger(n) || n < 1)
    throw new RampartError('CONFIG_INVALID', `decision feed ${name} must be a positive integer`);
  return n;
}
