// createToolFirewall: the gate every tool call of an agent passes (OWASP LLM06 excessive agency, and the tool end
// of LLM01 indirect injection). Checks run cheapest and most certain first, and the first hard failure stops:
//   unknown tool → argument size → argument schema → session budget / loop → taint rules + Cedar policies.
// Everything fails closed: an unknown tool, unparseable arguments, an erroring policy or a missing approval queue
// is a deny. Decisions name what decided them (policy id, argument, taint source) but never argument values.
import type { Logger, Trust } from '../../core/types.js';
import { RampartError } from '../../core/errors.js';
import type { ApprovalQueue } from '../approvals/approval-queue.js';
import { SessionBudget, resolveBudgets, type BudgetOptions } from '../session/budgets.js';
import { callFingerprint } from '../session/canonical-args.js';
import { SessionStore } from '../session/session-store.js';
import { TaintLedger, type TaintLedgerOptions } from '../taint/ledger.js';
import { compileArgValidator, createAjv, type ArgValidator } from './arg-validator.js';
import { toolCategories } from './categories.js';
import { compileCedarPolicies, type CedarOutcome } from './cedar-policies.js';
import { toCedarRecord, toCedarValue } from './cedar-values.js';
import { buildEnvelope, checkEnvelope, type Envelope, type EnvelopeResult, type Grant } from './intent.js';
import { sensitiveValues } from './sensitive-args.js';
import {
  DEFAULT_TAINT_RULES,
  sensitiveTaint,
  taintAction,
  taintViolations,
  type TaintFinding,
} from './taint-rules.js';
import type {
  FirewallDecision,
  FirewallVerdict,
  TaintRule,
  ToolCategory,
  ToolCall,
  ToolRegistry,
  Violation,
} from './types.js';
import type { CedarValueJson } from '@cedar-policy/cedar-wasm/nodejs';

export interface ToolFirewallOptions {
  tools: ToolRegistry;
  /** Cedar policy text (see cedar-policies.ts for the request shape and the @approval annotation). */
  policies: string;
  /** Optional Cedar schema text; when given, policies are validated against it at construction. */
  cedarSchema?: string;
  /** Default: deny tainted values in every sensitive argument. Pass [] to leave taint to Cedar policies alone. */
  taintRules?: TaintRule[];
  /**
   * The action of the default taint rule (used when `taintRules` is not given): 'deny' (default), or
   * 'require_approval' so that "reply to the sender of this e-mail" can go ahead with one person's approval.
   */
  taintEffect?: 'deny' | 'require_approval';
  /** Intent-bound capabilities (intent.ts): active in a session once `beginTurn` is called for it. */
  intent?: {
    /** What a call outside the turn's envelope gets once untrusted data is in the session. Default 'deny'. */
    effect?: 'deny' | 'require_approval';
    /** Derive grants from the user's text and the tool catalog. Default true. */
    derive?: boolean;
    /** Read-only tools (category `read` only) are inside the envelope without a grant. Default true. */
    reads?: boolean;
    /**
     * Optional second opinion for the ambiguous band (off by default): called only for a call that is outside
     * the envelope and that nothing else objects to. It sees the user's text, the tool, its description and the
     * arguments — never tool results — and answers whether the user asked for this call (e.g. an LLM through the
     * gateway's upstream). `true` lets the call through; `false`, a throw or a timeout keeps the refusal.
     */
    judge?: (question: IntentQuestion) => boolean | Promise<boolean>;
  };
  budgets?: BudgetOptions;
  approvals?: ApprovalQueue;
  log?: Logger;
  limits?: {
    /** Largest argument JSON, in characters. Default 256,000. */
    maxArgsChars?: number;
    maxSessions?: number;
    sessionTtlMs?: number;
    ledger?: TaintLedgerOptions;
  };
  /** Clock, for tests and for `context.now` in policies. */
  now?: () => number;
}

export interface IntentQuestion {
  /** What the user typed this turn. */
  user: string;
  tool: string;
  description?: string;
  args: unknown;
  /** Why the envelope refused it. */
  detail: string;
}

export interface TurnOptions {
  /** What the user typed this turn (trusted): recorded in the ledger and read for the envelope. */
  user: string;
  /** Grants the application declares for this turn, on top of (or, with intent.derive false, instead of) derived ones. */
  grants?: Grant[];
}

export interface TurnSummary {
  /** Tools inside the envelope by a grant (read-only tools are also inside unless intent.reads is false). */
  tools: string[];
  grants: Array<{ tool: string; origin: 'app' | 'derived'; because?: string }>;
}

export interface FirewallSession {
  readonly id: string;
  readonly ledger: TaintLedger;
  /** Approvals asked (checkAndWait) in this session. */
  readonly approvalsAsked: number;
  /** Calls checked so far in this session (denied ones included). */
  readonly calls: number;
  callsOf(tool: string): number;
}

export interface ToolFirewall {
  check(call: ToolCall): Promise<FirewallDecision>;
  /** Like check, but a require_approval decision waits for the approval queue and becomes allow or deny. */
  checkAndWait(call: ToolCall, options?: { timeoutMs?: number }): Promise<FirewallDecision>;
  /** The session's state (created on first use). */
  session(id: string): FirewallSession;
  /**
   * Starts a user turn: records the user's text as trusted and sets the turn's envelope of permitted actions.
   * From then on, once untrusted data has entered the session, calls outside the envelope are refused.
   */
  beginTurn(sessionId: string, turn: TurnOptions): TurnSummary;
  /**
   * Adds an application grant to the session's current turn (e.g. a call the user's own client vouched for).
   * Throws INPUT_INVALID for an unknown tool or a session with no turn begun.
   */
  grant(sessionId: string, grant: Grant): void;
  readonly policyIds: readonly string[];
}

interface SessionState {
  id: string;
  ledger: TaintLedger;
  budget: SessionBudget;
  envelope?: Envelope;
  turnText?: string;
  approvalsAsked: number;
}

const SEVERITY: Record<FirewallVerdict, number> = { allow: 0, require_approval: 1, deny: 2 };
const MAX_NAME = 128;

function deny(reason: string, violations: Violation[]): FirewallDecision {
  return { decision: 'deny', reason, violations };
}

function clip(s: string): string {
  return s.length > MAX_NAME ? `${s.slice(0, MAX_NAME)}…` : s;
}

export function createToolFirewall(options: ToolFirewallOptions): ToolFirewall {
  if (!options || typeof options.tools !== 'object' || options.tools === null) {
    throw new RampartError('CONFIG_INVALID', 'tool firewall: `tools` is required');
  }
  const ajv = createAjv();
  const validators = new Map<string, ArgValidator>();
  for (const [name, spec] of Object.entries(options.tools))
    validators.set(name, compileArgValidator(ajv, name, spec.schema));
  const policies = compileCedarPolicies(options.policies, { schema: options.cedarSchema });
  if (options.taintEffect !== undefined && !['deny', 'require_approval'].includes(options.taintEffect))
    throw new RampartError(
      'CONFIG_INVALID',
      "tool firewall: taintEffect must be 'deny' or 'require_approval'",
    );
  const taintRules =
    options.taintRules ?? (options.taintEffect ? [{ action: options.taintEffect }] : DEFAULT_TAINT_RULES);
  const intent = options.intent ?? {};
  if (intent.effect !== undefined && !['deny', 'require_approval'].includes(intent.effect))
    throw new RampartError(
      'CONFIG_INVALID',
      "tool firewall: intent.effect must be 'deny' or 'require_approval'",
    );
  const categories = new Map<string, ToolCategory[]>();
  for (const [name, spec] of Object.entries(options.tools)) categories.set(name, toolCategories(name, spec));
  const budgets = resolveBudgets(options.budgets);
  const maxArgsChars = options.limits?.maxArgsChars ?? 256_000;
  const ledgerOptions = options.limits?.ledger ?? {};
  new TaintLedger(ledgerOptions); // validates the options now rather than on the first session
  const now = options.now ?? Date.now;
  const log = options.log;
  const sessions = new SessionStore<SessionState>(
    (id) => ({
      id,
      ledger: new TaintLedger(ledgerOptions),
      budget: new SessionBudget(budgets),
      approvalsAsked: 0,
    }),
    { maxSessions: options.limits?.maxSessions, ttlMs: options.limits?.sessionTtlMs, now },
  );

  const session = (id: string): FirewallSession => {
    const s = sessions.get(String(id));
    return {
      id: s.id,
      ledger: s.ledger,
      get approvalsAsked() {
        return s.approvalsAsked;
      },
      get calls() {
        return s.budget.totalCalls;
      },
      callsOf: (tool: string) => s.budget.callsOf(tool),
    };
  };

  const beginTurn = (sessionId: string, turn: TurnOptions): TurnSummary => {
    if (!turn || typeof turn.user !== 'string')
      throw new RampartError('INPUT_INVALID', 'beginTurn: `user` (the text the user typed) is required');
    for (const g of turn.grants ?? []) {
      if (!g || typeof g.tool !== 'string' || !Object.hasOwn(options.tools, g.tool))
        throw new RampartError(
          'INPUT_INVALID',
          `beginTurn: grant for unknown tool '${clip(String(g?.tool))}'`,
        );
    }
    const state = sessions.get(String(sessionId));
    state.ledger.addTrusted(turn.user);
    state.turnText = turn.user.slice(0, 64 * 1024);
    state.envelope = buildEnvelope(turn.user, options.tools, {
      grants: turn.grants ?? [],
      ...(intent.derive !== undefined ? { derive: intent.derive } : {}),
      ...(intent.reads !== undefined ? { reads: intent.reads } : {}),
    });
    const grants = state.envelope.grants.map((g) => ({
      tool: g.tool,
      origin: g.origin,
      ...(g.because ? { because: g.because } : {}),
    }));
    return { tools: [...new Set(grants.map((g) => g.tool))], grants };
  };

  const grant = (sessionId: string, g: Grant): void => {
    if (!g || typeof g.tool !== 'string' || !Object.hasOwn(options.tools, g.tool))
      throw new RampartError('INPUT_INVALID', `grant: unknown tool '${clip(String(g?.tool))}'`);
    const state = sessions.get(String(sessionId));
    if (!state.envelope)
      throw new RampartError(
        'INPUT_INVALID',
        'grant: no turn has begun in this session (call beginTurn first)',
      );
    state.envelope.grants.push({ ...g, origin: 'app' });
  };

  const decide = (call: ToolCall): FirewallDecision => {
    const toolName = typeof call?.tool === 'string' ? call.tool : '';
    const spec = Object.hasOwn(options.tools, toolName) ? options.tools[toolName] : undefined;
    const validator = validators.get(toolName);
    if (!spec || !validator) {
      const detail = `unknown tool '${clip(toolName)}'`;
      return deny(detail, [{ kind: 'unknown_tool', detail }]);
    }
    if (!call.principal || typeof call.principal.type !== 'string' || typeof call.principal.id !== 'string') {
      const detail = 'call has no valid principal';
      return deny(detail, [{ kind: 'policy', detail }]);
    }

    let json: string | undefined;
    try {
      json = JSON.stringify(call.args);
    } catch {
      json = undefined;
    }
    if (json === undefined)
      return deny('arguments are not JSON', [{ kind: 'schema', detail: 'arguments are not JSON' }]);
    if (json.length > maxArgsChars) {
      const detail = `arguments too large (${json.length} > ${maxArgsChars} characters)`;
      return deny(detail, [{ kind: 'schema', detail }]);
    }

    const issues = validator(call.args);
    if (issues.length > 0) {
      const violations: Violation[] = issues.map((i) => ({
        kind: 'schema',
        arg: i.path,
        detail: `${i.path || '/'} ${i.message}`,
      }));
      return deny(
        `arguments do not match the schema of '${clip(toolName)}': ${violations[0]!.detail}`,
        violations,
      );
    }

    const state = sessions.get(String(call.sessionId));
    const budget = state.budget.record(toolName, callFingerprint(toolName, call.args));
    if (!budget.ok) return deny(budget.detail, [{ kind: budget.kind, detail: budget.detail }]);

    // Taint: which sensitive arguments carry values that came from untrusted text.
    const values = sensitiveValues(call.args, spec.sensitive);
    const findings: TaintFinding[] = sensitiveTaint(values, (v) => state.ledger.findTaint(v));
    const taint = taintAction(toolName, findings, taintRules);

    // Intent: once untrusted data is in the session, the call must be inside the turn's envelope.
    const cats = categories.get(toolName) ?? ['write'];
    const envelope = state.envelope;
    const untrustedSeen = state.ledger.untrustedCount > 0;
    const env: EnvelopeResult | undefined = envelope
      ? checkEnvelope(envelope, toolName, call.args, cats, (v) => state.ledger.findTaint(v).length > 0)
      : undefined;
    const session = {
      untrustedSeen,
      untrustedCount: state.ledger.untrustedCount,
      untrustedSources: [...new Set(state.ledger.untrustedSources().map((x) => x.id))],
      untrustedSourceKinds: [...new Set(state.ledger.untrustedSources().map((x) => x.kind))],
      turn: envelope !== undefined,
      inEnvelope: env?.inside ?? false,
      envelopeTools: envelope ? [...new Set(envelope.grants.map((g) => g.tool))] : [],
      approvalsAsked: state.approvalsAsked,
    };

    let outcome: CedarOutcome;
    try {
      outcome = policies.evaluate(
        cedarRequest(call, toolName, spec.risk ?? 'write', cats, session, values, findings, now()),
      );
    } catch (cause) {
      log?.warn(
        { err: cause instanceof Error ? cause.message : 'error', tool: clip(toolName) },
        'tool firewall: policy evaluation threw',
      );
      outcome = { verdict: 'deny', policyIds: [], reason: 'policy evaluation failed' };
    }

    const violations: Violation[] = [];
    let verdict: FirewallVerdict = 'allow';
    let reason = '';
    if (env && !env.inside && untrustedSeen) {
      const effect = intent.effect ?? 'deny';
      const last = state.ledger.untrustedSources().at(-1);
      const after = last
        ? `; the request came after untrusted ${last.kind} '${last.id}' (untrusted input #${state.ledger.untrustedCount} of this session)`
        : '';
      const detail = `${clip(toolName)}: ${env.detail}${after}`;
      verdict = effect;
      violations.push({ kind: 'intent', rule: 'intent', detail });
      reason = `${effect === 'deny' ? 'denied' : 'approval required'}: ${detail}`;
    }
    if (taint) {
      const tv = taintViolations(taint.covered, { taintRule: taint.rule });
      violations.push(...tv);
      if (SEVERITY[taint.action] > SEVERITY[verdict]) {
        verdict = taint.action;
        reason = `${taint.action === 'deny' ? 'denied' : 'approval required'}: ${tv[0]!.detail}`;
      }
    }
    if (outcome.verdict !== 'allow') {
      const detail = outcome.reason;
      for (const id of outcome.policyIds.length > 0 ? outcome.policyIds : ['']) {
        violations.push({ kind: 'policy', rule: 'policy', detail, ...(id ? { policyId: id } : {}) });
      }
      if (SEVERITY[outcome.verdict] > SEVERITY[verdict]) {
        verdict = outcome.verdict;
        reason = detail;
      }
      // A policy may have decided on context.taintedArgs: say which source tainted which argument — as facts the
      // policy saw (kind 'policy'), not as a taint rule's decision (no taint rule covered them).
      if (!taint) violations.push(...taintViolations(findings, { policyId: outcome.policyIds[0] }));
    } else if (verdict === 'allow') {
      reason = outcome.policyIds.length > 0 ? `allowed by policy '${outcome.policyIds[0]}'` : 'allowed';
      if (env?.inside && untrustedSeen) reason += ` (inside the turn's envelope: ${env.why})`;
    }
    return { decision: verdict, reason, violations };
  };

  const check = async (call: ToolCall): Promise<FirewallDecision> => {
    let d: FirewallDecision;
    try {
      d = decide(call);
    } catch (cause) {
      // Fail closed; the message of our own errors is safe, anything else is summarised.
      const msg = cause instanceof RampartError ? cause.message : 'internal error';
      log?.warn({ err: cause instanceof Error ? cause.message : 'error' }, 'tool firewall: check failed');
      d = deny(`firewall check failed: ${msg}`, [
        { kind: 'policy', detail: `firewall check failed: ${msg}` },
      ]);
    }
    if (
      intent.judge &&
      d.decision !== 'allow' &&
      d.violations.length > 0 &&
      d.violations.every((v) => v.kind === 'intent')
    ) {
      d = await askJudge(intent.judge, call, d);
    }
    log?.debug?.(
      { tool: clip(String(call?.tool)), decision: d.decision, violations: d.violations.map((v) => v.kind) },
      'tool firewall decision',
    );
    return d;
  };

  const askJudge = async (
    judge: NonNullable<typeof intent.judge>,
    call: ToolCall,
    d: FirewallDecision,
  ): Promise<FirewallDecision> => {
    const state = sessions.get(String(call.sessionId));
    const tool = String(call.tool);
    const spec = Object.hasOwn(options.tools, tool) ? options.tools[tool] : undefined;
    let yes = false;
    try {
      yes =
        (await judge({
          user: state.turnText ?? '',
          tool,
          ...(spec?.description !== undefined ? { description: spec.description } : {}),
          args: call.args,
          detail: d.violations[0]!.detail,
        })) === true;
    } catch (cause) {
      log?.warn(
        { err: cause instanceof Error ? cause.message : 'error' },
        'tool firewall: intent judge failed',
      );
      yes = false;
    }
    if (!yes) return d;
    return {
      decision: 'allow',
      reason: `allowed: the intent judge found '${clip(tool)}' asked for (${d.violations[0]!.detail})`,
      violations: [],
    };
  };

  const checkAndWait = async (
    call: ToolCall,
    waitOptions: { timeoutMs?: number } = {},
  ): Promise<FirewallDecision> => {
    const d = await check(call);
    if (d.decision !== 'require_approval') return d;
    const queue = options.approvals;
    if (!queue) {
      const detail = 'approval required but no approval queue is configured';
      return deny(detail, [...d.violations, { kind: 'approval', detail }]);
    }
    sessions.get(String(call.sessionId)).approvalsAsked++;
    const r = await queue.request(
      {
        sessionId: call.sessionId,
        principal: { type: call.principal.type, id: call.principal.id },
        tool: call.tool,
        args: call.args,
      },
      {
        reason: d.reason,
        ...(waitOptions.timeoutMs !== undefined ? { timeoutMs: waitOptions.timeoutMs } : {}),
      },
    );
    const approval = {
      id: r.id,
      approved: r.approved,
      ...(r.approver !== undefined ? { approver: r.approver } : {}),
    };
    if (r.approved) {
      return {
        decision: 'allow',
        reason: `approved by '${r.approver ?? ''}' (${d.reason})`,
        violations: d.violations,
        approval,
      };
    }
    return {
      decision: 'deny',
      reason: r.reason,
      violations: [...d.violations, { kind: 'approval', detail: r.reason }],
      approval,
    };
  };

  return { check, checkAndWait, session, beginTurn, grant, policyIds: policies.ids };
}

function cedarRequest(
  call: ToolCall,
  tool: string,
  risk: string,
  categories: readonly ToolCategory[],
  session: Record<string, CedarValueJson>,
  values: ReturnType<typeof sensitiveValues>,
  findings: readonly TaintFinding[],
  nowMs: number,
) {
  const { trust: rawTrust, ...app } = call.context ?? {};
  // Unlabelled data is treated as untrusted: a missing label must not grant what a label would withhold.
  const trust: Trust = rawTrust === 'system' || rawTrust === 'user' ? rawTrust : 'untrusted';
  const args: Record<string, CedarValueJson> = {};
  for (const v of values) {
    const c = toCedarValue(v.value);
    if (c === undefined) continue;
    const prev = args[v.arg];
    // A pointer with '*' yields several values: policies see a set.
    args[v.arg] = prev === undefined ? c : Array.isArray(prev) ? [...prev, c] : [prev, c];
  }
  const date = new Date(nowMs);
  const context: Record<string, CedarValueJson> = {
    trust,
    tool,
    risk,
    categories: [...categories],
    session,
    tainted: findings.length > 0,
    taintedArgs: [...new Set(findings.map((f) => f.arg))],
    taintedKinds: [...new Set(findings.map((f) => f.kind))],
    taintSources: [...new Set(findings.flatMap((f) => f.matches.map((m) => m.source.kind)))],
    args,
    now: {
      epochSeconds: Math.floor(nowMs / 1000),
      hourUtc: date.getUTCHours(),
      weekdayUtc: date.getUTCDay(),
    },
    app: toCedarRecord(app),
  };
  const principal = { type: call.principal.type, id: call.principal.id };
  const resource = { type: 'Tool', id: tool };
  return {
    principal,
    action: { type: 'Action', id: 'call' },
    resource,
    context,
    entities: [
      {
        uid: principal,
        attrs: toCedarRecord(call.principal.attrs, true),
        parents: (call.principal.parents ?? [])
          .slice(0, 64)
          .map((p) => ({ type: String(p.type), id: String(p.id) })),
      },
      { uid: resource, attrs: { name: tool, risk, categories: [...categories] }, parents: [] },
    ],
  };
}
