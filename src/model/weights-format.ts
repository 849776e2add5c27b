// The weight file: a small binary container of named float16/float32 tensors, and the JSON manifest that
// pins it by sha256. Any mismatch (hash, magic, bounds, non-finite values) is MODEL_WEIGHTS_INVALID: a model
// that loads wrong would silently stop catching attacks, which is worse than failing loudly.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { RampartError } from '../core/errors.js';

const MAGIC = 'RMPTW\x001\x00';

export type DType = 'f16' | 'f32';
export interface Tensor {
  name: string;
  dtype: DType;
  data: Float32Array;
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

// float16 (IEEE 754 binary16) by hand: Node 20 has no Float16Array. Round to nearest even.
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

export function toHalf(value: number): number {
  f32[0] = value;
  const x = u32[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant !== 0 ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    let m = mant >>> shift;
    const rest = mant & ((1 << shift) - 1);
    if (rest > half || (rest === half && (m & 1) === 1)) m++;
    return sign | m;
  }
  let h = sign | (e << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && (h & 1) === 1)) h++;
  return h;
}

export function fromHalf(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant === 0 ? sign * Infinity : NaN;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

let halves: Float32Array | undefined;
/** All 65,536 float16 values as float32 (decoding a weight file is then one lookup per value). */
function halfTable(): Float32Array {
  if (halves === undefined) {
    halves = new Float32Array(65536);
    for (let h = 0; h < 65536; h++) halves[h] = fromHalf(h);
  }
  return halves;
}

/** What a tensor will read back as after quantization (for measuring the quantized model at training time). */
export function quantize(data: Float32Array, dtype: DType): Float32Array {
  if (dtype === 'f32') return Float32Array.from(data);
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = fromHalf(toHalf(data[i]!));
  return out;
}

const Header = z.object({
  tensors: z.array(
    z.object({
      name: z.string(),
      dtype: z.enum(['f16', 'f32']),
      length: z.number().int().min(0),
      offset: z.number().int().min(0),
    }),
  ),
});

export function encodeWeights(tensors: readonly Tensor[]): Uint8Array {
  const entries: Array<{ name: string; dtype: DType; length: number; offset: number }> = [];
  let offset = 0;
  for (const t of tensors) {
    entries.push({ name: t.name, dtype: t.dtype, length: t.data.length, offset });
    offset += t.data.length * (t.dtype === 'f16' ? 2 : 4);
    offset = (offset + 7) & ~7;
  }
  const header = Buffer.from(JSON.stringify({ tensors: entries }), 'utf8');
  const headerLen = (header.length + 7) & ~7;
  const dataStart = 8 + 4 + headerLen + 4;
  const out = Buffer.alloc(dataStart + offset, 0);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(header.length, 8);
  header.copy(out, 12);
  out.writeUInt32LE(offset, 12 + headerLen);
  tensors.forEach((t, i) => {
    let at = dataStart + entries[i]!.offset;
    for (const v of t.data) {
      if (t.dtype === 'f16') {
        out.writeUInt16LE(toHalf(v), at);
        at += 2;
      } else {
        out.writeFloatLE(v, at);
        at += 4;
      }
    }
  });
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

const invalid = (msg: string, cause?: unknown): RampartError =>
  new RampartError(
    'MODEL_WEIGHTS_INVALID',
    `injection model weights: ${msg}`,
    cause === undefined ? undefined : { cause },
  );

/** Parses a weight file after checking its sha256; throws MODEL_WEIGHTS_INVALID on any inconsistency. */
export function decodeWeights(bytes: Uint8Array, expectedSha256: string): Map<string, Float32Array> {
  if (sha256(bytes) !== expectedSha256)
    throw invalid('sha256 does not match the manifest (corrupt or replaced file)');
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 16 || buf.toString('latin1', 0, 8) !== MAGIC) throw invalid('not a Rampart weight file');
  const headerLen = buf.readUInt32LE(8);
  const padded = (headerLen + 7) & ~7;
  if (12 + padded + 4 > buf.length) throw invalid('truncated header');
  let header: z.infer<typeof Header>;
  try {
    header = Header.parse(JSON.parse(buf.toString('utf8', 12, 12 + headerLen)));
  } catch (cause) {
    throw invalid('unreadable header', cause);
  }
  const dataLen = buf.readUInt32LE(12 + padded);
  const dataStart = 12 + padded + 4;
  if (dataStart + dataLen !== buf.length) throw invalid('truncated or padded data');
  const out = new Map<string, Float32Array>();
  for (const t of header.tensors) {
    const width = t.dtype === 'f16' ? 2 : 4;
    if (t.offset + t.length * width > dataLen) throw invalid(`tensor ${t.name} out of bounds`);
    const data = new Float32Array(t.length);
    let at = dataStart + t.offset;
    if (t.dtype === 'f16') {
      const lut = halfTable();
      for (let i = 0; i < t.length; i++, at += 2) data[i] = lut[buf[at]! | (buf[at + 1]! << 8)]!;
    } else for (let i = 0; i < t.length; i++, at += 4) data[i] = buf.readFloatLE(at);
    for (let i = 0; i < t.length; i++)
      if (!Number.isFinite(data[i]!)) throw invalid(`tensor ${t.name} holds a non-finite value`);
    out.set(t.name, data);
  }
  return out;
}

export const HeadManifest = z.object({
  learner: z.enum(['logistic', 'mlp']),
  calibration: z.object({ method: z.literal('platt'), a: z.number(), b: z.number() }),
  /** Calibrated-probability threshold: a score >= it is a finding. */
  threshold: z.number().min(0).max(1),
  thresholdRule: z.string(),
  devMetrics: z.record(z.string(), z.unknown()),
});
export type HeadManifest = z.infer<typeof HeadManifest>;

export const Manifest = z.object({
  name: z.literal('injection'),
  version: z.string(),
  weights: z.object({
    file: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/u),
    bytes: z.number().int(),
  }),
  trainingData: z.object({ file: z.string(), sha256: z.string(), rows: z.number().int() }),
  features: z.object({
    bits: z.number().int().min(8).max(24),
    charMin: z.number().int().min(1),
    charMax: z.number().int().max(8),
    wordMax: z.number().int().min(1).max(4),
    ruleBits: z.number().int().min(4).max(16),
    lowercase: z.boolean(),
    digitsFolded: z.boolean(),
    hash: z.string(),
    /** Cue set of the rule-feature table (cues.ts); absent in model files written before set 2: set 1. */
    cues: z.union([z.literal(1), z.literal(2)]).optional(),
  }),
  windows: z.object({
    userWhole: z.number().int(),
    userWindow: z.number().int(),
    sentenceMax: z.number().int(),
  }),
  heads: z.object({ user: HeadManifest, untrusted: HeadManifest }),
  /** Character LM of benign text (tensors lm.ctx / lm.joint) whose surprisal feeds the user head (charlm.ts). */
  lm: z
    .object({
      bits: z.number().int().min(8).max(24),
      jointBits: z.number().int().min(8).max(24),
      order: z.number().int().min(1).max(8),
      vocab: z.number().positive(),
      span: z.number().int().positive(),
      /** Tables are stored as ln(1 + count). */
      encoding: z.literal('log1p-count'),
      edges: z.object({
        mean: z.array(z.number()),
        peak: z.array(z.number()),
        frac: z.array(z.number()),
        tail: z.array(z.number()),
        high: z.number(),
      }),
    })
    .optional(),
  /**
   * Heads that score untrusted text. With both, the user head (at `userThreshold`) also flags documents, and
   * the untrusted threshold was chosen so that the two together stay at the documented FPR on clean documents.
   */
  documents: z
    .object({
      heads: z.array(z.enum(['untrusted', 'user'])).min(1),
      userThreshold: z.number().min(0).max(1),
      rule: z.string(),
    })
    .optional(),
  training: z.record(z.string(), z.unknown()),
});
export type Manifest = z.infer<typeof Manifest>;
