// RampartCallbackHandler: collects the decisions Rampart's guard runnables dispatch on a run's trace (the
// custom event `rampart_decision`), by run, so an app can read what was checked in an invocation, log it or
// export it beside its LangSmith/OpenTelemetry trace. The events carry no text: stage, action, categories.
import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import { isStopping } from '../../core/actions.js';
import { DECISION_EVENT, type DecisionEvent } from './guard.js';

export interface RecordedDecision extends DecisionEvent {
  /** The guard's run (its parent is the chain it ran in). */
  runId: string;
  tags?: string[];
}

/** Decisions kept at most (oldest dropped first): a long-lived handler must not grow without bound. */
const DEFAULT_MAX = 10_000;

export class RampartCallbackHandler extends BaseCallbackHandler {
  name = 'RampartCallbackHandler';
  readonly decisions: RecordedDecision[] = [];
  readonly #max: number;
  readonly #onDecision: ((d: RecordedDecision) => void) | undefined;

  constructor(options: { onDecision?: (d: RecordedDecision) => void; maxDecisions?: number } = {}) {
    super();
    this.#max = Math.max(1, options.maxDecisions ?? DEFAULT_MAX);
    this.#onDecision = options.onDecision;
  }

  override handleCustomEvent(eventName: string, data: unknown, runId: string, tags?: string[]): void {
    if (eventName !== DECISION_EVENT || data === null || typeof data !== 'object') return;
    const e = data as DecisionEvent;
    const d: RecordedDecision = {
      stage: e.stage,
      action: e.action,
      categories: [...e.categories],
      findings: e.findings,
      runId,
    };
    if (tags && tags.length > 0) d.tags = [...tags];
    this.decisions.push(d);
    if (this.decisions.length > this.#max) this.decisions.splice(0, this.decisions.length - this.#max);
    this.#onDecision?.(d);
  }

  /** True when a decision of this handler's runs stopped something. */
  get blocked(): boolean {
    return this.decisions.some((d) => isStopping(d.action));
  }
}
