// Human approval for tool calls the policy will not decide alone (OWASP LLM06). A pending call waits for a person;
// silence is a "no": on timeout, on shutdown, or when the queue is full, the call is denied (fail closed).
//
// list() shows the arguments, sensitive ones included: an approver cannot judge "send_email" without seeing the
// recipient. Each value is cut to `maxValueChars` and the whole view to a bounded size, so a huge argument cannot
// flood a dashboard. Events carry the same bounded view; loggers should log ids and tool names only.
import { randomUUID } from 'node:crypto';
import { RampartError } from '../../core/errors.js';

export interface ApprovalCall {
  sessionId: string;
  principal: { type: string; id: string };
  tool: string;
  args: unknown;
}

export interface PendingApproval {
  id: string;
  sessionId: string;
  principal: { type: string; id: string };
  tool: string;
  /** Bounded copy of the arguments (long strings cut, deep/large structures elided). */
  args: unknown;
  /** Why approval is needed (the firewall's reason). */
  reason: string;
  createdAt: number;
  expiresAt: number;
}

export interface ApprovalResult {
  id: string;
  approved: boolean;
  /** Who decided; absent on timeout, shutdown or a full queue. */
  approver?: string;
  reason: string;
}

export type ApprovalEvent =
  | { type: 'requested'; pending: PendingApproval }
  | { type: 'approved' | 'denied' | 'expired'; pending: PendingApproval; result: ApprovalResult };

export interface ApprovalQueueOptions {
  /** Default wait before an unanswered request is denied. Default 5 minutes. */
  timeoutMs?: number;
  /** Upper bound on any request's timeout. Default 24 hours. */
  maxTimeoutMs?: number;
  /** Most pending requests; beyond it requests are denied at once. Default 1,000. */
  maxPending?: number;
  /** Longest string value shown in a pending view. Default 1,000 characters. */
  maxValueChars?: number;
  now?: () => number;
}

export interface RequestOptions {
  timeoutMs?: number;
  reason?: string;
}

interface Slot {
  pending: PendingApproval;
  resolve: (r: ApprovalResult) => void;
  timer: ReturnType<typeof setTimeout>;
}

const MAX_FIELD = 256;

export class ApprovalQueue {
  private readonly slots = new Map<string, Slot>();
  private readonly listeners = new Set<(e: ApprovalEvent) => void>();
  private readonly timeoutMs: number;
  private readonly maxTimeoutMs: number;
  private readonly maxPending: number;
  private readonly maxValueChars: number;
  private readonly now: () => number;

  constructor(options: ApprovalQueueOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 300_000;
    this.maxTimeoutMs = options.maxTimeoutMs ?? 86_400_000;
    this.maxPending = options.maxPending ?? 1000;
    this.maxValueChars = options.maxValueChars ?? 1000;
    this.now = options.now ?? Date.now;
    for (const [k, v] of Object.entries({
      timeoutMs: this.timeoutMs,
      maxTimeoutMs: this.maxTimeoutMs,
      maxPending: this.maxPending,
      maxValueChars: this.maxValueChars,
    })) {
      if (!Number.isSafeInteger(v) || v <= 0)
        throw new RampartError('CONFIG_INVALID', `approvals: ${k} must be a positive integer`);
    }
  }

  /** Subscribes to queue events (for the dashboard); returns the unsubscribe function. */
  on(listener: (e: ApprovalEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Opens a request and returns its id at once, plus the promise of the decision. */
  open(call: ApprovalCall, options: RequestOptions = {}): { id: string; result: Promise<ApprovalResult> } {
    const id = randomUUID();
    const created = this.now();
    const timeout = Math.min(Math.max(1, Math.floor(options.timeoutMs ?? this.timeoutMs)), this.maxTimeoutMs);
    const pending: PendingApproval = {
      id,
      sessionId: String(call.sessionId).slice(0, MAX_FIELD),
      principal: {
        type: String(call.principal.type).slice(0, MAX_FIELD),
        id: String(call.principal.id).slice(0, MAX_FIELD),
      },
      tool: String(call.tool).slice(0, MAX_FIELD),
      args: boundedView(call.args, this.maxValueChars),
      reason: (options.reason ?? 'approval required').slice(0, 2000),
      createdAt: created,
      expiresAt: created + timeout,
    };
    if (this.slots.size >= this.maxPending) {
      return { id, result: Promise.resolve({ id, approved: false, reason: 'approval queue full; denied' }) };
    }
    const result = new Promise<ApprovalResult>((resolve) => {
      const timer = setTimeout(() => {
        this.settle(id, 'expired', {
          id,
          approved: false,
          reason: `no decision within ${timeout} ms; denied`,
        });
      }, timeout);
      timer.unref?.();
      this.slots.set(id, { pending, resolve, timer });
    });
    this.emit({ type: 'requested', pending });
    return { id, result };
  }

  /** Waits for a person to approve or deny the call; denies on timeout. */
  request(call: ApprovalCall, options: RequestOptions = {}): Promise<ApprovalResult> {
    return this.open(call, options).result;
  }

  approve(id: string, approver: string): void {
    this.decide(id, 'approved', {
      id,
      approved: true,
      approver: String(approver).slice(0, MAX_FIELD),
      reason: 'approved',
    });
  }

  deny(id: string, approver: string, reason = 'denied by approver'): void {
    this.decide(id, 'denied', {
      id,
      approved: false,
      approver: String(approver).slice(0, MAX_FIELD),
      reason: String(reason).slice(0, 2000),
    });
  }

  /** Pending requests, oldest first. */
  list(): PendingApproval[] {
    return [...this.slots.values()].map((s) => s.pending);
  }

  get(id: string): PendingApproval | undefined {
    return this.slots.get(id)?.pending;
  }

  /** Denies everything pending (shutdown). */
  close(reason = 'approval queue closed; denied'): void {
    for (const id of [...this.slots.keys()]) this.settle(id, 'expired', { id, approved: false, reason });
  }

  private decide(id: string, type: 'approved' | 'denied', result: ApprovalResult): void {
    if (!this.slots.has(id)) {
      // No id echo beyond a bound: ids come from HTTP requests.
      throw new RampartError(
        'APPROVAL_NOT_FOUND',
        `no pending approval with id '${String(id).slice(0, 64)}' (unknown or already decided)`,
      );
    }
    this.settle(id, type, result);
  }

  private settle(id: string, type: 'approved' | 'denied' | 'expired', result: ApprovalResult): void {
    const slot = this.slots.get(id);
    if (!slot) return;
    this.slots.delete(id);
    clearTimeout(slot.timer);
    slot.resolve(result);
    this.emit({ type, pending: slot.pending, result });
  }

  private emit(e: ApprovalEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        // A broken dashboard listener must not break a decision.
      }
    }
  }
}

const MAX_VIEW_NODES = 200;

/** A bounded, JSON-safe copy of arguments for display. */
export function boundedView(value: unknown, maxChars: number): unknown {
  let nodes = 0;
  const walk = (v: unknown, depth: number): unknown => {
    if (++nodes > MAX_VIEW_NODES || depth > 8) return '…';
    if (typeof v === 'string')
      return v.length > maxChars ? `${v.slice(0, maxChars)}… (${v.length} chars)` : v;
    if (v === null || typeof v === 'number' || typeof v === 'boolean') return v;
    if (Array.isArray(v)) return v.slice(0, 50).map((x) => walk(x, depth + 1));
    if (typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).slice(0, 50))
        out[k.slice(0, MAX_FIELD)] = walk((v as Record<string, unknown>)[k], depth + 1);
      return out;
    }
    return String(v).slice(0, maxChars);
  };
  return walk(value, 0);
}
