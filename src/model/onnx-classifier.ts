// A user-supplied ONNX text classifier (e.g. Llama Prompt Guard 2, a DeBERTa prompt-injection model) run
// in-process. The runtime (`onnxruntime-node`) and tokenizer (`@huggingface/tokenizers`, pure JS, no network
// code) are optional peer packages imported on first use only, so `import 'rampart'` never loads 300 MB of
// native code. Weights and tokenizer come from local files whose sha256 the policy pins: a swapped model file
// is a MODEL_WEIGHTS_INVALID error, never a silently different detector. Nothing is ever downloaded.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { RampartError } from '../core/errors.js';
import type { Span } from '../core/types.js';
import { maxTokens, planWindows, splitPieces } from './token-windows.js';

type Ort = typeof import('onnxruntime-node');
type TokenizerModule = typeof import('@huggingface/tokenizers');
type Tokenizer = InstanceType<TokenizerModule['Tokenizer']>;

export const RUNTIME_PACKAGE = 'onnxruntime-node';
export const TOKENIZER_PACKAGE = '@huggingface/tokenizers';

const INSTALL_HINT: Readonly<Record<string, string>> = {
  [RUNTIME_PACKAGE]:
    ' (its CPU binary ships in the package: disable its install script with ONNXRUNTIME_NODE_INSTALL=skip or "allowScripts": {"onnxruntime-node": false})',
};

const missing = (name: string, cause?: unknown): RampartError =>
  new RampartError(
    'POLICY_INVALID',
    `scanner onnx-classifier needs the optional package ${name}, which is not installed: npm install ${name}${INSTALL_HINT[name] ?? ''}`,
    { cause },
  );

/** Throws POLICY_INVALID naming the package when it cannot be resolved; loads nothing (guard creation is synchronous). */
export function assertInstalled(name: string): void {
  try {
    createRequire(import.meta.url).resolve(name);
  } catch (cause) {
    throw missing(name, cause);
  }
}

/** `import(name)`, with a missing package as POLICY_INVALID naming it. */
export async function importOptional<T>(name: string): Promise<T> {
  try {
    return (await import(name)) as T;
  } catch (cause) {
    throw missing(name, cause);
  }
}

/** ONNX files hold the whole graph and weights; 2 GiB is the protobuf limit for a single-file model. */
const MAX_MODEL_BYTES = 2 * 1024 * 1024 * 1024;
const MAX_TOKENIZER_BYTES = 64 * 1024 * 1024;
/** Characters handed to the tokenizer at once. */
const PIECE_CHARS = 512;

async function readPinned(path: string, sha256: string, maxBytes: number, what: string): Promise<Buffer> {
  let bytes: Buffer;
  try {
    const size = (await stat(path)).size;
    if (size > maxBytes)
      throw new RampartError(
        'MODEL_WEIGHTS_INVALID',
        `${what} ${path} is ${size} bytes; the limit is ${maxBytes}`,
      );
    bytes = await readFile(path);
  } catch (cause) {
    if (cause instanceof RampartError) throw cause;
    throw new RampartError('MODEL_WEIGHTS_INVALID', `${what} ${path} cannot be read`, { cause });
  }
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== sha256.toLowerCase())
    throw new RampartError(
      'MODEL_WEIGHTS_INVALID',
      `${what} ${path} has sha256 ${actual}; the policy pins ${sha256.toLowerCase()}`,
    );
  return bytes;
}

export interface ClassifierFiles {
  model: string;
  modelSha256: string;
  tokenizer: string;
  tokenizerSha256: string;
  tokenizerConfig?: string | undefined;
  tokenizerConfigSha256?: string | undefined;
  /** Output labels in the model's order (its config.json `id2label`). */
  labels: readonly string[];
  threads: number;
}

export interface WindowSettings {
  activation: 'softmax' | 'sigmoid';
  /** Tokens per window, special tokens included. */
  maxLength: number;
  maxWindows: number;
  overlap: number;
}

export interface LabelScore {
  label: string;
  /** The highest probability of the label over all windows. */
  score: number;
  /** Where in the text the best window lies (whole tokenizer pieces, so slightly wider than the window). */
  span: Span;
}

export interface OnnxClassifier {
  /** One score per label, or none for text without tokens. */
  classify(text: string, settings: WindowSettings): Promise<LabelScore[]>;
}

const FEEDS = ['input_ids', 'attention_mask', 'token_type_ids'] as const;

/** Reads, verifies and opens the model and tokenizer. Every failure is MODEL_WEIGHTS_INVALID or POLICY_INVALID. */
export async function loadOnnxClassifier(
  files: ClassifierFiles,
  packages: { runtime?: string; tokenizer?: string } = {},
): Promise<OnnxClassifier> {
  const ortModule = await importOptional<Ort & { default?: Ort }>(packages.runtime ?? RUNTIME_PACKAGE);
  const ort = ortModule.InferenceSession ? ortModule : (ortModule.default ?? ortModule);
  const { Tokenizer } = await importOptional<TokenizerModule>(packages.tokenizer ?? TOKENIZER_PACKAGE);

  const tokJson = await readPinned(files.tokenizer, files.tokenizerSha256, MAX_TOKENIZER_BYTES, 'tokenizer');
  const cfgJson =
    files.tokenizerConfig !== undefined && files.tokenizerConfigSha256 !== undefined
      ? await readPinned(
          files.tokenizerConfig,
          files.tokenizerConfigSha256,
          MAX_TOKENIZER_BYTES,
          'tokenizer config',
        )
      : undefined;
  let tokenizer: Tokenizer;
  try {
    tokenizer = new Tokenizer(
      JSON.parse(tokJson.toString('utf8')) as object,
      cfgJson ? (JSON.parse(cfgJson.toString('utf8')) as object) : {},
    );
  } catch (cause) {
    throw new RampartError(
      'MODEL_WEIGHTS_INVALID',
      `tokenizer ${files.tokenizer} is not a valid tokenizer.json`,
      {
        cause,
      },
    );
  }
  const special = specialTokens(tokenizer, files.tokenizer);

  const modelBytes = await readPinned(files.model, files.modelSha256, MAX_MODEL_BYTES, 'ONNX model');
  let session: Awaited<ReturnType<Ort['InferenceSession']['create']>>;
  try {
    session = await ort.InferenceSession.create(modelBytes, {
      executionProviders: ['cpu'],
      intraOpNumThreads: files.threads,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
    });
  } catch (cause) {
    throw new RampartError('MODEL_WEIGHTS_INVALID', `ONNX model ${files.model} cannot be opened`, { cause });
  }
  const unknown = session.inputNames.filter((n) => !(FEEDS as readonly string[]).includes(n));
  if (unknown.length || !session.inputNames.includes('input_ids'))
    throw new RampartError(
      'MODEL_WEIGHTS_INVALID',
      `ONNX model ${files.model} takes inputs ${session.inputNames.join(', ')}; expected input_ids and optionally attention_mask, token_type_ids`,
    );
  const outputName = session.outputNames[0]!;
  const labels = files.labels;

  return {
    async classify(text, settings) {
      const content = settings.maxLength - special.prefix.length - special.suffix.length;
      if (content - settings.overlap < 1)
        throw new RampartError(
          'POLICY_INVALID',
          `onnx-classifier: maxLength ${settings.maxLength} leaves no room past ${special.prefix.length + special.suffix.length} special tokens and an overlap of ${settings.overlap}`,
        );
      const limit = maxTokens(content, settings.overlap, settings.maxWindows);
      const ids: number[] = [];
      const pieceOf: Span[] = [];
      for (const piece of splitPieces(text, PIECE_CHARS)) {
        const enc = tokenizer.encode(text.slice(piece[0], piece[1]), { add_special_tokens: false });
        for (const id of enc.ids) {
          if (!Number.isInteger(id))
            throw new RampartError(
              'MODEL_WEIGHTS_INVALID',
              `tokenizer ${files.tokenizer} produced a token without an id`,
            );
          ids.push(id);
          pieceOf.push(piece);
        }
        // Past what the windows can hold: planWindows reports it; tokenizing the rest would be wasted work.
        if (ids.length > limit) break;
      }
      const plan = planWindows(ids.length, content, settings.overlap, settings.maxWindows);
      if (plan.starts.length === 0) return [];
      // Every window has the same length (the last is moved back to end at the last token): one batch, no padding.
      const width = Math.min(content, ids.length) + special.prefix.length + special.suffix.length;
      const batch = plan.starts.length;
      const inputIds = new BigInt64Array(batch * width);
      plan.starts.forEach((start, b) => {
        const row = [...special.prefix, ...ids.slice(start, start + content), ...special.suffix];
        row.forEach((id, j) => (inputIds[b * width + j] = BigInt(id)));
      });
      const feeds: Record<string, InstanceType<Ort['Tensor']>> = {};
      for (const name of session.inputNames) {
        const data =
          name === 'input_ids'
            ? inputIds
            : new BigInt64Array(batch * width).fill(name === 'attention_mask' ? 1n : 0n);
        feeds[name] = new ort.Tensor('int64', data, [batch, width]);
      }
      const out = (await session.run(feeds))[outputName]!;
      const dims = out.dims;
      if (
        dims.length !== 2 ||
        dims[0] !== batch ||
        dims[1] !== labels.length ||
        !(out.data instanceof Float32Array)
      )
        throw new RampartError(
          'MODEL_WEIGHTS_INVALID',
          `ONNX model ${files.model} output ${outputName} has shape [${dims.join(', ')}]; expected [${batch}, ${labels.length}] float32 (one logit per configured label)`,
        );
      const logits = out.data;
      // A NaN would compare below every threshold and pass the text: a model that emits one is broken.
      if (!logits.every(Number.isFinite))
        throw new RampartError(
          'MODEL_WEIGHTS_INVALID',
          `ONNX model ${files.model} produced a non-finite logit`,
        );
      return labels.map((label, k) => {
        let best = -1;
        let at = 0;
        for (let b = 0; b < batch; b++) {
          const p = probability(logits, b * labels.length, labels.length, k, settings.activation);
          if (p > best) [best, at] = [p, b];
        }
        const first = plan.starts[at]!;
        const last = Math.min(first + content, ids.length) - 1;
        return { label, score: best, span: [pieceOf[first]![0], pieceOf[last]![1]] as const };
      });
    },
  };
}

function probability(
  logits: Float32Array,
  offset: number,
  n: number,
  k: number,
  activation: 'softmax' | 'sigmoid',
): number {
  if (activation === 'sigmoid') return 1 / (1 + Math.exp(-logits[offset + k]!));
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, logits[offset + i]!);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.exp(logits[offset + i]! - max);
  return Math.exp(logits[offset + k]! - max) / sum;
}

/**
 * The special tokens the tokenizer's post-processor puts around one sequence ([CLS] … [SEP] for BERT,
 * <s> … </s> for DeBERTa and RoBERTa): each window gets them, as the model saw in training.
 */
function specialTokens(tokenizer: Tokenizer, path: string): { prefix: number[]; suffix: number[] } {
  const full: number[] = tokenizer.encode('a').ids;
  const bare: number[] = tokenizer.encode('a', { add_special_tokens: false }).ids;
  for (let i = 0; i + bare.length <= full.length; i++) {
    if (bare.every((id, j) => full[i + j] === id))
      return { prefix: full.slice(0, i), suffix: full.slice(i + bare.length) };
  }
  throw new RampartError(
    'MODEL_WEIGHTS_INVALID',
    `tokenizer ${path}: cannot tell its special tokens from the text`,
  );
}
