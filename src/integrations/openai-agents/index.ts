// rampart/openai-agents: Rampart as OpenAI Agents SDK guardrails (its tripwire interface; the SDK is an
// optional peer dependency, imported here for types only).
//
//   inputGuardrail   the run's input (messages → labelled segments, tool results untrusted) through the
//                    input guard; runs before the model is called (runInParallel: false), so a tripped
//                    input never reaches it.
//   outputGuardrail  the agent's final output through the output guard; it trips on block and on redact
//                    (a guardrail cannot rewrite the answer, so a secret or exfil link in it stops the run).
//   toolGuardrails   per function tool: before it runs, its arguments through the guard (stage tool_call)
//                    and, when a firewall is given, the tool firewall (schema, Cedar, budgets, taint: an
//                    argument copied from an earlier tool result in this run); after it runs, its output
//                    through the guard (stage tool_result: injections in fetched pages, files, e-mails) and
//                    into the run's taint ledger; a redacted result reaches the model redacted.
//
// Fail closed: a check that throws, or an input too large to read, trips the guardrail. What a guardrail
// reports (outputInfo) is the decision's action, stage and categories — never the text.
import { randomUUID } from 'node:crypto';
import type {
  GuardrailFunctionOutput,
  InputGuardrail,
  OutputGuardrail,
  RunContext,
  ToolGuardrailFunctionOutput,
  ToolInputGuardrailDefinition,
  ToolOutputGuardrailDefinition,
} from '@openai/agents';
import type { FirewallDecision, Principal } from '../../agent/firewall/types.js';
import type { ToolFirewall } from '../../agent/firewall/create-tool-firewall.js';
import { isStopping } from '../../core/actions.js';
import type { Decision, Segment, Stage } from '../../core/types.js';
import type { Guard } from '../../policy/create-guard.js';
import { inputSegments, outputText, TooLargeError } from './items.js';

export interface RampartAgentsOptions {
  guard: Guard;
  /** Tool firewall for the tool input guardrail (optional: without it only the guard checks arguments). */
  firewall?: ToolFirewall;
  /** The firewall session of a run (budgets, loops, taint span it). Default: one per run (its RunContext). */
  sessionId?: (context: RunContext<unknown>) => string;
  /** Who the firewall sees as the caller. Default `{ type: 'User', id: 'agent' }`. */
  principal?: Principal;
  /** A refused tool call or tool result: `throw` (default: the run stops with the SDK's
   *  Tool…GuardrailTripwireTriggered) or `reject` (the tool does not run / its result is replaced, and the
   *  model is told why, so the run goes on). */
  onToolViolation?: 'throw' | 'reject';
  /** Guardrail name prefix (default `rampart`). */
  name?: string;
}

/** What a guardrail reports in outputInfo: the decision's summary, never the text. */
export interface RampartGuardrailInfo {
  stage: Stage;
  action: Decision['action'] | 'error';
  categories: string[];
  /** The firewall's reason for a refused tool call, or why the check could not run. */
  reason?: string;
}

export interface RampartAgentsGuardrails {
  inputGuardrail: InputGuardrail;
  outputGuardrail: OutputGuardrail;
  /** Spread into `tool({ ... })`: `{ inputGuardrails, outputGuardrails }`. */
  toolGuardrails: {
    inputGuardrails: ToolInputGuardrailDefinition[];
    outputGuardrails: ToolOutputGuardrailDefinition[];
  };
}

/** Stops the text, or would change it (redact): a guardrail cannot rewrite a final answer, so it trips. */
const stopsOrRedacts = (a: Decision['action'] | undefined): boolean => isStopping(a) || a === 'redact';

const categoriesOf = (d: Decision): string[] => [
  ...new Set(d.findings.filter((f) => stopsOrRedacts(f.action)).map((f) => f.category)),
];

/** The redacted text of a decision on one segment (undefined when the guard gave none). */
const redactedText = (d: Decision): string | undefined => d.segments?.[0]?.text ?? d.text;

const info = (stage: Stage, d: Decision): RampartGuardrailInfo => ({
  stage,
  action: d.action,
  categories: categoriesOf(d),
});

/** A check that could not run: reported without the error's text (it may quote the input). */
const failed = (stage: Stage, err: unknown): RampartGuardrailInfo => ({
  stage,
  action: 'error',
  categories: [],
  reason: err instanceof TooLargeError ? err.message : 'the Rampart check failed',
});

export function rampartAgentsGuardrails(options: RampartAgentsOptions): RampartAgentsGuardrails {
  const { guard, firewall } = options;
  const prefix = options.name ?? 'rampart';
  const principal = options.principal ?? { type: 'User', id: 'agent' };
  const onViolation = options.onToolViolation ?? 'throw';
  const runIds = new WeakMap<object, string>();
  const sessionOf = (context: RunContext<unknown>): string => {
    if (options.sessionId) return options.sessionId(context);
    let id = runIds.get(context);
    if (!id) runIds.set(context, (id = randomUUID()));
    return id;
  };
  /** The run's taint ledger takes what its text is: the user's as trusted, everything else as untrusted. */
  const record = (context: RunContext<unknown>, segments: readonly Segment[], id: string) => {
    if (!firewall) return;
    const { ledger } = firewall.session(sessionOf(context));
    for (const s of segments) {
      if (s.trust === 'untrusted') ledger.addUntrusted(s.text, { kind: s.source ?? 'tool_result', id });
      else if (s.trust === 'user') ledger.addTrusted(s.text);
    }
  };

  const tripwire = async (
    stage: Stage,
    run: () => Promise<Decision>,
    trips: (a: Decision['action']) => boolean,
  ): Promise<GuardrailFunctionOutput> => {
    try {
      const d = await run();
      return { tripwireTriggered: trips(d.action), outputInfo: info(stage, d) };
    } catch (err) {
      return { tripwireTriggered: true, outputInfo: failed(stage, err) };
    }
  };

  const toolVerdict = (outcome: RampartGuardrailInfo, what: string): ToolGuardrailFunctionOutput => {
    if (outcome.action !== 'error' && !isStopping(outcome.action))
      return { behavior: { type: 'allow' }, outputInfo: outcome };
    if (onViolation === 'reject')
      return {
        behavior: {
          type: 'rejectContent',
          message: `Rampart refused this ${what} (${outcome.reason ?? outcome.categories.join(', ')})`,
        },
        outputInfo: outcome,
      };
    return { behavior: { type: 'throwException' }, outputInfo: outcome };
  };

  const firewallInfo = (d: FirewallDecision): RampartGuardrailInfo => ({
    stage: 'tool_call',
    action: d.decision === 'deny' ? 'block' : 'require_approval',
    categories: [
      d.decision === 'deny' ? `tool.denied.${d.violations[0]?.kind ?? 'policy'}` : 'tool.approval_required',
    ],
    reason: d.reason,
  });

  return {
    inputGuardrail: {
      name: `${prefix}-input`,
      runInParallel: false,
      execute: ({ input, context }) =>
        tripwire(
          'input',
          async () => {
            const segments = inputSegments(input);
            record(context, segments, 'agent_input');
            return guard.check('input', segments);
          },
          isStopping,
        ),
    },
    outputGuardrail: {
      name: `${prefix}-output`,
      execute: ({ agentOutput }) =>
        tripwire('output', () => guard.check('output', outputText(agentOutput)), stopsOrRedacts),
    },
    toolGuardrails: {
      inputGuardrails: [
        {
          type: 'tool_input',
          name: `${prefix}-tool-input`,
          run: async ({ context, toolCall }) => {
            try {
              const args = toolCall.arguments ?? '';
              const d = await guard.check('tool_call', args);
              if (isStopping(d.action)) return toolVerdict(info('tool_call', d), 'tool call');
              if (!firewall) return toolVerdict(info('tool_call', d), 'tool call');
              let parsed: unknown;
              try {
                parsed = JSON.parse(args || '{}');
              } catch {
                return toolVerdict(
                  {
                    stage: 'tool_call',
                    action: 'block',
                    categories: ['tool.denied.schema'],
                    reason: 'arguments are not valid JSON',
                  },
                  'tool call',
                );
              }
              const sessionId = sessionOf(context);
              const trust = firewall.session(sessionId).ledger.untrustedCount > 0 ? 'untrusted' : 'user';
              const verdict = await firewall.check({
                sessionId,
                principal,
                tool: toolCall.name,
                args: parsed,
                context: { trust },
              });
              return toolVerdict(
                verdict.decision === 'allow' ? info('tool_call', d) : firewallInfo(verdict),
                'tool call',
              );
            } catch (err) {
              return toolVerdict(failed('tool_call', err), 'tool call');
            }
          },
        },
      ],
      outputGuardrails: [
        {
          type: 'tool_output',
          name: `${prefix}-tool-output`,
          run: async ({ context, toolCall, output }) => {
            try {
              const text = outputText(output);
              const segment: Segment = { text, trust: 'untrusted', role: 'tool', source: 'tool_result' };
              record(context, [segment], `${toolCall.name}:${toolCall.callId}`.slice(0, 256));
              const d = await guard.check('tool_result', [segment]);
              // A redacted result (a key in a file, an address in a page): the model gets the redacted text.
              const redacted = d.action === 'redact' ? redactedText(d) : undefined;
              if (redacted !== undefined)
                return {
                  behavior: { type: 'rejectContent', message: redacted },
                  outputInfo: info('tool_result', d),
                };
              return toolVerdict(info('tool_result', d), 'tool result');
            } catch (err) {
              return toolVerdict(failed('tool_result', err), 'tool result');
            }
          },
        },
      ],
    },
  };
}

export { inputSegments, outputText } from './items.js';
