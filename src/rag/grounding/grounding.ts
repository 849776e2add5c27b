// Grounding check, a HEURISTIC: it asks whether each sentence of an answer shares enough words with the
// chunk it cites, not whether the chunk entails it. Lexical overlap (ROUGE-1 and ROUGE-2 recall of the
// sentence against the cited chunk) plus hard rules: every number in the sentence must appear in the
// chunk. A paraphrase with other words can be flagged although true; a sentence that reuses the
// chunk's words to say something else can pass. A negation the chunk lacks makes a sentence unsupported,
// and a third rule catches one common way of saying something
// else with the chunk's words: a word or two swapped between words the chunk has (a changed noun). Measured on a labelled set (README, RAG).
//
// What it does enforce exactly: a citation must name a chunk of the retrieved set ([S9] when only S1–S3
// were given is reported), and a claim without a citation is reported.

export interface GroundingSource {
  /** The cite label the prompt gave the chunk, e.g. `S1`. */
  cite: string;
  text: string;
}

export type SentenceStatus = 'supported' | 'unsupported' | 'uncited' | 'unknown_citation' | 'no_claim';

export interface SentenceGrounding {
  /** [start, end) of the sentence in the answer (citations included). */
  span: readonly [number, number];
  cites: string[];
  status: SentenceStatus;
  /** Best overlap score against a cited chunk, 0..1 (0 when nothing valid is cited). */
  support: number;
  /** The retrieved chunk that best matches the sentence (BM25), when it is uncited or unsupported. */
  suggested?: string;
}

export interface GroundingResult {
  /** True when no sentence is unsupported, uncited or cites outside the retrieved set. */
  grounded: boolean;
  sentences: SentenceGrounding[];
  /** Labels cited that are not in the retrieved set. */
  unknownCitations: string[];
}

export interface GroundingOptions {
  /** Overlap score at or above which a cited sentence counts as supported (default 0.5). */
  threshold?: number;
  /** Sentences with fewer content words make no claim and need no citation (default 3). */
  minClaimWords?: number;
  /** Answers longer than this are not checked sentence by sentence past it (default 64 KiB): the rest is one unsupported claim. */
  maxChars?: number;
}

const CITATION = /\[(S\d{1,4}(?:\s*[,;]\s*S\d{1,4})*)\]/gu;
const WORD = /[\p{L}\p{N}]+(?:[.,][\p{N}]+)*/gu;
const NUMBER = /^\p{N}+(?:[.,]\p{N}+)*$/u;
const STOP = new Set(
  (
    'a an the and or but if of to in on at by for with from as is are was were be been being it its this that ' +
    'these those there their they them he she his her we our you your i me my not no do does did has have had ' +
    'will would can could should may might must shall so than then also about into over under per which who whom ' +
    'whose what when where why how all any each every some such only own same very just according says said'
  ).split(' '),
);

// Negation words are stop words for overlap, but a sentence that adds one says the opposite.
const NEGATIONS = new Set(['not', 'no', 'never', 'none', 'nor', 'without', 'cannot', 'nothing', 'neither']);
const negationsOf = (text: string): Set<string> =>
  new Set(
    text
      .toLowerCase()
      .replace(/n['’]t\b/gu, ' not')
      .match(WORD)
      ?.filter((w) => NEGATIONS.has(w)) ?? [],
  );

/** Lower-cased word forms with a light suffix strip, so `refunds`/`refund` and `paid`/`paying` meet. */
function stem(w: string): string {
  if (NUMBER.test(w) || w.length <= 4) return w;
  for (const suf of ['ing', 'ed', 'es', 's'])
    if (w.endsWith(suf) && w.length - suf.length >= 3) return w.slice(0, -suf.length);
  return w;
}

function words(text: string): string[] {
  return Array.from(text.toLowerCase().matchAll(WORD), (m) => m[0]);
}

interface Prepared {
  cite: string;
  /** Content words in order, for the substitution rule. */
  sequence: string[];
  unigrams: Set<string>;
  bigrams: Set<string>;
  numbers: Set<string>;
  negations: Set<string>;
  tf: Map<string, number>;
  length: number;
}

function prepare(s: GroundingSource): Prepared {
  const ws = words(s.text).map(stem);
  const tf = new Map<string, number>();
  for (const w of ws) tf.set(w, (tf.get(w) ?? 0) + 1);
  const content = ws.filter((w) => !STOP.has(w));
  return {
    cite: s.cite,
    sequence: content,
    unigrams: new Set(content),
    bigrams: new Set(content.slice(1).map((w, i) => `${content[i]} ${w}`)),
    numbers: new Set(ws.filter((w) => NUMBER.test(w))),
    negations: negationsOf(s.text),
    tf,
    length: ws.length,
  };
}

/**
 * A substituted word: a run of 1–3 words the chunk does not have, between two words that the chunk has
 * 1–3 other words apart (`Acme contractors receive` against the chunk's `Acme employees receive`). One
 * changed noun keeps most of the overlap, so overlap alone passes it; this rule catches the common case.
 */
function substitutes(content: readonly string[], src: Prepared): boolean {
  for (let i = 1; i < content.length - 1; i++) {
    if (src.unigrams.has(content[i]!) || !src.unigrams.has(content[i - 1]!)) continue;
    let j = i;
    while (j < content.length && j - i < 3 && !src.unigrams.has(content[j]!)) j++;
    if (j >= content.length || !src.unigrams.has(content[j]!)) continue;
    const [a, b] = [content[i - 1]!, content[j]!];
    const seq = src.sequence;
    for (let p = 0; p < seq.length; p++) {
      if (seq[p] !== a) continue;
      for (let gap = 1; gap <= 3; gap++) if (seq[p + gap + 1] === b) return true;
    }
  }
  return false;
}

/** ROUGE-1/ROUGE-2 recall of the sentence's content words in the chunk, with the number and substitution rules. */
function overlap(content: readonly string[], negations: ReadonlySet<string>, src: Prepared): number {
  if (content.some((w) => NUMBER.test(w) && !src.numbers.has(w))) return 0;
  if (substitutes(content, src)) return 0;
  if ([...negations].some((w) => !src.negations.has(w))) return 0;
  const uni = content.filter((w) => src.unigrams.has(w)).length / content.length;
  if (content.length < 2) return uni;
  const bis = content.slice(1).map((w, i) => `${content[i]} ${w}`);
  const bi = bis.filter((b) => src.bigrams.has(b)).length / bis.length;
  return 0.7 * uni + 0.3 * bi;
}

function merge(ps: readonly Prepared[]): Prepared {
  if (ps.length === 1) return ps[0]!;
  const union = <T>(f: (p: Prepared) => Iterable<T>) => new Set(ps.flatMap((p) => [...f(p)]));
  return {
    cite: ps.map((p) => p.cite).join(','),
    // A blank between chunks: no word pair spans two chunks.
    sequence: ps.flatMap((p) => [...p.sequence, '']),
    unigrams: union((p) => p.unigrams),
    bigrams: union((p) => p.bigrams),
    numbers: union((p) => p.numbers),
    negations: union((p) => p.negations),
    tf: new Map(),
    length: ps.reduce((n, p) => n + p.length, 0),
  };
}

/** BM25 (k1 1.2, b 0.75) of the sentence against each source; the best one's cite, if any scores. */
function bestByBm25(content: readonly string[], srcs: readonly Prepared[]): string | undefined {
  if (srcs.length === 0) return undefined;
  const avg = srcs.reduce((n, s) => n + s.length, 0) / srcs.length || 1;
  const words = [...new Set(content)];
  // Document frequency once per word, not once per word and source.
  const idf = new Map(
    words.map((w) => {
      const df = srcs.reduce((n, x) => n + (x.tf.has(w) ? 1 : 0), 0);
      return [w, Math.log(1 + (srcs.length - df + 0.5) / (df + 0.5))] as const;
    }),
  );
  let best: string | undefined;
  let bestScore = 0;
  for (const s of srcs) {
    let score = 0;
    for (const w of words) {
      const f = s.tf.get(w) ?? 0;
      if (f > 0) score += (idf.get(w)! * f * 2.2) / (f + 1.2 * (0.25 + (0.75 * s.length) / avg));
    }
    if (score > bestScore) [best, bestScore] = [s.cite, score];
  }
  return best;
}

/** Sentence spans: split after . ! ? followed by a space, and at line breaks; a piece that is only citations joins the sentence before. */
function sentenceSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const re = /[.!?](?=\s)|\n+/gu;
  let start = 0;
  const push = (end: number) => {
    let s = start;
    while (s < end && /\s/u.test(text[s]!)) s++;
    if (s < end) {
      const piece = text.slice(s, end);
      if (
        spans.length > 0 &&
        piece
          .replace(CITATION, '')
          .trim()
          .replace(/^[.!?]+$/u, '') === ''
      )
        spans[spans.length - 1]![1] = end;
      else spans.push([s, end]);
    }
  };
  for (const m of text.matchAll(re)) {
    const end = m[0].startsWith('\n') ? m.index : m.index + m[0].length;
    push(end);
    start = m.index + m[0].length;
  }
  push(text.length);
  return spans;
}

export function checkGrounding(
  answer: string,
  sources: readonly GroundingSource[],
  opts: GroundingOptions = {},
): GroundingResult {
  const threshold = opts.threshold ?? 0.5;
  const minClaimWords = opts.minClaimWords ?? 3;
  const maxChars = opts.maxChars ?? 64 * 1024;
  const checked = answer.slice(0, maxChars);
  const prepared = sources.map(prepare);
  const byCite = new Map(prepared.map((p) => [p.cite, p]));
  const unknown = new Set<string>();

  const sentences: SentenceGrounding[] = sentenceSpans(checked).map((span) => {
    const text = checked.slice(span[0], span[1]);
    const cites = [
      ...new Set(
        Array.from(text.matchAll(CITATION), (m) => m[1]!.split(/[,;]/u).map((c) => c.trim())).flat(),
      ),
    ];
    const content = words(text.replace(CITATION, ' '))
      .map(stem)
      .filter((w) => !STOP.has(w));
    const bad = cites.filter((c) => !byCite.has(c));
    for (const c of bad) unknown.add(c);
    const valid = cites.filter((c) => byCite.has(c));
    // Several citations on one sentence: it may join facts from each, so it is held against them together.
    const support =
      content.length === 0 || valid.length === 0
        ? 0
        : overlap(content, negationsOf(text), merge(valid.map((c) => byCite.get(c)!)));
    let status: SentenceStatus;
    if (bad.length > 0) status = 'unknown_citation';
    else if (content.length < minClaimWords && cites.length === 0) status = 'no_claim';
    else if (cites.length === 0) status = 'uncited';
    else status = support >= threshold ? 'supported' : 'unsupported';
    const out: SentenceGrounding = { span, cites, status, support };
    if (status === 'uncited' || status === 'unsupported') {
      const suggested = bestByBm25(content, prepared);
      if (suggested) out.suggested = suggested;
    }
    return out;
  });
  if (answer.length > maxChars)
    sentences.push({ span: [maxChars, answer.length], cites: [], status: 'unsupported', support: 0 });

  return {
    grounded: sentences.every((s) => s.status === 'supported' || s.status === 'no_claim'),
    sentences,
    unknownCitations: [...unknown],
  };
}
