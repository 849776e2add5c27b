// Tool authorization with Cedar (https://www.cedarpolicy.com): principal = who asked, action = Action::"call",
// resource = Tool::"<name>". Cedar gives us default deny, "forbid beats permit", analysable policies, and the ids
// of the policies that determined a decision, which become the human reason.
//
// require_approval is expressed with an annotation, `@approval("required")`, rather than a second policy set:
// - on a PERMIT: the call is allowed only with a person's approval whenever that permit is among the policies that
//   allowed it (if any satisfied permit asks for approval, approval is needed: annotations can only add friction,
//   a broad permit elsewhere never silently removes it);
// - on a FORBID: the forbid is "soft": when only soft forbids stand in the way and the remaining policies would
//   permit the call, a person may approve it; otherwise it is denied.
// One policy file then says everything about a tool, and the annotation travels with the rule it qualifies.
//
// Fail closed: Cedar skips a policy whose condition errors (e.g. a missing attribute). For a permit that is
// harmless (no grant); for a forbid it would silently open a hole, so an erroring forbid denies the call.
import {
  checkParsePolicySet,
  policySetTextToParts,
  preparsePolicySet,
  statefulIsAuthorized,
  policyToJson,
  validate,
  type CedarValueJson,
  type DetailedError,
  type EntityJson,
} from '@cedar-policy/cedar-wasm/nodejs';
import { randomUUID } from 'node:crypto';
import { RampartError } from '../../core/errors.js';

export interface CedarRequest {
  principal: { type: string; id: string };
  resource: { type: string; id: string };
  action: { type: string; id: string };
  context: Record<string, CedarValueJson>;
  entities: EntityJson[];
}

export type CedarOutcome =
  | { verdict: 'allow'; policyIds: string[] }
  | { verdict: 'require_approval'; policyIds: string[]; reason: string }
  | { verdict: 'deny'; policyIds: string[]; reason: string };

interface PolicyInfo {
  id: string;
  effect: 'permit' | 'forbid';
  approval: boolean;
}

export interface CompiledPolicies {
  readonly ids: readonly string[];
  evaluate(req: CedarRequest): CedarOutcome;
}

/** "line 3, column 7: message (help)" for each Cedar error. */
function describeErrors(text: string, errors: DetailedError[]): string {
  return errors
    .slice(0, 5)
    .map((e) => {
      const at = e.sourceLocations?.[0]?.start;
      let where = '';
      if (typeof at === 'number') {
        const before = text.slice(0, at);
        const line = before.split('\n').length;
        where = `line ${line}, column ${at - before.lastIndexOf('\n')}: `;
      }
      return `${where}${e.message}${e.help ? ` (${e.help})` : ''}`;
    })
    .join('; ');
}

export function compileCedarPolicies(text: string, options: { schema?: string } = {}): CompiledPolicies {
  if (typeof text !== 'string') throw new RampartError('POLICY_INVALID', 'Cedar policies must be text');
  const parts = policySetTextToParts(text);
  if (parts.type === 'failure') {
    throw new RampartError(
      'POLICY_INVALID',
      `Cedar policies do not parse: ${describeErrors(text, parts.errors)}`,
    );
  }
  if (parts.policy_templates.length > 0) {
    throw new RampartError('POLICY_INVALID', 'Cedar policy templates are not supported by the tool firewall');
  }
  const infos: PolicyInfo[] = [];
  const full: Record<string, string> = {};
  parts.policies.forEach((p, i) => {
    const json = policyToJson(p);
    if (json.type === 'failure')
      throw new RampartError('POLICY_INVALID', `Cedar policy #${i + 1}: ${describeErrors(p, json.errors)}`);
    const ann = json.json.annotations ?? {};
    const id = ann.id ?? `policy${i}`;
    if (Object.hasOwn(full, id))
      throw new RampartError('POLICY_INVALID', `Cedar policy id '${id}' is used twice`);
    if (ann.approval !== undefined && ann.approval !== 'required') {
      throw new RampartError(
        'POLICY_INVALID',
        `Cedar policy '${id}': @approval must be "required" (got "${ann.approval.slice(0, 40)}")`,
      );
    }
    infos.push({ id, effect: json.json.effect, approval: ann.approval === 'required' });
    full[id] = p;
  });
  const byId = new Map(infos.map((p) => [p.id, p]));
  const hard: Record<string, string> = {};
  for (const p of infos) if (!(p.effect === 'forbid' && p.approval)) hard[p.id] = full[p.id]!;

  const check = checkParsePolicySet({ staticPolicies: full });
  if (check.type === 'failure')
    throw new RampartError('POLICY_INVALID', `Cedar policies: ${describeErrors(text, check.errors)}`);
  if (options.schema !== undefined) {
    const v = validate({
      schema: options.schema,
      policies: { staticPolicies: full },
      validationSettings: { mode: 'strict' },
    });
    if (v.type === 'failure')
      throw new RampartError('POLICY_INVALID', `Cedar schema: ${describeErrors(options.schema, v.errors)}`);
    if (v.validationErrors.length > 0) {
      const msg = v.validationErrors
        .slice(0, 5)
        .map((e) => `policy '${e.policyId}': ${e.error.message}`)
        .join('; ');
      throw new RampartError('POLICY_INVALID', `Cedar policies do not validate against the schema: ${msg}`);
    }
  }

  // Parsed once into cedar-wasm's cache (about ten times faster per call than parsing the text every time). The
  // cache has no eviction, so a firewall is meant to be built once per configuration, not per request.
  const fullId = `rampart-${randomUUID()}`;
  const hardId = `${fullId}-hard`;
  for (const [id, set] of [
    [fullId, full],
    [hardId, hard],
  ] as const) {
    const r = preparsePolicySet(id, { staticPolicies: set });
    if (r.type === 'failure')
      throw new RampartError('POLICY_INVALID', `Cedar policies: ${describeErrors(text, r.errors)}`);
  }

  const run = (preparsedPolicySetId: string, req: CedarRequest) =>
    statefulIsAuthorized({
      principal: req.principal,
      action: req.action,
      resource: req.resource,
      context: req.context,
      entities: req.entities,
      preparsedPolicySetId,
    });

  const evaluate = (req: CedarRequest): CedarOutcome => {
    const a = run(fullId, req);
    if (a.type === 'failure') {
      return {
        verdict: 'deny',
        policyIds: [],
        reason: `policy evaluation failed: ${a.errors[0]?.message.slice(0, 200) ?? 'unknown error'}`,
      };
    }
    const { decision, diagnostics } = a.response;
    const erroredForbids = diagnostics.errors.filter((e) => byId.get(e.policyId)?.effect === 'forbid');
    if (erroredForbids.length > 0) {
      const e = erroredForbids[0]!;
      return {
        verdict: 'deny',
        policyIds: erroredForbids.map((x) => x.policyId),
        reason: `forbid policy '${e.policyId}' could not be evaluated (${e.error.message.slice(0, 200)}); failing closed`,
      };
    }
    const reasons = diagnostics.reason;
    if (decision === 'allow') {
      const needApproval = reasons.filter((id) => byId.get(id)?.approval);
      if (needApproval.length > 0) {
        return {
          verdict: 'require_approval',
          policyIds: needApproval,
          reason: `policy '${needApproval[0]}' requires approval`,
        };
      }
      return { verdict: 'allow', policyIds: reasons };
    }
    if (reasons.length === 0)
      return { verdict: 'deny', policyIds: [], reason: 'no policy permits this call (default deny)' };
    const hardForbids = reasons.filter((id) => !byId.get(id)?.approval);
    if (hardForbids.length > 0)
      return { verdict: 'deny', policyIds: hardForbids, reason: `forbidden by policy '${hardForbids[0]}'` };
    // Only soft forbids stand in the way: would the rest permit it?
    const b = run(hardId, req);
    if (b.type === 'success' && b.response.decision === 'allow') {
      return {
        verdict: 'require_approval',
        policyIds: reasons,
        reason: `policy '${reasons[0]}' requires approval`,
      };
    }
    return { verdict: 'deny', policyIds: reasons, reason: 'no policy permits this call (default deny)' };
  };

  return { ids: infos.map((p) => p.id), evaluate };
}
