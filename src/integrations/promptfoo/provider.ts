// rampart/promptfoo: Rampart in front of a target, as a promptfoo provider. promptfoo loads a provider
// class from a file (`providers: [{ id: 'file://rampart-provider.mjs', config: {...} }]`) and calls
// `callApi(prompt)`; the answer's `guardrails` object is what promptfoo's `guardrails` / `not-guardrails`
// assertions read (promptfoo's published ProviderResponse / GuardrailResponse types; checked against
// promptfoo 0.121's .d.ts). Only promptfoo's interface is mirrored: promptfoo is not a dependency.
//
// With a `target` (any OpenAI-compatible chat endpoint) the prompt is checked, sent, and the answer checked;
// without one the provider is the guard alone, answering with the prompt as checked (redacted when the
// policy redacts), so a promptfoo suite can measure Rampart's own detection.
import { isStopping } from '../../core/actions.js';
import { readStreamBoundedText } from '../../core/bounded-stream.js';
import { RampartError } from '../../core/errors.js';
import { trimEndChars } from '../../core/trim-chars.js';
import type { Decision } from '../../core/types.js';
import { createGuard, type Guard } from '../../policy/create-guard.js';
import { loadPolicyFile } from '../../policy/load.js';

export interface RampartPromptfooTarget {
  /** Base URL of an OpenAI-compatible API, e.g. `http://localhost:8787/v1`. */
  baseUrl: string;
  model: string;
  /** Environment variable holding the target's API key (never the key itself in a config file). */
  apiKeyEnv?: string;
  /** Per-request timeout (default 60 s). */
  timeoutMs?: number;
}

export interface RampartPromptfooConfig {
  /** Policy YAML path (default: the shipped default policy). */
  policy?: string;
  target?: RampartPromptfooTarget;
  /** What the provider answers when the guard stops a prompt or an answer. */
  blockedOutput?: string;
}

export interface RampartPromptfooOptions {
  id?: string;
  label?: string;
  config?: RampartPromptfooConfig;
  /** A guard built in code (wins over config.policy). */
  guard?: Guard;
}

/** promptfoo's GuardrailResponse. */
export interface PromptfooGuardrails {
  flagged: boolean;
  flaggedInput: boolean;
  flaggedOutput: boolean;
  reason?: string;
}

/** The part of promptfoo's ProviderResponse this provider fills. */
export interface RampartProviderResponse {
  output?: string;
  error?: string;
  guardrails?: PromptfooGuardrails;
  metadata?: { rampart: { input: DecisionSummary; output?: DecisionSummary } };
}

interface DecisionSummary {
  action: Decision['action'];
  categories: string[];
}

const DEFAULT_BLOCKED_OUTPUT = 'Request blocked by Rampart.';
const DEFAULT_TIMEOUT_MS = 60_000;
/** Largest target answer read (a chat completion is a few KB; this bounds a broken or hostile target). */
const MAX_TARGET_BYTES = 4 * 1024 * 1024;

const summarize = (d: Decision): DecisionSummary => ({
  action: d.action,
  categories: [...new Set(d.findings.map((f) => f.category))].sort(),
});
const reasonOf = (where: 'input' | 'output', d: Decision) =>
  `${where} ${d.action}: ${summarize(d).categories.join(', ') || 'policy'}`;

function validateTarget(t: RampartPromptfooTarget): RampartPromptfooTarget {
  let url: URL;
  try {
    url = new URL(t.baseUrl);
  } catch {
    throw new RampartError('CONFIG_INVALID', 'rampart promptfoo provider: target.baseUrl is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new RampartError('CONFIG_INVALID', 'rampart promptfoo provider: target.baseUrl must be http(s)');
  if (typeof t.model !== 'string' || t.model === '')
    throw new RampartError('CONFIG_INVALID', 'rampart promptfoo provider: target.model is required');
  return t;
}

export class RampartProvider {
  private readonly providerId: string;
  readonly label?: string;
  private readonly guard: Guard;
  private readonly target?: RampartPromptfooTarget;
  private readonly blockedOutput: string;

  constructor(options: RampartPromptfooOptions = {}) {
    const config = options.config ?? {};
    this.providerId = options.id ?? 'rampart';
    if (options.label) this.label = options.label;
    this.guard =
      options.guard ?? (config.policy ? createGuard(loadPolicyFile(config.policy)) : createGuard());
    if (config.target) this.target = validateTarget(config.target);
    this.blockedOutput = config.blockedOutput ?? DEFAULT_BLOCKED_OUTPUT;
  }

  id(): string {
    return this.providerId;
  }

  async callApi(prompt: string): Promise<RampartProviderResponse> {
    const input = await this.guard.check('input', prompt);
    if (isStopping(input.action))
      return {
        output: this.blockedOutput,
        guardrails: {
          flagged: true,
          flaggedInput: true,
          flaggedOutput: false,
          reason: reasonOf('input', input),
        },
        metadata: { rampart: { input: summarize(input) } },
      };
    const checked = input.text ?? prompt;
    if (!this.target)
      return {
        output: checked,
        guardrails: { flagged: false, flaggedInput: false, flaggedOutput: false },
        metadata: { rampart: { input: summarize(input) } },
      };
    let answer: string;
    try {
      answer = await this.ask(this.target, checked);
    } catch (e) {
      // promptfoo records `error` as a target failure (not a pass, not an attack success).
      return {
        error: e instanceof Error ? e.message : String(e),
        metadata: { rampart: { input: summarize(input) } },
      };
    }
    const output = await this.guard.check('output', answer);
    const meta = { rampart: { input: summarize(input), output: summarize(output) } };
    if (isStopping(output.action))
      return {
        output: this.blockedOutput,
        guardrails: {
          flagged: true,
          flaggedInput: false,
          flaggedOutput: true,
          reason: reasonOf('output', output),
        },
        metadata: meta,
      };
    return {
      output: output.text ?? answer,
      guardrails: { flagged: false, flaggedInput: false, flaggedOutput: false },
      metadata: meta,
    };
  }

  private async ask(t: RampartPromptfooTarget, prompt: string): Promise<string> {
    const key = t.apiKeyEnv ? process.env[t.apiKeyEnv] : undefined;
    if (t.apiKeyEnv && !key)
      throw new Error(`target API key: environment variable ${t.apiKeyEnv} is not set`);
    const res = await fetch(`${trimEndChars(t.baseUrl, '/')}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ model: t.model, messages: [{ role: 'user', content: prompt }] }),
      signal: AbortSignal.timeout(t.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
    const text = await readStreamBoundedText(res.body, MAX_TARGET_BYTES);
    if (text === undefined) throw new Error(`target answered more than ${MAX_TARGET_BYTES} bytes`);
    if (!res.ok) throw new Error(`target answered HTTP ${res.status}`);
    let content: unknown;
    try {
      content = (JSON.parse(text) as { choices?: { message?: { content?: unknown } }[] }).choices?.[0]
        ?.message?.content;
    } catch {
      throw new Error('target answered something that is not JSON');
    }
    if (typeof content !== 'string') throw new Error('target answered no choices[0].message.content');
    return content;
  }
}
