// System prompt leakage without a canary (OWASP LLM07): the output copies long runs of the application's
// own instructions. We compare word n-grams (default 5 words, NFKC + lowercase) of the output against each
// system prompt. Five consecutive words shared by chance is rare outside stock phrases, and requiring both
// a share of the prompt AND a minimum count keeps "you are a helpful assistant" from firing.
//
// Out of scope, by design: a leak translated into another language or paraphrased word by word shares no
// n-grams; catching those needs embeddings (a 'model' cost scanner), and canary tokens cover them better.
// Scripts written without spaces (Chinese, Japanese) are compared one character per "word"; Thai, Lao and
// Khmer are not segmented and only match long identical runs.
import { z } from 'zod';
import type { Scanner, ScannerFinding } from '../core/types.js';

export interface SystemPromptLeakOptions {
  /** Share (0..1) of the prompt's distinct n-grams found in the output for a finding. Default 0.35. */
  threshold: number;
  /** Words per n-gram. Default 5. */
  ngram: number;
  /**
   * At least this many matching n-grams for any finding. Default 8, so prompts under 12 words are never
   * matched by similarity (a stock phrase like "you are a helpful assistant" would fire): use a canary.
   */
  minNgrams: number;
  /** This many matching n-grams fire regardless of share: a long verbatim excerpt of a long prompt. Default 50. */
  absoluteNgrams: number;
}

export const SYSTEM_PROMPT_LEAK_DEFAULTS: Readonly<SystemPromptLeakOptions> = {
  threshold: 0.35,
  ngram: 5,
  minNgrams: 8,
  absoluteNgrams: 50,
};

/** Only the first 64 KiB of a system prompt is profiled: bounded memory and set size whatever the config. */
const MAX_PROMPT_CHARS = 64 * 1024;
const MAX_PROMPTS = 16;
const CACHE_SIZE = 32;

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const NO_SPACE_SCRIPT = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/u;
const NO_SPACE_SPLIT =
  /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]|[^\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]+/gu;
const NON_ASCII = /[^\x00-\x7f]/;

export interface Word {
  norm: string;
  start: number;
  end: number;
}

function normWord(w: string): string {
  return NON_ASCII.test(w) ? w.normalize('NFKC').toLowerCase() : w.toLowerCase();
}

/** The scanner's words of `text` (NFKC, lowercase; one per character in scripts without spaces). */
export function promptWords(text: string): Word[] {
  const out: Word[] = [];
  const ascii = !NON_ASCII.test(text);
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const w = m[0];
    if (ascii) {
      out.push({ norm: w.toLowerCase(), start: m.index, end: m.index + w.length });
    } else if (NO_SPACE_SCRIPT.test(w)) {
      NO_SPACE_SPLIT.lastIndex = 0;
      for (let p = NO_SPACE_SPLIT.exec(w); p !== null; p = NO_SPACE_SPLIT.exec(w)) {
        out.push({ norm: normWord(p[0]), start: m.index + p.index, end: m.index + p.index + p[0].length });
      }
    } else {
      out.push({ norm: normWord(w), start: m.index, end: m.index + w.length });
    }
  }
  return out;
}

/** A prompt's vocabulary (word → small id) and its set of n-grams, each encoded as n UTF-16 code units. */
export interface Profile {
  vocab: Map<string, number>;
  grams: Set<string>;
}

/** Keyed by n, then by the prompt string itself (V8 caches a string's hash, so a hit costs no rehash). */
const profiles = new Map<number, Map<string, Profile>>();

/** The prompt's profile for n-grams of `n` words (cached; the object stays the same while cached). */
export function profile(prompt: string, n: number): Profile {
  let byPrompt = profiles.get(n);
  if (!byPrompt) profiles.set(n, (byPrompt = new Map()));
  const cached = byPrompt.get(prompt);
  if (cached) return cached;
  const vocab = new Map<string, number>();
  const grams = new Set<string>();
  const ids: number[] = [];
  for (const w of promptWords(
    prompt.length > MAX_PROMPT_CHARS ? prompt.slice(0, MAX_PROMPT_CHARS) : prompt,
  )) {
    let id = vocab.get(w.norm);
    if (id === undefined) {
      // 64 KiB of text has fewer than 65 536 distinct words, so an id always fits in one code unit.
      id = vocab.size;
      vocab.set(w.norm, id);
    }
    ids.push(id);
    if (ids.length >= n) grams.add(String.fromCharCode(...ids.slice(ids.length - n)));
  }
  const p = { vocab, grams };
  if (byPrompt.size >= CACHE_SIZE) {
    const oldest = byPrompt.keys().next().value;
    if (oldest !== undefined) byPrompt.delete(oldest);
  }
  byPrompt.set(prompt, p);
  return p;
}

/** The scanner's policy options (`scanners.system-prompt-leak.options`); an absent key takes the default. */
export const SystemPromptLeakSettings = z
  .object({
    /** Share of the system prompt's word n-grams that must appear in the output. */
    threshold: z.number().min(0.01).max(1).optional(),
    ngram: z.number().int().min(2).max(12).optional(),
    minNgrams: z.number().int().min(1).max(10_000).optional(),
    absoluteNgrams: z.number().int().min(1).max(1_000_000).optional(),
  })
  .strict();
export type SystemPromptLeakSettings = z.infer<typeof SystemPromptLeakSettings>;

/** The parsed settings with the defaults filled in. */
export function systemPromptLeakOptions(settings: SystemPromptLeakSettings = {}): SystemPromptLeakOptions {
  const d = SYSTEM_PROMPT_LEAK_DEFAULTS;
  return {
    threshold: settings.threshold ?? d.threshold,
    ngram: settings.ngram ?? d.ngram,
    minNgrams: settings.minNgrams ?? d.minNgrams,
    absoluteNgrams: settings.absoluteNgrams ?? d.absoluteNgrams,
  };
}

/**
 * Compares `text` with each system prompt; one `leak.system_prompt` finding per prompt it reproduces, with
 * a span from the first to the last matching n-gram. Linear in the text; the prompt profile is cached.
 */
/**
 * How many distinct matching n-grams make a finding for a prompt with `total` distinct n-grams: the least
 * count meeting the share (and minNgrams) or absoluteNgrams; Infinity when the prompt can never fire.
 */
export function ngramsToFire(total: number, opts: SystemPromptLeakOptions): number {
  let share = Infinity;
  if (total >= opts.minNgrams && total > 0) {
    share = Math.max(opts.minNgrams, Math.ceil(opts.threshold * total));
    while (share > opts.minNgrams && (share - 1) / total >= opts.threshold) share--;
    while (share <= total && share / total < opts.threshold) share++;
    if (share > total) share = Infinity;
  }
  return Math.min(share, opts.absoluteNgrams);
}

export function findSystemPromptLeaks(
  text: string,
  systemPrompts: readonly string[],
  options: Partial<SystemPromptLeakOptions> = {},
): ScannerFinding[] {
  if (systemPrompts.length === 0 || text.length === 0) return [];
  const opts = { ...SYSTEM_PROMPT_LEAK_DEFAULTS, ...options };
  const n = opts.ngram;
  const findings: ScannerFinding[] = [];
  let outputWords: Word[] | undefined;
  for (let i = 0; i < systemPrompts.length && i < MAX_PROMPTS; i++) {
    const prompt = systemPrompts[i];
    if (typeof prompt !== 'string' || prompt.length === 0) continue;
    const { vocab, grams } = profile(prompt, n);
    const total = grams.size;
    if (total < opts.minNgrams) continue;
    outputWords ??= promptWords(text);

    const matched = new Set<string>();
    let first = -1;
    let last = -1;
    const ids = new Array<number>(n).fill(0);
    let run = 0;
    for (let w = 0; w < outputWords.length; w++) {
      const word = outputWords[w];
      const id = word === undefined ? undefined : vocab.get(word.norm);
      if (id === undefined) {
        run = 0;
        continue;
      }
      ids.copyWithin(0, 1);
      ids[n - 1] = id;
      if (++run < n) continue;
      const gram = String.fromCharCode(...ids);
      if (!grams.has(gram)) continue;
      matched.add(gram);
      if (first < 0) first = outputWords[w - n + 1]?.start ?? 0;
      last = word?.end ?? last;
    }

    const count = matched.size;
    const coverage = count / total;
    const byShare = coverage >= opts.threshold && count >= opts.minNgrams;
    const byCount = count >= opts.absoluteNgrams;
    if (!byShare && !byCount) continue;
    const signals = ['ngram_overlap'];
    if (byCount) signals.push('long_excerpt');
    findings.push({
      category: 'leak.system_prompt',
      score: Math.min(0.95, Math.max(byCount ? 0.7 : 0, 0.55 + 0.5 * coverage)),
      span: [first, last],
      message:
        `The text reproduces ${Math.round(coverage * 100)}% of system prompt #${i + 1} ` +
        `(${count} matching ${n}-word sequences).`,
      signals,
    });
  }
  return findings;
}

export const systemPromptLeak = {
  name: 'system-prompt-leak',
  description: "output that reproduces the application's system prompt (word n-gram overlap)",
  options: SystemPromptLeakSettings,
  stages: ['output'],
  cost: 'cheap',
  scan: (text, ctx) => findSystemPromptLeaks(text, ctx.systemPrompts, systemPromptLeakOptions(ctx.options)),
} satisfies Scanner<SystemPromptLeakSettings>;
