// Trains the shipped PII token tagger and writes models/pii-tagger-v1.{bin,json}: `npm run train:pii`.
// Every locale's names and streets, TRAIN carrier templates only (the HELDOUT templates stay unseen for
// the out-of-family evaluation), plus benign documentation text and real benign text (names in it left
// unlabeled) from the ../shared/data train splits where present; never the dev splits.
// Deterministic (seeded PRNG, fixed visit order); about a minute on two cores.
import { writeFileSync } from 'node:fs';
import { MODEL_NAME, NT, TAGS, TaggerManifest } from '../../../src/scanners/pii/tagger.js';
import { encodeWeights, sha256 } from '../../../src/model/weights-format.js';
import { ALL_LOCALES } from './generate.js';
import {
  DEFAULT_SCORING,
  REAL_NEGATIVES,
  SHARED_INJECTION_TRAIN,
  TAGGER_BITS,
  TAGGER_CONTEXT_DROPOUT,
  TAGGER_DROPOUT,
  TAGGER_EPOCHS,
  TRAIN_LEXICON_KEEP,
  benignSnippets,
  outOfFamily,
  taggerLexicon,
  trainFamily,
} from './oof.js';

export const SHIPPED_N = 24_000;
export const SHIPPED_SEED = 7;

function main(): void {
  const t0 = Date.now();
  const benign = benignSnippets(SHARED_INJECTION_TRAIN, 3000);
  const model = trainFamily(SHIPPED_N, SHIPPED_SEED, ALL_LOCALES, benign, REAL_NEGATIVES);
  const lexicon = taggerLexicon(ALL_LOCALES);
  const bin = encodeWeights([{ name: 'w', dtype: 'f16', data: model.weights }]);
  const manifest: TaggerManifest = TaggerManifest.parse({
    name: MODEL_NAME,
    bits: TAGGER_BITS,
    tags: [...TAGS],
    weights: { file: `${MODEL_NAME}.bin`, sha256: sha256(bin) },
    lexicon,
    scoring: DEFAULT_SCORING,
    training: {
      generator: '@faker-js/faker (tools/model/pii/generate.ts)',
      locales: ALL_LOCALES.length,
      examples: SHIPPED_N,
      benignSnippets: benign.length,
      realTextNegatives: REAL_NEGATIVES,
      epochs: TAGGER_EPOCHS,
      dropout: TAGGER_DROPOUT,
      contextDropout: TAGGER_CONTEXT_DROPOUT,
      lexiconKeptWhileTraining: TRAIN_LEXICON_KEEP / 100,
      seed: SHIPPED_SEED,
    },
  });
  const dir = new URL('../../../models/', import.meta.url);
  writeFileSync(new URL(`${MODEL_NAME}.bin`, dir), bin);
  writeFileSync(new URL(`${MODEL_NAME}.json`, dir), `${JSON.stringify(manifest)}\n`);
  console.log(
    `wrote ${MODEL_NAME}: ${(1 << TAGGER_BITS) * NT} weights, lexicon ${Object.values(lexicon).reduce((a, l) => a + l.length, 0)} words, ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  if (process.argv.includes('--oof')) {
    const r = outOfFamily({ benign, shipped: model });
    console.log(JSON.stringify(r, null, 2));
  }
}

main();
