// Rug-pull defence: a tool definition is pinned (sha256 of its canonical JSON) the first time it is seen; when a
// server later serves a different definition under the same name, the change is recorded as `pending` and the
// proxy blocks (or alerts on) the tool until a person accepts the new definition or forgets the pin.
// Pins live in memory or in a JSON file. A corrupt or unreadable pin file is an error, never "no pins": starting
// from nothing would silently re-trust every changed tool.
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { RampartError } from '../../core/errors.js';
import { readBoundedText } from '../../policy/yaml-source.js';
import type { ToolDefinition } from './description-scan.js';

const MAX_PIN_FILE_BYTES = 16 * 1024 * 1024;
const MAX_CANONICAL_DEPTH = 64;

/** JSON with object keys sorted at every level: the same definition always hashes the same. */
export function canonicalJson(value: unknown, depth = 0): string {
  if (depth > MAX_CANONICAL_DEPTH)
    throw new RampartError('TOOL_SCHEMA_INVALID', 'tool definition is nested too deeply');
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v, depth + 1)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v, depth + 1)}`).join(',')}}`;
}

/** sha256 (hex) of what the model reads and what the call accepts: name, title, description, schemas, annotations. */
export function toolDefinitionHash(def: ToolDefinition): string {
  const pinned = {
    name: def.name,
    title: def.title,
    description: def.description,
    inputSchema: def.inputSchema,
    outputSchema: def.outputSchema,
    annotations: def.annotations,
  };
  return createHash('sha256').update(canonicalJson(pinned)).digest('hex');
}

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/u);
const PinRecord = z.strictObject({
  sha256: Sha256,
  firstSeen: z.string().max(64),
  pending: z.strictObject({ sha256: Sha256, seenAt: z.string().max(64) }).optional(),
});
export type PinRecord = z.infer<typeof PinRecord>;
const PinFile = z.strictObject({
  version: z.literal(1),
  pins: z.record(z.string().min(1).max(256), PinRecord),
});

export type PinCheck =
  | { status: 'new'; sha256: string }
  | { status: 'same'; sha256: string }
  | { status: 'changed'; sha256: string; pinned: string };

export interface ToolPinsOptions {
  /** JSON file to persist pins in; in memory when absent. */
  file?: string;
  now?: () => number;
}

export class ToolPins {
  private pins = new Map<string, PinRecord>();
  private readonly file: string | undefined;
  private readonly now: () => number;
  private loadedStamp = '';
  private batching = 0;
  private dirty = false;

  constructor(options: ToolPinsOptions = {}) {
    this.file = options.file;
    this.now = options.now ?? Date.now;
    this.reload();
  }

  /** Re-reads the pin file when it changed on disk (`rampart mcp-proxy pins --accept` from another process). */
  reload(): void {
    if (!this.file) return;
    let stamp: string;
    try {
      const st = statSync(this.file);
      stamp = `${st.mtimeMs}:${st.size}`;
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException)?.code === 'ENOENT') {
        // No file yet: nothing pinned. (A file that existed and vanished means the pins were deleted on purpose.)
        this.pins = new Map();
        this.loadedStamp = '';
        return;
      }
      throw new RampartError('CONFIG_INVALID', `${this.file}: cannot read the MCP pin file`, { cause });
    }
    if (stamp === this.loadedStamp) return;
    const text = readBoundedText(
      this.file,
      MAX_PIN_FILE_BYTES,
      { tooLarge: 'CONFIG_INVALID', notFound: 'CONFIG_NOT_FOUND' },
      'MCP pin file',
    );
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw new RampartError('CONFIG_INVALID', `${this.file}: the MCP pin file is not valid JSON`);
    }
    const parsed = PinFile.safeParse(raw);
    if (!parsed.success)
      throw new RampartError(
        'CONFIG_INVALID',
        `${this.file}: the MCP pin file is malformed (${parsed.error.issues[0]?.message ?? 'invalid'})`,
      );
    this.pins = new Map(Object.entries(parsed.data.pins));
    this.loadedStamp = stamp;
  }

  /** Compares a definition with its pin; pins it when new, records it as pending when changed. */
  check(exposedName: string, def: ToolDefinition): PinCheck {
    const sha256 = toolDefinitionHash(def);
    const pin = this.pins.get(exposedName);
    const at = new Date(this.now()).toISOString();
    if (!pin) {
      this.pins.set(exposedName, { sha256, firstSeen: at });
      this.save();
      return { status: 'new', sha256 };
    }
    if (pin.sha256 === sha256) {
      if (pin.pending) {
        // The server went back to the pinned definition: nothing is pending any more.
        const { pending: _p, ...rest } = pin;
        this.pins.set(exposedName, rest);
        this.save();
      }
      return { status: 'same', sha256 };
    }
    if (pin.pending?.sha256 !== sha256) {
      this.pins.set(exposedName, { ...pin, pending: { sha256, seenAt: at } });
      this.save();
    }
    return { status: 'changed', sha256, pinned: pin.sha256 };
  }

  /** Accepts the pending (changed) definition of a tool as its new pin. */
  accept(exposedName: string): PinRecord {
    this.reload();
    const pin = this.pins.get(exposedName);
    if (!pin) throw new RampartError('KEY_NOT_FOUND', `no pin for tool '${clip(exposedName)}'`);
    if (!pin.pending)
      throw new RampartError(
        'INPUT_INVALID',
        `tool '${clip(exposedName)}' has no changed definition to accept`,
      );
    const next: PinRecord = { sha256: pin.pending.sha256, firstSeen: pin.pending.seenAt };
    this.pins.set(exposedName, next);
    this.save();
    return next;
  }

  /** Deletes a pin: the next definition seen is pinned afresh. Returns whether there was one. */
  forget(exposedName: string): boolean {
    this.reload();
    const had = this.pins.delete(exposedName);
    if (had) this.save();
    return had;
  }

  /** Runs `fn` with writes deferred: a listing of 500 tools writes the pin file once, not 500 times. */
  async batch<T>(fn: () => Promise<T>): Promise<T> {
    this.batching++;
    try {
      return await fn();
    } finally {
      if (--this.batching === 0 && this.dirty) this.save();
    }
  }

  get(exposedName: string): PinRecord | undefined {
    return this.pins.get(exposedName);
  }

  list(): Array<{ name: string } & PinRecord> {
    return [...this.pins.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, r]) => ({ name, ...r }));
  }

  private save(): void {
    if (!this.file) return;
    if (this.batching > 0) {
      this.dirty = true;
      return;
    }
    this.dirty = false;
    const body = JSON.stringify({ version: 1, pins: Object.fromEntries(this.pins) }, null, 2);
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      // Write then rename: a crash mid-write never leaves a truncated pin file (which would fail closed at start).
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, `${body}\n`, { mode: 0o600 });
      renameSync(tmp, this.file);
      const st = statSync(this.file);
      this.loadedStamp = `${st.mtimeMs}:${st.size}`;
    } catch (cause) {
      throw new RampartError('STORE_UNAVAILABLE', `${this.file}: cannot write the MCP pin file`, { cause });
    }
  }
}

function clip(s: string): string {
  return s.length > 128 ? `${s.slice(0, 128)}…` : s;
}
