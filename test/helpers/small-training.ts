// The small training recipe and fixture that model tests train on (seconds, not minutes): one copy, so a
// change to TrainOptions is made once.
import { DEFAULT_FEATURES } from '../../src/model/features.js';

export const TRAIN_FIXTURE = new URL('../fixtures/model/train.jsonl', import.meta.url).pathname;

export const SMALL_TRAINING = {
  features: { ...DEFAULT_FEATURES, bits: 14 },
  augmentInsertions: 40,
  augmentObfuscations: 20,
  augmentJailbreaks: 40,
  structuredDocs: 30,
  nearMisses: 16,
  augmentParaphrases: 40,
  agentAsks: 30,
  lm: { bits: 12, jointBits: 13, order: 4, vocab: 96, span: 320 },
};
