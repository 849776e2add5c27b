// A tiny ONNX text classifier and its tokenizer, written by the tests themselves (nothing is downloaded):
// word embedding → zero the padding → max over the sequence → linear layer → logits [batch, 3] for the labels
// BENIGN, INJECTION, JAILBREAK. Max pooling makes one trigger word decide its window whatever the window's
// length, so a trigger placed after the first window is caught only if the scanner really windows the text.
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export const TINY_LABELS = ['BENIGN', 'INJECTION', 'JAILBREAK'] as const;

const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'];
const NEUTRAL = (
  'hello the weather is nice today please summarize this document and tell me about cats ' +
  'what a lovely garden we planted tomatoes in spring'
).split(' ');
/** Trigger words and the feature they raise: 1 = injection, 2 = jailbreak. */
const TRIGGERS: Record<string, 1 | 2> = { ignore: 1, disregard: 1, dan: 2, unfiltered: 2 };

export interface TinyClassifier {
  dir: string;
  modelPath: string;
  modelSha256: string;
  tokenizerPath: string;
  tokenizerSha256: string;
}

const sha256 = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');

function vocabulary(extra: number): string[] {
  const words = [...SPECIAL, ...new Set([...NEUTRAL, ...Object.keys(TRIGGERS)])];
  for (let i = 0; words.length < extra; i++) words.push(`w${i}`);
  return words;
}

/** tokenizer.json of a lower-casing, whitespace-splitting WordPiece tokenizer with BERT-style [CLS] … [SEP]. */
export function tinyTokenizerJson(vocab: readonly string[]): string {
  const added = SPECIAL.map((content, id) => ({
    id,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  }));
  const special = (t: string) => ({ id: t, ids: [vocab.indexOf(t)], tokens: [t] });
  return JSON.stringify({
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: added,
    normalizer: { type: 'Lowercase' },
    pre_tokenizer: { type: 'Whitespace' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: { '[CLS]': special('[CLS]'), '[SEP]': special('[SEP]') },
    },
    decoder: null,
    model: {
      type: 'WordPiece',
      vocab: Object.fromEntries(vocab.map((w, i) => [w, i])),
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
    },
  });
}

const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;

const floatTensor = (name: string, dims: number[], values: Float32Array) =>
  onnx.TensorProto.create({
    name,
    dims,
    dataType: FLOAT,
    rawData: new Uint8Array(values.buffer, values.byteOffset, values.byteLength),
  });

const valueInfo = (name: string, elemType: number, dims: Array<string | number>) =>
  onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType,
        shape: {
          dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })),
        },
      },
    },
  });

const node = (opType: string, input: string[], output: string[], attribute: object[] = []) =>
  onnx.NodeProto.create({ opType, input, output, name: output[0], attribute });

/**
 * The model's bytes. `width` is the embedding width; `layers` adds that many per-token feed-forward blocks
 * (width → 4·width → width, as in a BERT layer, without attention) before pooling, to time a model whose
 * cost grows with the tokens like a real one. Their matrices pass the first `width` features through
 * unchanged, so the labels stay what the embedding says.
 */
export function tinyModelBytes(
  vocab: readonly string[],
  width = 3,
  layers = 0,
  bias: readonly number[] = [0, 0, 0],
): Uint8Array {
  const emb = new Float32Array(vocab.length * width);
  vocab.forEach((w, i) => {
    if (SPECIAL.includes(w)) return;
    const trigger = TRIGGERS[w];
    emb[i * width + (trigger ?? 0)] = trigger ? 6 : 1;
  });
  const head = new Float32Array(width * 3);
  head[0 * 3 + 0] = 2; // BENIGN ← feature 0 (any ordinary word)
  head[1 * 3 + 1] = 1; // INJECTION ← feature 1
  head[2 * 3 + 2] = 1; // JAILBREAK ← feature 2
  const initializer = [
    floatTensor('emb', [vocab.length, width], emb),
    floatTensor('head', [width, 3], head),
    floatTensor('bias', [3], Float32Array.from(bias)),
    onnx.TensorProto.create({ name: 'axis_last', dims: [1], dataType: INT64, int64Data: [-1] }),
  ];
  const nodes = [
    node('Gather', ['emb', 'input_ids'], ['embedded'], [{ name: 'axis', type: 2, i: 0 }]),
    node('Cast', ['attention_mask'], ['mask_f'], [{ name: 'to', type: 2, i: FLOAT }]),
    node('Unsqueeze', ['mask_f', 'axis_last'], ['mask_3d']),
    node('Mul', ['embedded', 'mask_3d'], ['masked_0']),
  ];
  for (let l = 0; l < layers; l++) {
    const up = new Float32Array(width * 4 * width);
    const down = new Float32Array(4 * width * width);
    for (let i = 0; i < width; i++) {
      up[i * 4 * width + i] = 1;
      down[i * width + i] = 1;
    }
    initializer.push(
      floatTensor(`up_${l}`, [width, 4 * width], up),
      floatTensor(`down_${l}`, [4 * width, width], down),
    );
    nodes.push(
      node('MatMul', [`masked_${l}`, `up_${l}`], [`inner_${l}`]),
      node('Relu', [`inner_${l}`], [`act_${l}`]),
      node('MatMul', [`act_${l}`, `down_${l}`], [`masked_${l + 1}`]),
    );
  }
  nodes.push(
    node(
      'ReduceMax',
      [`masked_${layers}`],
      ['pooled'],
      [
        { name: 'axes', type: 7, ints: [1] },
        { name: 'keepdims', type: 2, i: 0 },
      ],
    ),
  );
  nodes.push(
    node('MatMul', ['pooled', 'head'], ['projected']),
    node('Add', ['projected', 'bias'], ['logits']),
  );
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'rampart-test',
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'tiny_classifier',
      node: nodes,
      initializer,
      input: [
        valueInfo('input_ids', INT64, ['batch', 'sequence']),
        valueInfo('attention_mask', INT64, ['batch', 'sequence']),
      ],
      output: [valueInfo('logits', FLOAT, ['batch', 3])],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

/** Writes model.onnx and tokenizer.json into a fresh temp dir and returns their paths and sha256. */
export function writeTinyClassifier(
  opts: { vocabSize?: number; width?: number; layers?: number; bias?: readonly number[] } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-onnx-'));
  const vocab = vocabulary(opts.vocabSize ?? 0);
  const model = tinyModelBytes(vocab, opts.width, opts.layers, opts.bias);
  const tokenizer = tinyTokenizerJson(vocab);
  const modelPath = join(dir, 'model.onnx');
  const tokenizerPath = join(dir, 'tokenizer.json');
  writeFileSync(modelPath, model);
  writeFileSync(tokenizerPath, tokenizer);
  return {
    dir,
    modelPath,
    modelSha256: sha256(model),
    tokenizerPath,
    tokenizerSha256: sha256(tokenizer),
  } satisfies TinyClassifier;
}
