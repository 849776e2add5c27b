// The tool firewall's vocabulary: the call it checks, the tools it knows, the decision it returns.
import type { Trust } from '../../core/types.js';

export interface Principal {
  /** Cedar entity type: 'User', 'Agent', 'Tenant', ... */
  type: string;
  id: string;
  /** Attributes policies can read as `principal.<name>` (JSON values; nulls are dropped). */
  attrs?: Record<string, unknown>;
  /** Groups the principal is `in` (e.g. `{type: 'Tenant', id: 'acme'}`). */
  parents?: Array<{ type: string; id: string }>;
}

export interface ToolCall {
  sessionId: string;
  principal: Principal;
  tool: string;
  /** Parsed JSON arguments. */
  args: unknown;
  /** The trust of the data that led to this call, plus anything policies should see as `context.<name>`. */
  context?: { trust?: Trust; [key: string]: unknown };
}

/** What a sensitive argument is: where an injection would try to steer it. */
export type SensitiveKind = 'recipient' | 'url' | 'path' | 'command' | 'amount' | (string & {});

/** A zod-like schema: anything with safeParse. */
export interface SafeParser {
  safeParse(value: unknown):
    | { success: true; data?: unknown }
    | {
        success: false;
        error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> };
      };
}

export interface ToolSpec {
  /** JSON Schema (validated with ajv, strict) or a zod schema. */
  schema: Record<string, unknown> | SafeParser;
  /** Argument name (top-level) or JSON pointer ("/to", "/recipients/*") → kind. */
  sensitive?: Record<string, SensitiveKind>;
  /** Policies read it as `resource.risk`. Default 'write' (unknown impact is not "read"). */
  risk?: 'read' | 'write' | 'external';
  /** What the tool does, in words: read by the category rule and the intent envelope (see categories.ts). */
  description?: string;
  /** Policies read them as `resource.categories`; default derived from the name and description (categories.ts). */
  categories?: ToolCategory[];
}

/** What kind of harm a tool can do; see categories.ts for the rule that derives them. */
export type ToolCategory =
  'read' | 'write' | 'external' | 'financial' | 'physical' | 'destructive' | 'credential';

export type ToolRegistry = Record<string, ToolSpec>;

export type FirewallVerdict = 'allow' | 'deny' | 'require_approval';

export interface Violation {
  kind: 'schema' | 'policy' | 'taint' | 'intent' | 'budget' | 'loop' | 'unknown_tool' | 'approval';
  /**
   * The rule that decided: 'taint-rule#<n>' (index in taintRules), 'policy' (a Cedar policy, see policyId),
   * 'intent' (the turn's envelope), or 'observed' for a fact reported beside a decision it did not make (e.g. a
   * tainted argument when no taint rule covers it).
   */
  rule?: string;
  /** Human sentence; never contains argument values. */
  detail: string;
  /** Argument (name or JSON pointer) concerned. */
  arg?: string;
  /** Taint: the untrusted source the value came from. */
  source?: { kind: string; id: string };
  /** Policy: the Cedar policy id. */
  policyId?: string;
}

export interface FirewallDecision {
  decision: FirewallVerdict;
  reason: string;
  violations: Violation[];
  /** Set by checkAndWait when a person decided. */
  approval?: { id: string; approved: boolean; approver?: string };
}

export interface TaintRule {
  /** Tools the rule covers; default every tool. */
  tools?: string[];
  /** Sensitive kinds covered ('recipient', 'url', ...); default every sensitive argument. */
  kinds?: string[];
  /** Specific argument names/pointers covered; default every sensitive argument (of the kinds above). */
  args?: string[];
  action: 'deny' | 'require_approval';
}
