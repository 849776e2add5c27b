// What one injection rule is: the rule families in this folder are lists of these, and
// ../injection-rules.ts (the scanner) runs them. Types only, so the families import nothing of the scanner.

export type InjectionCategory =
  | 'prompt_injection.override'
  | 'prompt_injection.extraction'
  | 'jailbreak.persona'
  | 'prompt_injection.delimiter'
  | 'prompt_injection.tool_hijack'
  | 'prompt_injection.indirect';

export interface InjectionRule {
  /** Stable id reported in `signals`, e.g. 'override.en.ignore_previous'. */
  readonly id: string;
  readonly category: InjectionCategory;
  /** 0..1: how sure one match alone makes us. Combined per category with noisy-or. */
  readonly weight: number;
  /** Linear-time regex literal, run once (first match) over the whole text. */
  readonly pattern: RegExp;
  /**
   * Lowercase literals; every match of `pattern` starts with one of them (contains one, when
   * `anchored` is false), compared after toLowerCase. The rule is skipped unless one occurs. A wrong
   * trigger silently loses recall, so the tests check the prefilter against an unfiltered run.
   */
  readonly triggers: readonly string[];
  /**
   * false: matches may start anywhere, so the rule scans the whole text once any trigger is seen
   * (used where no keyword starts every match, e.g. CJK object-before-verb phrasing). Otherwise
   * (the default) every match STARTS with one of the triggers, and the rule is only tried, sticky,
   * at trigger positions: the cost is per keyword occurrence, not per character.
   */
  readonly anchored?: false;
  readonly langs?: readonly string[];
}
