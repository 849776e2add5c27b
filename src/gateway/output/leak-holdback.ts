// What a streamed answer holds back so that a system prompt or a canary cannot leave before the scanner
// that blocks it has seen all of it (holdback.ts covers the patterns of the other scanners).
//
// The system-prompt-leak scanner fires on K distinct matching word n-grams (ngramsToFire: the share of the
// prompt, minNgrams or absoluteNgrams). A verbatim excerpt of the prompt is a run of consecutive answer
// words whose every n-word window is a prompt n-gram; while the answer's tail is such a run, or the start
// of one (its last words begin some prompt n-gram, the last word counting as unfinished), the whole run
// waits. It goes out once a word arrives that ends it, in one piece scanned whole: a run with K n-grams
// is blocked before any of it was sent. Across runs, the released text's distinct n-grams are counted,
// and the release that would bring them to K is checked against the whole answer.
//
// A canary waits in the same way while the tail is the beginning of the token in any form the canary
// scanner finds (spaced, reversed, hex, base64), however long the separators padding it.
//
// Held text is bounded by the longest protected run (the run is blocked at K n-grams) and by an absolute
// cap (server.stream_leak_hold_chars): past it the stream fails closed instead of releasing half a leak.
// Both views are taken of the canonical text (NFKC, look-alikes folded, invisibles removed), as the
// scanners see it.
import { canonicalize } from '../../normalize/canonicalize.js';
import { canaryPrefixStart, findCanaries } from '../../scanners/canary.js';
import {
  ngramsToFire,
  profile,
  promptWords,
  type Profile,
  type SystemPromptLeakOptions,
  type Word,
} from '../../scanners/system-prompt-leak.js';

/** Prompts profiled, as in the scanner. */
const MAX_PROMPTS = 16;

interface Protected {
  profile: Profile;
  /** Every proper prefix (1..n-1 word ids) of the prompt's n-grams. */
  prefixes: Set<string>;
  /** Distinct n-grams needed for a finding. */
  fire: number;
  /** Distinct n-grams of this prompt already released. */
  released: Set<string>;
}

const prefixCache = new WeakMap<Profile, Set<string>>();

function prefixesOf(p: Profile): Set<string> {
  let s = prefixCache.get(p);
  if (s) return s;
  s = new Set();
  for (const g of p.grams) for (let l = 1; l < g.length; l++) s.add(g.slice(0, l));
  prefixCache.set(p, s);
  return s;
}

export interface LeakHoldOptions {
  systemPrompts: readonly string[];
  canaries: readonly string[];
  /** The leak scanner's options; undefined when it does not run on output. */
  leak?: SystemPromptLeakOptions;
  /** Whether the canary scanner runs on output. */
  canary: boolean;
}

export interface LeakHold {
  /**
   * Offset in `pending` from which text must wait, given `proposed` (the other scanners' hold back).
   * `released` is the end of the text already sent (context for n-grams straddling the boundary).
   */
  start(released: string, pending: string, proposed: number): number;
  /**
   * Counts the n-grams `piece` completes after `released`; true when the released text then holds enough
   * of some prompt for a finding, so the release must be scanned with the whole answer.
   */
  release(released: string, piece: string): boolean;
}

interface CanonWords {
  words: Word[];
  /** Original offset of canonical offset i. */
  toOriginal(i: number): number;
  canonicalLength: number;
  canonical: string;
}

function canonWords(text: string): CanonWords {
  const c = canonicalize(text, { decode: false });
  return {
    words: promptWords(c.text),
    toOriginal: (i) => (i >= c.text.length ? text.length : c.map.toOriginal([i, i + 1])[0]),
    canonicalLength: c.text.length,
    canonical: c.text,
  };
}

/** Start (canonical offset) of the trailing run of words that is, or may become, a verbatim excerpt. */
function liveRunStart(cw: CanonWords, p: Protected, n: number): number | undefined {
  const { words } = cw;
  const m = words.length;
  if (m === 0) return undefined;
  const ids = words.map((w) => p.profile.vocab.get(w.norm));
  const lastOpen = words[m - 1]!.end === cw.canonicalLength; // may still be growing
  const live = new Uint8Array(m);
  const key = (from: number, to: number): string | undefined => {
    const part: number[] = [];
    for (let i = from; i < to; i++) {
      const id = ids[i];
      if (id === undefined) return undefined;
      part.push(id);
    }
    return String.fromCharCode(...part);
  };
  for (let i = n - 1; i < m; i++) {
    const g = key(i - n + 1, i + 1);
    if (g !== undefined && p.profile.grams.has(g)) live.fill(1, i - n + 1, i + 1);
  }
  // The longest tail that begins some n-gram: an unfinished last word stands for any word.
  for (let l = Math.min(m, lastOpen ? n : n - 1); l >= 1; l--) {
    const exact = lastOpen ? l - 1 : l;
    const k = key(m - l, m - l + exact);
    if (k !== undefined && (exact === 0 || p.prefixes.has(k))) {
      live.fill(1, m - l, m);
      break;
    }
  }
  let k = m;
  while (k > 0 && live[k - 1] === 1) k--;
  return k < m ? words[k]!.start : undefined;
}

export function createLeakHold(opts: LeakHoldOptions): LeakHold | undefined {
  const prompts: Protected[] = [];
  const n = opts.leak?.ngram ?? 0;
  if (opts.leak) {
    for (const text of opts.systemPrompts.slice(0, MAX_PROMPTS)) {
      if (typeof text !== 'string' || text.length === 0) continue;
      const pr = profile(text, n);
      const fire = ngramsToFire(pr.grams.size, opts.leak);
      if (!Number.isFinite(fire)) continue; // a prompt too short to ever match
      prompts.push({ profile: pr, prefixes: prefixesOf(pr), fire, released: new Set() });
    }
  }
  const canaries = opts.canary ? opts.canaries.filter((t) => typeof t === 'string' && t.length > 0) : [];
  if (prompts.length === 0 && canaries.length === 0) return undefined;

  return {
    start(released, pending, proposed) {
      let start = Math.min(proposed, pending.length);
      if (canaries.length > 0 && pending.length > 0) {
        const c = canonicalize(pending, { decode: false });
        const original = (i: number): number =>
          i >= c.text.length ? pending.length : c.map.toOriginal([i, i + 1])[0];
        start = Math.min(start, original(canaryPrefixStart(c.text, canaries)));
        // A canary completed in pending is never cut: the piece carries all of it and its scan stops the
        // stream now (a later window's context may no longer reach its start).
        for (const f of findCanaries(c.text, canaries)) {
          if (!f.span) continue;
          const end = original(f.span[1]);
          if (original(f.span[0]) < start && start < end) start = end;
        }
      }
      if (prompts.length > 0 && pending.length > 0) {
        const text = released + pending;
        const cw = canonWords(text);
        for (const p of prompts) {
          const s = liveRunStart(cw, p, n);
          if (s !== undefined) start = Math.min(start, Math.max(0, cw.toOriginal(s) - released.length));
        }
      }
      return start;
    },
    release(released, piece) {
      if (prompts.length === 0 || piece.length === 0) return false;
      const cw = canonWords(released + piece);
      let trips = false;
      for (const p of prompts) {
        if (p.released.size >= p.fire) continue; // already counted as a finding by the full scan
        const { words } = cw;
        for (let i = n - 1; i < words.length; i++) {
          if (cw.toOriginal(words[i]!.end - 1) < released.length) continue; // ends in released text
          const ids: number[] = [];
          for (let j = i - n + 1; j <= i; j++) {
            const id = p.profile.vocab.get(words[j]!.norm);
            if (id === undefined) break;
            ids.push(id);
          }
          if (ids.length < n) continue;
          const g = String.fromCharCode(...ids);
          if (p.profile.grams.has(g)) p.released.add(g);
        }
        if (p.released.size >= p.fire) trips = true;
      }
      return trips;
    },
  };
}
