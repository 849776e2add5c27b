// TaintLedger: what untrusted text this session has seen, so that a tool argument copied out of it can be
// recognised (CaMeL's data-flow idea, done pragmatically: we cannot see inside the model, so we compare values).
//
// Trust override: a value (or an indicator inside it) that also appears in text the USER typed counts as the
// user's, even when an untrusted page repeats it. The user asked for it; refusing "email bob@corp.example" because
// a retrieved thread also mentions bob would make the control useless. The attacker's lever is a value the user
// never wrote, and that stays tainted.
//
// Memory is bounded: entries are chunks of at most `chunkChars`, the total folded size is at most `maxChars`
// (trusted and untrusted counted separately), and the oldest chunk goes first. Text beyond `maxChars` in one
// call is dropped and counted (`stats().droppedChars`): a ledger that forgets is visible, never silent.
import { RampartError } from '../../core/errors.js';
import { foldCompact, foldSpaced } from './fold.js';
import { extractIndicators, type IndicatorKey, type IndicatorKind } from './indicators.js';

export interface TaintSource {
  /** What produced the text: 'tool_result', 'document', 'web_page', 'file', ... */
  kind: string;
  /** Which one: a tool-call id, a document id, a URL. Truncated to 256 characters. */
  id: string;
}

export interface TaintMatch {
  source: TaintSource;
  /** How the value was recognised: the whole value, or an indicator (URL, e-mail, domain, path) inside it. */
  how: 'exact' | 'substring' | IndicatorKind;
}

export interface TaintLedgerOptions {
  /** Most chunks kept (per trust side). Default 512. */
  maxEntries?: number;
  /** Most folded characters kept (per trust side). Default 1,000,000. */
  maxChars?: number;
  /** Chunk size; consecutive chunks overlap by 1,024 characters so a value across a boundary is still found. Default 64,000. */
  chunkChars?: number;
  /** Shortest folded value matched as a substring; shorter values ("yes", "the") are too common to mean anything. Default 8. */
  minMatchLength?: number;
  /** Most matches reported per value. Default 8. */
  maxMatches?: number;
}

export interface TaintLedgerStats {
  entries: number;
  chars: number;
  trustedEntries: number;
  trustedChars: number;
  droppedChars: number;
}

interface Entry {
  source: TaintSource;
  compact: string;
  indicators: Set<IndicatorKey>;
  size: number;
}

const OVERLAP = 1024;
const MAX_SOURCES = 64;
const MAX_SOURCE_FIELD = 256;

class Side {
  readonly entries: Entry[] = [];
  chars = 0;
  constructor(
    private readonly maxEntries: number,
    private readonly maxChars: number,
  ) {}

  push(e: Entry): void {
    this.entries.push(e);
    this.chars += e.size;
    while (this.entries.length > this.maxEntries || this.chars > this.maxChars) {
      const old = this.entries.shift();
      if (!old) break;
      this.chars -= old.size;
    }
  }
}

function positiveInt(name: string, v: number | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  if (!Number.isSafeInteger(v) || v <= 0)
    throw new RampartError('CONFIG_INVALID', `taint ledger: ${name} must be a positive integer`);
  return v;
}

export class TaintLedger {
  private readonly untrusted: Side;
  private readonly trusted: Side;
  private readonly maxChars: number;
  private readonly chunkChars: number;
  private readonly minMatchLength: number;
  private readonly maxMatches: number;
  private dropped = 0;
  private readonly seen: TaintSource[] = [];
  private untrustedInputs = 0;

  constructor(options: TaintLedgerOptions = {}) {
    const maxEntries = positiveInt('maxEntries', options.maxEntries, 512);
    this.maxChars = positiveInt('maxChars', options.maxChars, 1_000_000);
    this.chunkChars = Math.max(OVERLAP * 2, positiveInt('chunkChars', options.chunkChars, 64_000));
    this.minMatchLength = positiveInt('minMatchLength', options.minMatchLength, 8);
    this.maxMatches = positiveInt('maxMatches', options.maxMatches, 8);
    this.untrusted = new Side(maxEntries, this.maxChars);
    this.trusted = new Side(maxEntries, this.maxChars);
  }

  /** Records text the session saw from a tool result, a retrieved document, a web page or a file. */
  addUntrusted(text: string, source: TaintSource): void {
    const src = {
      kind: String(source.kind).slice(0, MAX_SOURCE_FIELD),
      id: String(source.id).slice(0, MAX_SOURCE_FIELD),
    };
    this.add(this.untrusted, text, src);
    if (typeof text === 'string' && text.length > 0) {
      this.untrustedInputs++;
      const at = this.seen.findIndex((x) => x.kind === src.kind && x.id === src.id);
      if (at >= 0) this.seen.splice(at, 1);
      this.seen.push(src);
      if (this.seen.length > MAX_SOURCES) this.seen.shift();
    }
  }

  /** How many untrusted texts this session has recorded (never decreases, even when old text is forgotten). */
  get untrustedCount(): number {
    return this.untrustedInputs;
  }

  /** The distinct untrusted sources seen, oldest first (the most recent 64). */
  untrustedSources(): readonly TaintSource[] {
    return this.seen;
  }

  /** Records text the user typed: values found in it are the user's, not the attacker's. */
  addTrusted(text: string): void {
    this.add(this.trusted, text, { kind: 'user', id: '' });
  }

  private add(side: Side, text: string, source: TaintSource): void {
    if (typeof text !== 'string' || text.length === 0) return;
    let input = text;
    if (input.length > this.maxChars) {
      this.dropped += input.length - this.maxChars;
      input = input.slice(0, this.maxChars);
    }
    const step = this.chunkChars - OVERLAP;
    for (let start = 0; start < input.length; start += step) {
      const chunk = input.slice(start, start + this.chunkChars);
      let compact = foldCompact(chunk);
      // NFKC can expand a string; the bound is on what we keep, not on what we were given.
      if (compact.length > this.maxChars) compact = compact.slice(0, this.maxChars);
      const indicators = extractIndicators(foldSpaced(chunk));
      let size = compact.length;
      for (const k of indicators) size += k.length;
      side.push({ source, compact, indicators, size: Math.min(size, this.maxChars) });
      if (start + this.chunkChars >= input.length) break;
    }
  }

  /**
   * Where a tool-argument value came from untrusted text, if it did. Strings are compared whole (exact or as a
   * substring of an untrusted text, after folding) and by the indicators inside them; numbers and booleans as
   * their text; arrays and objects by their string leaves (bounded). An empty result means "not tainted".
   */
  findTaint(value: unknown): TaintMatch[] {
    const matches: TaintMatch[] = [];
    const seen = new Set<string>();
    for (const s of leaves(value)) {
      this.findInString(s, matches, seen);
      if (matches.length >= this.maxMatches) break;
    }
    return matches;
  }

  private findInString(value: string, matches: TaintMatch[], seen: Set<string>): void {
    if (this.untrusted.entries.length === 0) return;
    const compact = foldCompact(value);
    if (compact.length === 0) return;
    // The user typed this very value: it is theirs.
    if (this.trusted.entries.some((e) => e.compact.includes(compact))) return;
    const own = extractIndicators(foldSpaced(value), 256);
    const isTrusted = (k: IndicatorKey) => this.trusted.entries.some((e) => e.indicators.has(k));
    // One token ("HTTPS://Corp.example/x/") whose every URL/e-mail/path the user gave, written differently: theirs too.
    const token = !/\s/u.test(value.trim());
    if (token && own.size > 0 && [...own].every(isTrusted)) return;

    const push = (m: TaintMatch): void => {
      const key = `${m.source.kind}\u0000${m.source.id}\u0000${m.how}`;
      if (matches.length < this.maxMatches && !seen.has(key)) {
        seen.add(key);
        matches.push(m);
      }
    };

    // Newest first: the most recent source is the most likely origin and the most useful one to report.
    const entries = this.untrusted.entries;
    if (compact.length >= this.minMatchLength) {
      for (let i = entries.length - 1; i >= 0; i--) {
        const e = entries[i]!;
        if (e.compact.includes(compact))
          push({ source: e.source, how: e.compact === compact ? 'exact' : 'substring' });
      }
    }

    // A bare value can itself be an indicator ("evil.example", "/etc/passwd") even without surrounding text.
    for (const k of own) {
      if (isTrusted(k)) continue;
      for (let i = entries.length - 1; i >= 0; i--) {
        const e = entries[i]!;
        if (e.indicators.has(k)) push({ source: e.source, how: k.slice(0, k.indexOf(':')) as IndicatorKind });
      }
    }
  }

  stats(): TaintLedgerStats {
    return {
      entries: this.untrusted.entries.length,
      chars: this.untrusted.chars,
      trustedEntries: this.trusted.entries.length,
      trustedChars: this.trusted.chars,
      droppedChars: this.dropped,
    };
  }
}

const MAX_LEAVES = 256;
const MAX_DEPTH = 16;

/** The string leaves of a JSON-like value, bounded in count and depth. */
function leaves(value: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (out.length >= MAX_LEAVES || depth > MAX_DEPTH) return;
    if (typeof v === 'string') out.push(v);
    else if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') out.push(String(v));
    else if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
    else if (v !== null && typeof v === 'object') for (const x of Object.values(v)) walk(x, depth + 1);
  };
  walk(value, 0);
  return out;
}
